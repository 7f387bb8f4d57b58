"""The importer is a tolerant reader: what it can read without guessing it reads, with a warning naming the
file, line, column and value; what would corrupt or guess data it still refuses, saying where and why."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from proficio.accounts.models import Membership, Role
from proficio.interop.files import open_source
from proficio.interop.oneroster.importer import OneRosterImportOutcome, import_oneroster
from proficio.interop.oneroster.manifest import read_manifest
from proficio.interop.problems import ImportRefused, Problem, ProblemList, WarningList
from proficio.roster.models import AcademicSession, District, Enrollment, School, Section, Student

from .conftest import edit_csv, fingerprint, fixture_bytes, with_manifest

# Vendor-sensitive: the staging layer: COPY or executemany, jsonb or json_each, per vendor.
pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]


def imported(path: Path, district: District | None = None) -> OneRosterImportOutcome:
    return import_oneroster(path, district=district, user=None)


def texts(warnings: list[Problem]) -> list[str]:
    return [str(w) for w in warnings]


def refusals(path: Path, district: District | None = None) -> list[str]:
    before = fingerprint()
    with pytest.raises(ImportRefused) as refused:
        import_oneroster(path, district=district, user=None)
    assert fingerprint() == before
    return [str(p) for p in refused.value.problems]


def rows_of(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(fixture_bytes(name).decode())))


def written(rows: list[dict[str, str]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def oneroster_1_1_users() -> str:
    """users.csv as OneRoster 1.1 writes it: the role and the organisations on each user's line."""
    roles = {r["userSourcedId"]: r for r in rows_of("roles.csv")}
    users = rows_of("users.csv")
    for user in users:
        role = roles[user["sourcedId"]]
        user.update(role=role["role"], orgSourcedIds=role["orgSourcedId"])
    columns = [
        *("sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username", "userIds"),
        *("givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds"),
        *("grades", "password"),
    ]
    return written(users, columns)


# Read leniently, with a warning


def test_vocabulary_words_in_another_case_are_read_as_oneroster_spells_them(make_set: Callable[..., Path]) -> None:
    outcome = imported(
        make_set(
            {
                "classes.csv": edit_csv(
                    "classes.csv",
                    change={
                        "cls-rms-math7-1": {"classType": "Scheduled"},
                        "cls-rms-sci7-2": {"classType": "Scheduled"},
                    },
                ),
                "orgs.csv": edit_csv("orgs.csv", change={"org-rms": {"type": "School", "status": "Active"}}),
                "roles.csv": edit_csv("roles.csv", change={"role-t-04": {"role": "Teacher", "roleType": "Primary"}}),
                "academicSessions.csv": edit_csv("academicSessions.csv", change={"as-2026-t1": {"type": "Term"}}),
                "demographics.csv": edit_csv("demographics.csv", change={"usr-s-01": {"sex": "Female"}}),
            }
        )
    )
    assert texts(outcome.warnings) == [
        "orgs.csv line 3, column status: 'Active' — read as 'active', as OneRoster spells it",
        "orgs.csv line 3, column type: 'School' — read as 'school', as OneRoster spells it",
        "academicSessions.csv line 3, column type: 'Term' — read as 'term', as OneRoster spells it",
        "classes.csv line 2, column classType: 'Scheduled' — read as 'scheduled', as OneRoster spells it "
        "(and 1 more line like it)",
        "roles.csv line 9, column roleType: 'Primary' — read as 'primary', as OneRoster spells it",
        "roles.csv line 9, column role: 'Teacher' — read as 'teacher', as OneRoster spells it",
        "demographics.csv line 2, column sex: 'Female' — read as 'female', as OneRoster spells it",
    ]
    assert School.objects.get(sourced_id="org-rms").name == "Riverbend Middle School"
    assert AcademicSession.objects.get(sourced_id="as-2026-t1").kind == "term"
    assert Student.objects.get(user__sourced_id="usr-s-01").gender == Student.Gender.FEMALE
    assert Membership.objects.filter(user__sourced_id="usr-t-04", role=Role.TEACHER, school__sourced_id="org-rhs")
    assert Section.objects.get(sourced_id="cls-rms-math7-1").course.code == "MATH7"
    assert outcome.record.warnings[3]["line"] == 2 and outcome.record.warnings[3]["column"] == "classType"


def test_a_word_in_no_case_of_the_vocabulary_is_still_refused(make_set: Callable[..., Path]) -> None:
    classes = edit_csv("classes.csv", change={"cls-rms-math7-1": {"classType": "Sheduled"}})
    assert refusals(make_set({"classes.csv": classes})) == [
        "classes.csv line 2, column classType: 'Sheduled' — is not one of homeroom, scheduled"
    ]


def test_a_manifest_without_a_version_is_read_as_1_2_when_the_set_has_roles(make_set: Callable[..., Path]) -> None:
    manifest = fixture_bytes("manifest.csv").decode().replace("oneroster.version,1.2\n", "")
    outcome = imported(make_set({"manifest.csv": manifest}))
    assert texts(outcome.warnings) == [
        "manifest.csv at property oneroster.version: has no oneroster.version line; read as OneRoster 1.2 because "
        "the set holds roles.csv"
    ]
    assert outcome.counts["students"]["created"] == 20


def test_a_oneroster_1_1_set_without_a_version_or_school_years_is_read(make_set: Callable[..., Path]) -> None:
    manifest = "".join(
        line + "\n"
        for line in with_manifest({"roles": "absent"}).splitlines()
        if not line.startswith(("oneroster.version", "file.roles", "file.userProfiles"))
    )
    sessions = rows_of("academicSessions.csv")
    outcome = imported(
        make_set(
            {
                "manifest.csv": manifest,
                "users.csv": oneroster_1_1_users(),
                "roles.csv": None,
                "academicSessions.csv": written(sessions, [c for c in sessions[0] if c != "schoolYear"]),
            }
        )
    )
    assert texts(outcome.warnings) == [
        "manifest.csv at property oneroster.version: has no oneroster.version line; read as OneRoster 1.1 because "
        "users.csv has a role column and there is no roles.csv",
        "academicSessions.csv line 2, column schoolYear: is blank or missing; read as 2026, the year its school "
        "year ends (2026-06-12; OneRoster's convention: 2024–25 is 2025) (and 3 more lines like it)",
    ]
    # Quarter 1 ends in October 2025, and still belongs to the school year 2025–26.
    assert set(AcademicSession.objects.values_list("school_year", flat=True)) == {2026}
    assert outcome.counts["students"]["created"] == 20 and Enrollment.objects.count() == 55


def test_a_set_with_neither_roles_csv_nor_a_role_column_is_inferred_as_1_1(make_set: Callable[..., Path]) -> None:
    manifest = with_manifest({"roles": "absent"}).replace("oneroster.version,1.2\n", "")
    warnings = WarningList()

    def warn(file: str, message: str, line: int = 0, column: str = "", value: str = "", where: str = "") -> None:
        warnings.add(Problem(file, message, line, column, value, where))

    with open_source(make_set({"manifest.csv": manifest, "roles.csv": None})) as files:
        assert read_manifest(files, ProblemList(), warn).oneroster_version == "1.1"
    assert [w.message for w in warnings.items] == [
        "has no oneroster.version line; read as OneRoster 1.1 because there is no roles.csv"
    ]


def test_a_session_without_a_school_year_takes_the_one_of_the_session_it_belongs_to(
    make_set: Callable[..., Path],
) -> None:
    sessions = edit_csv("academicSessions.csv", change={"as-2026-q1": {"schoolYear": ""}})
    outcome = imported(make_set({"academicSessions.csv": sessions}))
    assert texts(outcome.warnings) == [
        "academicSessions.csv line 5, column schoolYear: is blank or missing; read as 2026, the schoolYear of the "
        "session it belongs to"
    ]
    assert AcademicSession.objects.get(sourced_id="as-2026-q1").school_year == 2026


def test_columns_oneroster_does_not_define_are_ignored_with_one_warning(make_set: Callable[..., Path]) -> None:
    users = rows_of("users.csv")
    for user in users:
        user.update({"shoeSize": "42", "ext_vendor_id": "v1", "metadata.house": "Red", "famlyName": "x"})
    columns = [*users[0]]
    outcome = imported(make_set({"users.csv": written(users, columns)}))
    assert texts(outcome.warnings) == [
        "users.csv line 1, column shoeSize: has columns OneRoster does not define, ignored: shoeSize, famlyName "
        "(did you mean familyName?) (vendor columns may be named ext_…, ext.… or metadata.…)"
    ]
    assert Student.objects.get(user__sourced_id="usr-s-01").user.last_name == "Martinez"


def test_a_defined_column_written_in_another_case_is_read_under_the_bindings_name(
    make_set: Callable[..., Path],
) -> None:
    users = fixture_bytes("users.csv").decode().replace(",familyName,", ",familyname,", 1)
    outcome = imported(make_set({"users.csv": users}))
    assert texts(outcome.warnings) == [
        "users.csv line 1, column familyname: is read as familyName, as OneRoster spells this column"
    ]
    assert Student.objects.get(user__sourced_id="usr-s-01").user.last_name == "Martinez"


def test_columns_in_another_order_are_read_the_same(make_set: Callable[..., Path]) -> None:
    changes = {}
    for name in ("orgs.csv", "users.csv", "enrollments.csv"):
        rows = rows_of(name)
        changes[name] = written(rows, [*reversed(rows[0])])
    outcome = imported(make_set(changes))
    assert outcome.warnings == []
    assert outcome.counts["users"]["created"] == 38 and Enrollment.objects.count() == 55
    assert Student.objects.get(user__sourced_id="usr-s-02").grade == 7


def test_a_bulk_file_holding_only_its_header_is_read_as_absent_and_deletes_nothing(
    riverbend_zip: Path, make_set: Callable[..., Path]
) -> None:
    imported(riverbend_zip)
    header_only = fixture_bytes("enrollments.csv").decode().splitlines()[0] + "\n"
    outcome = imported(make_set({"enrollments.csv": header_only}))
    assert texts(outcome.warnings) == [
        "enrollments.csv line 1: holds only its header, and the manifest lists it as bulk (line 11), which would "
        "mean every record of this kind is gone; read as absent instead — nothing of enrollments.csv was deleted "
        "or changed"
    ]
    assert Enrollment.objects.count() == 55
    assert outcome.counts["enrollments"]["deleted"] == 0


def test_a_student_without_a_grade_is_imported_with_none_and_listed(make_set: Callable[..., Path]) -> None:
    users = edit_csv("users.csv", change={"usr-s-04": {"grades": ""}, "usr-s-05": {"grades": "UG"}})
    outcome = imported(make_set({"users.csv": users}))
    assert texts(outcome.warnings) == [
        "users.csv line 13, column grades: is blank; the student is imported with no grade",
        "users.csv line 14, column grades: 'UG' — holds no grade proficio can hold (PK, KG, 01–12); the student is "
        "imported with no grade",
    ]
    noah = Student.objects.get(user__sourced_id="usr-s-04")
    assert noah.grade is None and noah.get_grade_display() == "not given"
    assert outcome.counts["students"]["created"] == 20 and outcome.counts["students"]["without_grade"] == 2
    # The span follows the students who have a grade: Maya (06) has none now.
    assert School.objects.get(sourced_id="org-rms").grade_span == "7–8"


def test_a_student_who_had_a_grade_keeps_it_when_the_file_gives_none(
    riverbend_zip: Path, make_set: Callable[..., Path]
) -> None:
    imported(riverbend_zip)
    outcome = imported(make_set({"users.csv": edit_csv("users.csv", change={"usr-s-04": {"grades": ""}})}))
    assert texts(outcome.warnings) == [
        "users.csv line 13, column grades: is blank; the student keeps grade 7, imported before"
    ]
    assert Student.objects.get(user__sourced_id="usr-s-04").grade == 7
    assert "without_grade" not in outcome.counts["students"]


def test_every_student_without_a_grade_is_a_warning_of_its_own(make_set: Callable[..., Path]) -> None:
    users = edit_csv("users.csv", fill={"grades": ""})
    outcome = imported(make_set({"users.csv": users}))
    assert len(outcome.warnings) == 20
    assert len({w.line for w in outcome.warnings}) == 20
    assert outcome.counts["students"]["without_grade"] == 20


def test_a_school_whose_parent_is_nowhere_joins_the_district_the_import_names(make_set: Callable[..., Path]) -> None:
    district = District.objects.create(name="Riverbend Unified School District", sourced_id="org-rbusd")
    orgs = edit_csv("orgs.csv", change={"org-rms": {"parentSourcedId": "org-county"}})
    outcome = imported(make_set({"orgs.csv": orgs}), district=district)
    assert texts(outcome.warnings) == [
        "orgs.csv line 3, column parentSourcedId: 'org-county' — refers to an org that is not in orgs.csv nor "
        "imported before; the school is attached to Riverbend Unified School District, the district this import "
        "names"
    ]
    assert School.objects.get(sourced_id="org-rms").district == district


# Still refused, located


def test_a_school_whose_parent_is_nowhere_is_refused_when_no_district_is_named(make_set: Callable[..., Path]) -> None:
    orgs = edit_csv("orgs.csv", change={"org-rms": {"parentSourcedId": "org-county"}})
    assert refusals(make_set({"orgs.csv": orgs})) == [
        "orgs.csv line 3, column parentSourcedId: 'org-county' — refers to a record that is not in orgs.csv"
    ]


def test_an_ambiguous_date_is_refused_naming_both_readings(make_set: Callable[..., Path]) -> None:
    enrollments = edit_csv("enrollments.csv", change={"enr-0002": {"beginDate": "1/05/2023"}})
    assert refusals(make_set({"enrollments.csv": enrollments})) == [
        "enrollments.csv line 3, column beginDate: '1/05/2023' — is ambiguous: it could be 1 May or 5 January; "
        "write 2023-05-01 (or 2023-01-05), as YYYY-MM-DD"
    ]


def test_a_date_in_another_order_is_refused_with_the_date_to_write(make_set: Callable[..., Path]) -> None:
    roles = edit_csv("roles.csv", change={"role-t-04": {"beginDate": "12/31/2023"}})
    assert refusals(make_set({"roles.csv": roles})) == [
        "roles.csv line 9, column beginDate: '12/31/2023' — is not a date written YYYY-MM-DD; if it means "
        "31 December 2023, write 2023-12-31"
    ]


def test_a_reference_to_a_record_that_exists_nowhere_is_refused(make_set: Callable[..., Path]) -> None:
    enrollments = edit_csv("enrollments.csv", change={"enr-0002": {"userSourcedId": "usr-ghost"}})
    assert refusals(make_set({"enrollments.csv": enrollments})) == [
        "enrollments.csv line 3, column userSourcedId: 'usr-ghost' — refers to a record that is not in users.csv"
    ]


def test_a_duplicate_sourcedid_is_refused(make_set: Callable[..., Path]) -> None:
    orgs = fixture_bytes("orgs.csv").decode() + "org-rms,,,Riverbend Middle School Annex,school,,org-rbusd\n"
    assert refusals(make_set({"orgs.csv": orgs})) == [
        "orgs.csv line 6, column sourcedId: 'org-rms' — appears twice (also line 3)"
    ]


def test_a_required_value_left_blank_is_refused(make_set: Callable[..., Path]) -> None:
    users = edit_csv("users.csv", change={"usr-s-02": {"username": ""}})
    assert refusals(make_set({"users.csv": users})) == ["users.csv line 11, column username: is required but blank"]


def test_a_quoted_value_never_closed_is_refused_as_a_file_cut_short(make_set: Callable[..., Path]) -> None:
    users = fixture_bytes("users.csv").decode() + 'usr-s-99,,,true,s100299,,"Ann\n'
    assert refusals(make_set({"users.csv": users})) == [
        "users.csv line 40, column givenName: '\"Ann' — has a quoted value that never closes before the end of the "
        "file: is the file cut short, or is a quote inside a value not doubled?"
    ]


def test_a_last_line_with_fewer_values_is_refused_as_a_file_cut_short(make_set: Callable[..., Path]) -> None:
    enrollments = fixture_bytes("enrollments.csv").decode().rstrip("\n").rsplit(",", 6)[0] + "\n"
    assert refusals(make_set({"enrollments.csv": enrollments})) == [
        "enrollments.csv line 57, column schoolSourcedId: 'cls-rhs-adv' — has 4 values but the header has 10 columns: "
        "the line stops before this column (is the file cut short?)"
    ]
