"""Typst typesetting: whatever people typed prints as written — never as markup — and a document with a field
left out still prints. Each PDF is PDF/UA-1, titled, in its language, with its fonts embedded."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from proficio.printing.typeset import PrintingError, typeset

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")


def _document(comment: str, **extra: Any) -> dict[str, Any]:
    return {
        "title": "Report card — Semester 1: Ana Ruiz",
        "heading": "Report card — Semester 1",
        "lang": "en",
        "school": "Northfield High School",
        "running": "Ana Ruiz · S100 · Report card",
        "school_line": "Northfield High School · Northfield District",
        "id_line": "Ana Ruiz · Student no. S100 · Grade 9",
        "term_line": "Aug 25, 2025 – Jan 16, 2026 · As of Jan 16, 2026",
        "summary": "",
        "sections": [
            {
                "heading": "Proficiency by course",
                "blocks": [
                    {"kind": "heading", "text": "English 9 · ELA09 · English language arts"},
                    {"kind": "lines", "rows": [["3 Meets ✓", "ELA.1 Reading literature (2 pieces of evidence)"]]},
                    {"kind": "text", "text": f"Teacher's comment (Tess Teacher): {comment}"},
                ],
            }
        ],
        "end": "End of report card for Ana Ruiz",
        **extra,
    }


def _pdf(data: dict[str, Any], tmp_path: Path) -> tuple[str, str]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(typeset("report.typ", data))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split()), info


@pytest.mark.parametrize(
    "comment",
    [
        '#set text(red) #panic("no") *bold* _under_ $x^2$ <label> @ref `code` = Heading',
        "Great work! 🎉👍 Keep going.",
        "She wrote <script>alert(1)</script> & \\ backslashes // and /* comments */ ]) [",
    ],
    ids=["typst-markup", "emoji", "html-and-brackets"],
)
def test_what_a_teacher_typed_prints_as_written(comment: str, tmp_path: Path) -> None:
    text, info = _pdf(_document(comment), tmp_path)
    shown = "".join(ch if ord(ch) < 0x1F000 else "\ufffd" for ch in comment)  # DejaVu has no emoji: "�"
    assert " ".join(shown.split()) in text
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)


def test_a_long_comment_wraps_onto_further_lines_and_pages(tmp_path: Path) -> None:
    comment = " ".join(["Evidence of growth in argument writing."] * 50)  # 2,000 characters
    text, info = _pdf(_document(comment), tmp_path)
    assert comment[-200:].split()[-1] in text and "Pages:" in info


def test_a_document_with_fields_left_out_still_prints(tmp_path: Path) -> None:
    data = _document("Fine.")
    for name in ("summary", "term_line", "end", "running"):
        del data[name]
    del data["sections"][0]["blocks"][1]["rows"][0][1]
    text, _info = _pdf(data, tmp_path)
    assert "Report card — Semester 1" in text and "Fine." in text


def test_the_pdf_is_titled_in_its_language_with_fonts_embedded(tmp_path: Path) -> None:
    _text, info = _pdf(_document("Bien.", lang="es"), tmp_path)
    assert "Title:           Report card — Semester 1: Ana Ruiz" in info
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "doc.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all(row.split()[-5:-3] == ["yes", "yes"] for row in fonts)  # embedded and subset
    catalog = (tmp_path / "doc.pdf").read_bytes()
    assert b"/Lang (es)" in catalog or b"/Lang(es)" in catalog


def test_a_name_in_a_script_the_fonts_lack_still_prints(tmp_path: Path) -> None:
    data = _document("Fine.", running="王小明 · S101 · Report card")
    text, _info = _pdf(data, tmp_path)
    assert "\ufffd\ufffd\ufffd · S101" in text  # shown as replacement marks, and the document is whole


def test_only_the_templates_in_the_printing_folder_can_be_typeset() -> None:
    with pytest.raises(PrintingError):
        typeset("../typeset.py", {})


def test_requests_in_threads_typeset_at_the_same_time_without_mixing_documents(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    names = [f"Student {n}" for n in range(8)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        pdfs = list(pool.map(lambda name: typeset("report.typ", _document("Fine.", running=name)), names))
    for name, pdf in zip(names, pdfs, strict=True):
        (tmp_path / "doc.pdf").write_bytes(pdf)
        text = subprocess.run(
            ["pdftotext", str(tmp_path / "doc.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert name in text and not any(other in text for other in names if other != name)


def test_the_student_export_prints_typed_text_as_written_in_its_tables(tmp_path: Path) -> None:
    feedback = "Use #strong[this] and *that*; see <ref> and $5."
    data = {
        "title": "Student data export: Ana Ruiz",
        "heading": "Student data export",
        "lang": "en",
        "sections": [
            {"title": "Account", "count": 1, "fields": [["User name", "ana.ruiz"]]},
            {
                "title": "Scores",
                "count": 1,
                "columns": [{"heading": "No.", "width": 7, "numeric": True}, {"heading": "Feedback", "width": None}],
                "rows": [
                    {"grey": True, "cells": [{"text": "12"}, {"text": feedback, "notes": [["Corrects no. 9.", ""]]}]}
                ],
            },
            {"title": "Goals", "count": 0, "columns": [{"heading": "Goal"}], "rows": []},
        ],
        "none_label": "None.",
    }
    path = tmp_path / "export.pdf"
    path.write_bytes(typeset("student_export.typ", data))
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert feedback in text and "Corrects no. 9." in text and "None." in text


def test_a_document_whose_data_is_empty_still_prints(tmp_path: Path) -> None:
    for template in ("report.typ", "student_export.typ"):
        assert typeset(template, {}).startswith(b"%PDF")
