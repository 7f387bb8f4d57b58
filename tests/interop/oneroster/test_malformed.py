"""Property: a malformed roster never leaves partial data behind, and every problem says where it is.

Hypothesis mutates the good Riverbend set — blanks required cells, puts words outside a vocabulary, writes
impossible dates, duplicates rows, points references at nothing, deletes columns, splices in random bytes —
and imports it over a district imported before. Each refused import must leave every accounts and roster
table exactly as it was (row counts and a checksum of every row), add one ImportRecord marked failed, and
locate each problem by file and line (or, for problems about the set as a whole, by place).
"""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proficio.interop.models import ImportRecord
from proficio.interop.oneroster import spec
from proficio.interop.oneroster.importer import import_oneroster
from proficio.interop.problems import ImportRefused
from tests.hypothesis_profiles import examples

from .conftest import fingerprint, fixture_bytes, write_set

# Vendor-sensitive: the staging layer, with temporary tables rolled back in savepoints.
pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]

FILES = [s.name for s in spec.ROSTER_FILES]
REFERENCES = {
    "orgs.csv": ["parentSourcedId"],
    "academicSessions.csv": ["parentSourcedId"],
    "courses.csv": ["orgSourcedId", "schoolYearSourcedId"],
    "classes.csv": ["courseSourcedId", "schoolSourcedId", "termSourcedIds"],
    "users.csv": ["primaryOrgSourcedId", "agentSourcedIds"],
    "roles.csv": ["userSourcedId", "orgSourcedId"],
    "demographics.csv": ["sourcedId"],
    "enrollments.csv": ["classSourcedId", "userSourcedId", "schoolSourcedId"],
}
BAD_DATES = {
    spec.Kind.DATE: ["2025-13-01", "31/12/2025", "2025-02-30", "yesterday", "20250825"],
    spec.Kind.DATETIME: ["yesterday", "2025-13-01T00:00:00Z", "01/02/2025 10:00"],
    spec.Kind.YEAR: ["26", "20x6", "MMXXVI"],
}


def parsed(name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(fixture_bytes(name).decode())))


ROWS = {name: parsed(name) for name in FILES}


@dataclass(frozen=True)
class Mutation:
    kind: str
    file: str
    row: int = 0
    column: str = ""
    value: str = ""
    data: bytes = b""

    def apply(self, files: dict[str, list[list[str]]]) -> None:
        rows = files[self.file]
        header = rows[0]
        if self.kind == "drop_column":
            if self.column in header:
                at = header.index(self.column)
                for row in rows:
                    del row[at]
            return
        if self.kind == "duplicate":
            rows.append(list(rows[1 + self.row % (len(rows) - 1)]))
            return
        if self.column in header:
            rows[1 + self.row % (len(rows) - 1)][header.index(self.column)] = self.value


def columns_of(file: str, *kinds: spec.Kind, required: bool = False) -> list[str]:
    header = ROWS[file][0]
    return [
        c.name
        for c in spec.BY_NAME[file].columns
        if c.name in header and (not kinds or c.kind in kinds) and (c.required or not required)
    ]


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    kind = draw(st.sampled_from(["blank", "enum", "date", "duplicate", "dangling", "drop_column", "bytes"]))
    if kind == "date":
        file = draw(st.sampled_from([f for f in FILES if columns_of(f, *BAD_DATES)]))
    elif kind == "enum":
        file = draw(
            st.sampled_from([f for f in FILES if columns_of(f, spec.Kind.ENUM, spec.Kind.STATUS, spec.Kind.BOOL)])
        )
    else:
        file = draw(st.sampled_from(FILES))
    row = draw(st.integers(min_value=0, max_value=500))
    if kind in ("blank", "drop_column"):
        return Mutation(kind, file, row, draw(st.sampled_from(columns_of(file, required=True))))
    if kind == "enum":
        column = spec.BY_NAME[file].column(
            draw(st.sampled_from(columns_of(file, spec.Kind.ENUM, spec.Kind.STATUS, spec.Kind.BOOL)))
        )
        assert column is not None
        allowed = {c.lower() for c in column.choices} | {"true", "false"}
        word = draw(
            st.text("abcdefghijklmnopqrstuvwxyz:ABCDEFGHIJ", min_size=1, max_size=12).filter(
                lambda w: w.lower() not in allowed and not w.startswith("ext:") and w.strip() == w
            )
        )
        return Mutation(kind, file, row, column.name, word)
    if kind == "date":
        column = spec.BY_NAME[file].column(draw(st.sampled_from(columns_of(file, *BAD_DATES))))
        assert column is not None
        return Mutation(kind, file, row, column.name, draw(st.sampled_from(BAD_DATES[column.kind])))
    if kind == "dangling":
        column_name = draw(st.sampled_from(REFERENCES[file]))
        return Mutation(
            kind, file, row, column_name, "ghost-" + draw(st.text("abcdefxyz0123456789", min_size=1, max_size=8))
        )
    if kind == "bytes":
        return Mutation(kind, file, row, data=draw(st.binary(min_size=1, max_size=12)))
    return Mutation(kind, file, row)


def build(folder: Path, changes: list[Mutation]) -> Path:
    files = {name: [list(row) for row in rows] for name, rows in ROWS.items()}
    for mutation in changes:
        if mutation.kind != "bytes":
            mutation.apply(files)
    contents: dict[str, bytes | str | None] = {}
    for name, rows in files.items():
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        contents[name] = out.getvalue().encode()
    for mutation in changes:
        if mutation.kind == "bytes":
            data = contents[mutation.file]
            assert isinstance(data, bytes)
            at = mutation.row * 37 % (len(data) + 1)
            contents[mutation.file] = data[:at] + mutation.data + data[at:]
    return write_set(folder, contents)


class _Undo(Exception):
    """Raised to roll back one example, so every example starts from the same imported district."""


@pytest.fixture
def imported_district(riverbend_zip: Path) -> dict[str, tuple[int, str]]:
    import_oneroster(riverbend_zip, district=None, user=None)
    return fingerprint()


@settings(
    max_examples=examples(30),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=st.lists(mutations(), min_size=1, max_size=3))
def test_a_refused_import_changes_nothing_and_locates_every_problem(
    imported_district: dict[str, tuple[int, str]], changes: list[Mutation]
) -> None:
    records_before = set(ImportRecord.objects.values_list("pk", flat=True))
    with tempfile.TemporaryDirectory() as tmp:
        folder = build(Path(tmp) / "set", changes)
        try:
            with transaction.atomic():
                try:
                    import_oneroster(folder, district=None, user=None)
                except ImportRefused as refused:
                    assert fingerprint() == imported_district
                    [record] = ImportRecord.objects.exclude(pk__in=records_before)
                    assert record.status == ImportRecord.Status.FAILED
                    assert len(record.problems) == len(refused.problems) > 0
                    for problem in refused.problems:
                        assert problem.file, problem
                        assert problem.line > 0 or problem.where, problem
                else:
                    # Only spliced-in bytes can be harmless (a letter added to a name, say).
                    assert all(m.kind == "bytes" for m in changes), changes
                raise _Undo
        except _Undo:
            pass
