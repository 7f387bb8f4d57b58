"""Loading a Global Best Practices edition from a CSV file: its strands, dimensions and descriptors per level.

The file has a header ``strand_position, strand_title, code, title, descriptor_1 … descriptor_N`` (N the number of
levels) and one row per dimension; rows of one strand repeat its position and title. See programs/data/README.md.

Invariants:
- All or nothing: the whole file is read and checked before anything is written, and the edition, its strands and
  its dimensions are written in one transaction. A file with any problem writes nothing.
- Every problem names the file, the line (the header is line 1) and the field, and every problem of the file is
  reported at once, not only the first.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from proficio.programs.models import GbpDimension, GbpEdition, GbpStrand

MAX_LEVELS = 10
FIXED_COLUMNS = ("strand_position", "strand_title", "code", "title")
CODE_LENGTH = GbpDimension._meta.get_field("code").max_length or 12
TITLE_LENGTH = GbpDimension._meta.get_field("title").max_length or 200
STRAND_TITLE_LENGTH = GbpStrand._meta.get_field("title").max_length or 120
NAME_LENGTH = GbpEdition._meta.get_field("name").max_length or 120


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}, {self.field}: {self.message}"


class EditionRefused(Exception):
    """The file (or the name) has problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class DimensionRow:
    line: int
    strand_position: int
    strand_title: str
    code: str
    title: str
    descriptors: tuple[str, ...]


def descriptor_columns(levels: int) -> list[str]:
    return [f"descriptor_{n}" for n in range(1, levels + 1)]


def _header_problems(file: str, header: list[str], levels: int) -> list[Problem]:
    expected = [*FIXED_COLUMNS, *descriptor_columns(levels)]
    problems = [Problem(file, 1, column, "this column is missing") for column in expected if column not in header]
    problems += [
        Problem(file, 1, column, f"an unexpected column (the edition has {levels} levels)")
        for column in header
        if column not in expected
    ]
    return problems


def _row(file: str, line: int, raw: dict[str, str | None], levels: int) -> tuple[DimensionRow | None, list[Problem]]:
    values = {key: (value or "").strip() for key, value in raw.items() if key is not None}
    problems: list[Problem] = []
    if None in raw:
        problems.append(Problem(file, line, "row", "more values than the header has columns"))
    position_text = values.get("strand_position", "")
    position = int(position_text) if position_text.isdigit() and int(position_text) > 0 else 0
    if not position:
        problems.append(Problem(file, line, "strand_position", f"{position_text!r} is not a whole number from 1"))
    limits = {"strand_title": STRAND_TITLE_LENGTH, "code": CODE_LENGTH, "title": TITLE_LENGTH}
    for field, limit in limits.items():
        if not values.get(field):
            problems.append(Problem(file, line, field, "is empty"))
        elif len(values[field]) > limit:
            problems.append(Problem(file, line, field, f"is longer than {limit} characters"))
    descriptors = tuple(values.get(column, "") for column in descriptor_columns(levels))
    for column, text in zip(descriptor_columns(levels), descriptors, strict=True):
        if not text:
            problems.append(Problem(file, line, column, "is empty: every level needs its descriptor"))
    if problems:
        return None, problems
    return DimensionRow(line, position, values["strand_title"], values["code"], values["title"], descriptors), []


def _consistency_problems(file: str, rows: list[DimensionRow]) -> list[Problem]:
    problems: list[Problem] = []
    strand_titles: dict[int, tuple[str, int]] = {}
    codes: dict[str, int] = {}
    for row in rows:
        title, first_line = strand_titles.setdefault(row.strand_position, (row.strand_title, row.line))
        if title != row.strand_title:
            known = f"strand {row.strand_position} is {title!r} on line {first_line}"
            problems.append(Problem(file, row.line, "strand_title", known))
        if row.code in codes:
            problems.append(Problem(file, row.line, "code", f"{row.code!r} is already on line {codes[row.code]}"))
        codes.setdefault(row.code, row.line)
    return problems


def parse_edition(text: str, *, file: str, levels: int) -> list[DimensionRow]:
    """The dimensions of the file's text, checked; raises EditionRefused with every problem found."""
    if not 2 <= levels <= MAX_LEVELS:
        raise EditionRefused([Problem(file, 0, "levels", f"{levels} is not between 2 and {MAX_LEVELS}")])
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in (reader.fieldnames or [])]
    if not header:
        raise EditionRefused([Problem(file, 1, "header", "the file is empty")])
    problems = _header_problems(file, header, levels)
    if problems:
        raise EditionRefused(problems)
    reader.fieldnames = header
    rows: list[DimensionRow] = []
    try:
        for raw in reader:
            if not any((value or "").strip() for key, value in raw.items() if key is not None):
                continue  # a line of empty values
            row, row_problems = _row(file, reader.line_num, raw, levels)
            problems += row_problems
            if row is not None:
                rows.append(row)
    except csv.Error as error:
        raise EditionRefused([*problems, Problem(file, reader.line_num, "row", f"not valid CSV ({error})")]) from None
    if not rows and not problems:
        problems.append(Problem(file, 2, "row", "the file has a header but no dimensions"))
    problems += _consistency_problems(file, rows)
    if problems:
        raise EditionRefused(problems)
    return rows


def read_edition_file(path: Path, *, levels: int) -> list[DimensionRow]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise EditionRefused([Problem(str(path), 0, "file", "there is no such file")]) from None
    except UnicodeDecodeError as error:
        raise EditionRefused([Problem(str(path), 0, "file", f"not UTF-8 text ({error.reason})")]) from None
    return parse_edition(text, file=str(path), levels=levels)


def write_edition(
    rows: list[DimensionRow],
    *,
    name: str,
    levels: int,
    file: str,
    progress: Callable[[int, int], None] | None = None,
) -> GbpEdition:
    """The edition with its strands and dimensions, in one transaction; refuses a name already taken."""
    name = name.strip()
    if not name or len(name) > NAME_LENGTH:
        raise EditionRefused([Problem(file, 0, "name", f"give a name of 1 to {NAME_LENGTH} characters")])
    with transaction.atomic():
        if GbpEdition.objects.filter(name=name).exists():
            raise EditionRefused([Problem(file, 0, "name", f"an edition named {name!r} exists already")])
        edition = GbpEdition.objects.create(name=name, levels=levels)
        strands: dict[int, GbpStrand] = {}
        for done, row in enumerate(rows, start=1):
            strand = strands.get(row.strand_position)
            if strand is None:
                strand = GbpStrand.objects.create(edition=edition, position=row.strand_position, title=row.strand_title)
                strands[row.strand_position] = strand
            GbpDimension.objects.create(
                strand=strand, code=row.code, title=row.title, descriptors=list(row.descriptors)
            )
            if progress is not None:
                progress(done, len(rows))
    return edition


def load_edition(
    path: Path | str, *, name: str, levels: int, progress: Callable[[int, int], None] | None = None
) -> GbpEdition:
    """Read, check and write an edition from a CSV file, all or nothing (raises EditionRefused)."""
    path = Path(path)
    rows = read_edition_file(path, levels=levels)
    return write_edition(rows, name=name, levels=levels, file=str(path), progress=progress)


DATA = Path(__file__).resolve().parent / "data"
FIRST_EDITION = DATA / "gbp_edition_1.csv"
SECOND_EDITION = DATA / "gbp_edition_2.csv"
