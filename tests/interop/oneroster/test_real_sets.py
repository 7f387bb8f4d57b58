"""Real OneRoster sets published by other projects (tests/interop/fixtures/real/oneroster, sources and licences
in SOURCES.md): the usable one imports with its warnings; the defective ones are refused for exactly what would
corrupt or guess data, and their leniencies are still reported beside the problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from proficio.interop.oneroster.importer import import_oneroster
from proficio.interop.problems import ImportRefused, Problem
from proficio.roster.models import District, Student

pytestmark = pytest.mark.django_db

REAL = Path(__file__).resolve().parent.parent / "fixtures" / "real" / "oneroster"


def _refused(name: str, district: District | None) -> ImportRefused:
    with pytest.raises(ImportRefused) as refused:
        import_oneroster(REAL / name, district=district, user=None, dry_run=True)
    return refused.value


def _texts(found: list[Problem]) -> list[str]:
    return [str(problem) for problem in found]


@pytest.fixture
def named(db: None) -> District:
    return District.objects.create(name="Named District")


def test_a_clean_1_2_delta_set_with_a_blank_grade_imports_into_the_named_district(named: District) -> None:
    outcome = import_oneroster(REAL / "catalyst-moodle-v1p2-test-data", district=named, user=None)
    assert outcome.counts["users"]["created"] >= 1 and outcome.counts["classes"]["created"] == 1
    [warning] = outcome.warnings
    assert (warning.file, warning.line, warning.column) == ("users.csv", 2, "grades")
    assert "imported with no grade" in warning.message
    student = Student.objects.get(school__district=named)
    assert student.grade is None
    assert outcome.record.warnings[0]["column"] == "grades"


def test_without_a_named_district_a_set_that_has_none_is_refused(db: None) -> None:
    refused = _refused("catalyst-moodle-v1p2-test-data", None)
    assert ["names no district" in p.message for p in refused.problems] == [True]


def test_a_1_1_set_with_references_to_records_it_does_not_hold_is_refused(named: District) -> None:
    refused = _refused("catalyst-moodle-v1p1-full", named)
    problems = _texts(refused.problems)
    assert any(
        "classes.csv line 2, column courseSourcedId: 'crs-222-2023-456-12345'" in p and "not in courses.csv" in p
        for p in problems
    )
    assert any("orgs.csv line 2, column parentSourcedId: 'org-sch-222-3456'" in p for p in problems)
    # a 1.1 student's school is in orgSourcedIds; the problem shows that cell (a department), not the sourcedId
    assert "users.csv line 3, column orgSourcedIds: 'org-sch-222-456' — names no school for this student" in " ".join(
        problems
    )
    # what was read leniently is reported too: 1.1 writes classType capitalised
    assert any("classType: 'Scheduled' — read as 'scheduled'" in w for w in _texts(refused.warnings))


def test_a_set_with_ambiguous_dates_and_a_broken_manifest_is_refused_naming_each(named: District) -> None:
    refused = _refused("catalyst-moodle-v1p2-full", named)
    problems = _texts(refused.problems)
    assert "manifest.csv line 21, column value: is not one of absent, bulk, delta" in problems
    assert any(p.startswith("userprofiles.csv") and "is not a file OneRoster defines" in p for p in problems)
    ambiguous = next(p for p in problems if "users.csv line 2, column dateLastModified: '1/05/2023'" in p)
    assert "could be 1 May or 5 January" in ambiguous
    assert any("'15/06/2023'" in p and "15 June 2023" in p for p in problems)
    assert any("prefferedGivenName (did you mean preferredGivenName?)" in w for w in _texts(refused.warnings))


def test_a_1_1_set_with_header_only_files_and_vendor_columns_reads_them_leniently(named: District) -> None:
    refused = _refused("oat-sa-v1p1-base", named)
    warnings = _texts(refused.warnings)
    assert any(w.startswith("academicSessions.csv line 1: holds only its header") for w in warnings)
    assert any("users.csv line 1, column userId: has columns OneRoster does not define" in w for w in warnings)
    assert not any("ext_imagineLearning" in w or "metadata.classification" in w for w in warnings)  # vendor: silent
    # refused for what cannot be read without guessing: classes with no course, terms that are nowhere
    problems = _texts(refused.problems)
    assert "classes.csv line 2, column courseSourcedId: is required but blank" in problems
    assert any("classes.csv line 2, column termSourcedIds: '1'" in p for p in problems)
