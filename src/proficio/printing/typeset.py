"""Typeset a document to a tagged PDF with Typst (the ``typst`` package: the compiler itself, no system libraries).

Each document kind has a Typst template in ``printing/typst/`` built on ``layout.typ`` (the page every document
shares). Its data arrives as one JSON value in ``sys.inputs``, already formatted and translated by Python, and
the template sets every string as text — so what people typed (a comment with ``#``, ``*``, ``<`` or an emoji)
prints as written and is never evaluated as Typst markup.

Every PDF is PDF/UA-1: tagged, titled, with its language set, fonts embedded and subset. The fonts are
Debian's DejaVu (``fonts-dejavu-core``), given to Typst explicitly; system fonts are ignored, so a document
looks the same on every machine. Templates may read files only below ``printing/typst/`` (Typst's root).

PDF/UA-1 refuses a character its fonts cannot show, so a character DejaVu lacks (an emoji, a CJK ideograph)
is printed as the replacement mark "�" (DejaVu has it) rather than stopping the document; which characters
DejaVu Sans has is read once from the font itself.

One compiler is made per process and reused (it caches fonts and parsed templates: a report then takes a few
milliseconds); a forked worker makes its own rather than use its parent's. Web requests run in threads, and
the compiler is one object, so compiling holds a lock: documents in one process are typeset one at a time.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import typst
from django.utils.functional import Promise

TEMPLATES = Path(__file__).resolve().with_name("typst")
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
PDF_STANDARDS = ["ua-1"]


class PrintingError(RuntimeError):
    """The document could not be typeset (a template error; user text cannot cause one)."""


def font_dirs() -> list[str]:
    found = [str(folder) for folder in FONT_DIRS if folder.is_dir()]
    if not found:
        raise PrintingError("the DejaVu fonts are missing: install the Debian package fonts-dejavu-core")
    return found


@cache
def _compiler(pid: int) -> typst.Compiler:
    return typst.Compiler(root=str(TEMPLATES), font_paths=font_dirs(), ignore_system_fonts=True)


def compiler() -> typst.Compiler:
    """This process's compiler (keyed by process id, so a forked worker never shares its parent's)."""
    return _compiler(os.getpid())


REPLACEMENT = "\ufffd"
_compiling = threading.Lock()


@cache
def _printable() -> frozenset[int]:
    """The code points DejaVu Sans (regular and bold, which the layout uses) can show."""
    from fontTools.ttLib import TTFont

    points: set[int] = set()
    for folder in font_dirs():
        for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
            path = Path(folder) / name
            if path.is_file():
                with TTFont(str(path), lazy=True) as font:
                    points.update(font.getBestCmap())
    return frozenset(points)


def printable(text: str) -> str:
    """``text`` with every character the fonts cannot show replaced by "�" (ASCII passes untouched, fast)."""
    if text.isascii():
        return text
    known = _printable()
    return "".join(ch if ord(ch) in known or ch in "\n\t" else REPLACEMENT for ch in text)


def _printable_data(value: object) -> object:
    """``value`` as JSON-ready data, in one walk: every text printable, dates and decimals as text."""
    if isinstance(value, str | Promise):  # Promise: a lazily translated text
        return printable(str(value))
    if isinstance(value, Mapping):
        return {key: _printable_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_printable_data(item) for item in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    raise TypeError(f"{type(value).__name__} cannot be printed as data")


def as_input(data: Mapping[str, Any]) -> str:
    """The document's data as the JSON text its template reads from ``sys.inputs.data``, every text printable."""
    return json.dumps(_printable_data(data), ensure_ascii=False)


def typeset(template: str, data: Mapping[str, Any]) -> bytes:
    """The PDF of ``template`` (a file in ``printing/typst/``) given ``data``."""
    path = TEMPLATES / template
    if path.parent != TEMPLATES or not path.is_file():
        raise PrintingError(f"there is no printing template {template!r}")
    source = as_input(data)
    try:
        with _compiling:
            pdf = compiler().compile(
                input=str(path), format="pdf", sys_inputs={"data": source}, pdf_standards=PDF_STANDARDS
            )
    except typst.TypstError as error:
        raise PrintingError(f"{template}: {error.message}") from error
    assert isinstance(pdf, bytes)
    return pdf


def typeset_many(template: str, documents: Sequence[Mapping[str, Any]]) -> list[bytes]:
    """Each document's PDF, in order. Needs nothing but this module, so a freshly spawned worker process can
    run it (a worker must not be forked from a process that has used Typst: its thread pool does not survive a
    fork, and the child would hang)."""
    return [typeset(template, document) for document in documents]
