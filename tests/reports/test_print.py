"""Issued PDFs: text extractable, fonts embedded, page 1 as a PNG (test-artifacts/reports/), and a batch laid out
as one document cut into one correct PDF per student."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from proficio.demo.writer import DemoResult
from proficio.reports import documents
from proficio.reports.models import ReportKind
from proficio.reports.render import render_many, render_one
from proficio.reports.services import terms_for
from proficio.roster.models import AcademicSession, Student

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_demo_district")]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reports"
POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdftoppm"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils is not installed")


def _text(pdf: bytes, tmp_path: Path, name: str = "doc") -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _students_and_term(demo: DemoResult) -> tuple[list[Student], AcademicSession]:
    students = list(
        Student.objects.filter(school__highest_grade=12).select_related("user", "school__district").order_by("pk")
    )
    term = next(t for t in terms_for(students[0].school) if t.kind == AcademicSession.Kind.SEMESTER)
    return students, term


@needs_poppler
@pytest.mark.parametrize("kind", [ReportKind.REPORT_CARD, ReportKind.PROGRESS_REPORT, ReportKind.TRANSCRIPT])
def test_each_document_prints_with_text_fonts_and_a_first_page_png(
    demo_district: DemoResult, tmp_path: Path, kind: str
) -> None:
    students, term = _students_and_term(demo_district)
    if kind == ReportKind.PROGRESS_REPORT:  # the first term of the same school year
        term = min(
            (t for t in terms_for(students[0].school) if t.school_year == term.school_year), key=lambda t: t.start_date
        )
    (data,) = documents.build(kind, students[:1], None if kind == ReportKind.TRANSCRIPT else term)
    pdf = render_one(data)
    text = _text(pdf, tmp_path)
    assert data.name in text and data.student.student_number in text
    with translation.override(settings.LANGUAGE_CODE):  # issued in the school's language, whatever is active
        assert str(ReportKind(kind).label) in text
    if kind != ReportKind.TRANSCRIPT:
        assert data.courses and data.courses[0].title in text
        if kind == ReportKind.REPORT_CARD:  # work habits in their own table, after the academic levels
            assert data.has_habits and text.index("Habits of work") > text.index("Proficiency by course")
    else:
        assert "Graduation standards" in text and "Courses taken" in text
    (tmp_path / "doc.pdf").write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(tmp_path / "doc.pdf")], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row.split("Type")[-1] or row.split()[-5] == "yes" for row in rows), fonts
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = ARTIFACTS / kind.replace("_", "-")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(tmp_path / "doc.pdf"), str(stem)],
        check=True,
    )
    assert stem.with_suffix(".png").stat().st_size > 10_000


@needs_poppler
def test_a_batch_is_one_layout_cut_into_one_pdf_per_student(demo_district: DemoResult, tmp_path: Path) -> None:
    students, term = _students_and_term(demo_district)
    reports = documents.build(ReportKind.REPORT_CARD, students[:4], term)
    results = list(render_many(reports, workers=1, batch_size=3))
    assert [data.student.pk for data, _ in results] == [s.pk for s in students[:4]]
    for index, (data, pdf) in enumerate(results):
        text = _text(pdf, tmp_path, f"s{index}")
        assert data.name in text
        others = [other.name for other, _ in results if other.name != data.name]
        assert not any(name in text for name in others), "a student's PDF holds another student's pages"
        single = _text(render_one(data), tmp_path, f"one{index}")
        # The same pages as printing the student alone (the issue time in the footer aside).
        assert _body(text) == _body(single)


def _body(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and "Issued" not in line]


def test_a_batch_over_two_spawned_workers_gives_each_student_their_pdf_in_order(demo_district: DemoResult) -> None:
    students, term = _students_and_term(demo_district)
    reports = documents.build(ReportKind.REPORT_CARD, students[:6], term)
    results = list(render_many(reports, workers=2, batch_size=2))
    assert [data.student.pk for data, _ in results] == [s.pk for s in students[:6]]
    assert all(pdf.startswith(b"%PDF") for _, pdf in results)


def _pages_text(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


@needs_poppler
def test_every_page_names_the_student_a_long_title_wraps_and_no_course_header_ends_a_page(
    demo_district: DemoResult, tmp_path: Path
) -> None:
    students, term = _students_and_term(demo_district)
    (data,) = documents.build(ReportKind.REPORT_CARD, students[:1], term)
    long_title = "Constructs viable arguments from several sources of evidence " * 5
    line = data.courses[0].standards[0]
    data.courses[0].standards[0] = type(line)(**{**line.__dict__, "title": long_title.strip()})
    for course in data.courses:  # a long comment under every course pushes headers towards page ends
        course.comment = "Works steadily and revises drafts using the feedback given in class. " * 8
    pdf = render_one(data)
    pages = _pages_text(pdf, tmp_path)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        lines = [text.strip() for text in page.splitlines() if text.strip()]
        footer = lines[-1]
        assert data.name in footer and f"Page {number} of {len(pages)}" in footer, footer
        body = lines[:-1]
        headers = {" · ".join(p for p in (c.title, c.code) if p) for c in data.courses}
        if number < len(pages):  # a course header never ends a page: its first line follows it
            assert not any(body[-1].startswith(header) for header in headers), body[-1]
    words = " ".join(" ".join(pages).split())
    assert " ".join(long_title.split()) in words  # wrapped onto further lines, nothing cut off
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (tmp_path / "all.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(tmp_path / "all.pdf"), str(ARTIFACTS / "report-card-page")], check=True
    )
    assert len(list(ARTIFACTS.glob("report-card-page-*.png"))) >= len(pages)


@needs_poppler
def test_a_school_that_issues_in_spanish_gets_a_document_that_reads_in_spanish(
    demo_district: DemoResult, tmp_path: Path, settings: object
) -> None:
    students, term = _students_and_term(demo_district)
    settings.LANGUAGE_CODE = "es"  # type: ignore[attr-defined]
    (data,) = documents.build(ReportKind.REPORT_CARD, students[:1], term)
    pdf = render_one(data)
    text = " ".join(_text(pdf, tmp_path).split())
    assert "Dominio por curso" in text and "Página 1 de" in text and "Proficiency by course" not in text
    assert b"/Lang (es)" in pdf or b"/Lang(es)" in pdf
