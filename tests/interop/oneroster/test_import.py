"""A full import of the hand-written Riverbend district creates the right rows, people and memberships."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from proficio.accounts.models import Membership, Role, User
from proficio.interop.models import ImportRecord
from proficio.interop.oneroster.importer import OneRosterImportOutcome, import_oneroster
from proficio.roster.models import (
    AcademicSession,
    ContentArea,
    Course,
    District,
    Enrollment,
    Guardian,
    GuardianLink,
    School,
    Section,
    Student,
)

from .conftest import fixture_bytes, with_manifest

# Vendor-sensitive: the staging layer: COPY or executemany, jsonb or json_each, per vendor.
pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]


@pytest.fixture
def imported(riverbend_zip: Path) -> OneRosterImportOutcome:
    return import_oneroster(riverbend_zip, district=None, user=None)


def test_it_records_the_run_with_its_counts(imported: OneRosterImportOutcome, riverbend_zip: Path) -> None:
    record = ImportRecord.objects.get()
    assert record == imported.record
    assert record.kind == ImportRecord.Kind.ONEROSTER
    assert record.status == ImportRecord.Status.COMMITTED
    assert record.district == District.objects.get()
    assert len(record.sha256) == 64 and record.finished_at is not None
    assert record.counts["users"]["created"] == 38
    assert record.counts["enrollments"] == {"created": 55, "updated": 0, "unchanged": 0, "deleted": 0, "skipped": 1}
    assert record.problems == []


def test_it_creates_the_district_and_its_schools_from_orgs(imported: OneRosterImportOutcome) -> None:
    district = District.objects.get()
    assert (district.name, district.sourced_id, district.identifier) == (
        "Riverbend Unified School District",
        "org-rbusd",
        "5012340",
    )
    schools = {s.sourced_id: s for s in School.objects.all()}
    assert set(schools) == {"org-rms", "org-rhs"}  # the department is not a school
    assert imported.counts["orgs"]["skipped"] == 1
    # Grade spans follow the students' grades.
    assert (schools["org-rms"].lowest_grade, schools["org-rms"].highest_grade) == (6, 8)
    assert (schools["org-rhs"].lowest_grade, schools["org-rhs"].highest_grade) == (9, 12)
    assert schools["org-rhs"].identifier == "501234000102"


def test_it_builds_the_session_tree(imported: OneRosterImportOutcome) -> None:
    sessions = {s.sourced_id: s for s in AcademicSession.objects.all()}
    year, fall, quarter = sessions["as-2026"], sessions["as-2026-t1"], sessions["as-2026-q1"]
    assert year.kind == AcademicSession.Kind.SCHOOL_YEAR and year.parent is None and year.school_year == 2026
    assert fall.parent == year and fall.kind == AcademicSession.Kind.TERM
    assert quarter.parent == fall and quarter.kind == AcademicSession.Kind.GRADING_PERIOD
    assert (fall.start_date, fall.end_date) == (date(2025, 8, 25), date(2026, 1, 16))


def test_courses_get_content_areas_and_district_courses_one_per_school(imported: OneRosterImportOutcome) -> None:
    courses = {c.sourced_id: c for c in Course.objects.select_related("school")}
    assert courses["crs-rms-math7"].content_area == ContentArea.MATH
    assert courses["crs-rms-math7"].grade == 7
    assert courses["crs-rhs-eng9"].content_area == ContentArea.ELA  # from the SCED code 01001
    assert courses["crs-rhs-bio"].content_area == ContentArea.SCIENCE
    assert courses["crs-rhs-bio"].grade is None  # a course for grades 10 and 11
    assert courses["crs-rhs-art"].content_area == ContentArea.ARTS
    # A course of the maths department belongs to the department's school.
    assert courses["crs-rhs-alg1"].school.sourced_id == "org-rhs"
    # The district-wide advisory course exists once per school that teaches it.
    advisory = sorted((c.school.sourced_id, c.code, c.content_area) for c in Course.objects.filter(title="Advisory"))
    assert advisory == [("org-rhs", "ADV", "advisory"), ("org-rms", "ADV", "advisory")]


def test_classes_become_sections_in_their_first_term_with_unique_names(imported: OneRosterImportOutcome) -> None:
    sections = {s.sourced_id: s for s in Section.objects.select_related("course__school", "session")}
    assert len(sections) == 8
    science = sections["cls-rms-sci7-2"]
    assert (science.session.sourced_id, science.room, science.period) == ("as-2026-t1", "Lab 2", "2")
    assert sections["cls-rhs-bio-4"].period == "4,5"
    # Two classes titled "Algebra I" in the same course and term are told apart by their class codes.
    assert sections["cls-rhs-alg1-1"].name == "Algebra I (ALG1-01)"
    assert sections["cls-rhs-alg1-3"].name == "Algebra I (ALG1-03)"
    assert sections["cls-rms-adv"].course.school.sourced_id == "org-rms"
    assert sections["cls-rhs-adv"].course.school.sourced_id == "org-rhs"


def test_people_get_accounts_with_unusable_passwords(imported: OneRosterImportOutcome) -> None:
    assert User.objects.filter(sourced_id__isnull=False).count() == 38
    kate = User.objects.get(sourced_id="usr-t-04")
    assert (kate.username, kate.first_name, kate.last_name) == ("kobrien", "Kate", "O'Brien")  # preferred name
    assert kate.email == "kobrien@riverbend.example.org"
    assert not kate.has_usable_password()
    assert User.objects.get(sourced_id="usr-t-03").first_name == "André"
    assert not User.objects.get(sourced_id="usr-s-20").is_active  # enabledUser false


def test_students_get_their_school_grade_and_number(imported: OneRosterImportOutcome) -> None:
    assert Student.objects.count() == 20
    ava = Student.objects.select_related("school").get(user__sourced_id="usr-s-01")
    assert (ava.school.sourced_id, ava.grade, ava.student_number) == ("org-rms", 7, "100201")
    # No primary org: the school comes from the student role.
    zoe = Student.objects.select_related("school").get(user__sourced_id="usr-s-07")
    assert zoe.school.sourced_id == "org-rms"
    assert Student.objects.get(user__sourced_id="usr-s-19").grade == 12
    assert not Student.objects.get(user__sourced_id="usr-s-20").is_active


def test_demographics_follow_the_federal_precedence(imported: OneRosterImportOutcome) -> None:
    def of(sid: str) -> Student:
        return Student.objects.get(user__sourced_id=sid)

    assert of("usr-s-01").race_ethnicity == Student.RaceEthnicity.HISPANIC  # Hispanic and white: Hispanic first
    assert of("usr-s-01").birth_date == date(2012, 3, 14)
    assert of("usr-s-01").gender == Student.Gender.FEMALE
    assert of("usr-s-07").race_ethnicity == Student.RaceEthnicity.TWO_OR_MORE  # Asian and white
    assert of("usr-s-14").race_ethnicity == Student.RaceEthnicity.TWO_OR_MORE  # the two-or-more flag
    assert of("usr-s-16").race_ethnicity == Student.RaceEthnicity.PACIFIC_ISLANDER
    assert of("usr-s-07").gender == Student.Gender.NONBINARY
    assert of("usr-s-20").gender == "" and of("usr-s-20").race_ethnicity == ""  # unspecified, blank flags
    assert imported.counts["demographics"]["skipped"] == 1  # a teacher's row has no student to describe


def test_roles_become_memberships(imported: OneRosterImportOutcome) -> None:
    def roles(sid: str) -> set[tuple[str, str | None]]:
        return {
            (m.role, (m.school or m.district).sourced_id if (m.school or m.district) else None)
            for m in Membership.objects.filter(user__sourced_id=sid, is_active=True).select_related(
                "school", "district"
            )
        }

    assert roles("usr-admin-01") == {(Role.DISTRICT_ADMIN, "org-rbusd")}
    assert roles("usr-prin-rms") == {(Role.SCHOOL_LEADER, "org-rms")}
    assert roles("usr-prin-rhs") == {(Role.SCHOOL_LEADER, "org-rhs")}  # principal
    assert roles("usr-t-02") == {(Role.TEACHER, "org-rms"), (Role.TEACHER, "org-rhs")}
    assert roles("usr-t-03") == {(Role.TEACHER, "org-rhs")}  # a role at the maths department
    assert roles("usr-c-01") == {(Role.ADVISOR, "org-rhs")}  # counselor
    assert roles("usr-s-05") == {(Role.STUDENT, None)}
    assert roles("usr-g-05") == {(Role.GUARDIAN, None)}


def test_guardians_are_linked_to_students_from_agents_either_way(imported: OneRosterImportOutcome) -> None:
    assert Guardian.objects.count() == 10
    links = {
        (link.guardian.user.sourced_id, link.student.user.sourced_id, link.relationship)
        for link in GuardianLink.objects.select_related("guardian__user", "student__user")
    }
    assert len(links) == 12
    assert ("usr-g-01", "usr-s-01", "parent") in links  # named on both sides, linked once
    assert ("usr-g-01", "usr-s-10", "parent") in links  # named on the guardian
    assert ("usr-g-02", "usr-s-09", "guardian") in links  # named on the student
    assert ("usr-g-05", "usr-s-14", "relative") in links
    assert Guardian.objects.get(user__sourced_id="usr-g-03").phone == "555-0103"  # sms when there is no phone
    assert all(link.is_active for link in GuardianLink.objects.all())


def test_enrollments_keep_roles_and_primary_teachers(imported: OneRosterImportOutcome) -> None:
    assert Enrollment.objects.count() == 55  # the proctor's enrollment has no place in proficio
    math = Enrollment.objects.filter(section__sourced_id="cls-rms-math7-1")
    assert math.filter(role="student").count() == 5
    lead = math.get(role="teacher")
    assert lead.primary and lead.user.sourced_id == "usr-t-01"
    assert lead.begin_date == date(2025, 8, 25)
    co = Enrollment.objects.get(sourced_id="enr-0008")
    assert co.role == "teacher" and not co.primary
    assert Enrollment.objects.get(sourced_id="enr-0027").role == "aide"


def test_a_folder_imports_like_a_zip(riverbend_dir: Path) -> None:
    outcome = import_oneroster(riverbend_dir, district=None, user=None)
    assert outcome.counts["users"]["created"] == 38
    assert Enrollment.objects.count() == 55


def test_a_oneroster_1_1_users_file_carries_the_roles(make_set: Callable[..., Path]) -> None:
    """OneRoster 1.1 has no roles.csv: each users.csv line names its role and organisations."""
    roles = {r["userSourcedId"]: r for r in csv.DictReader(io.StringIO(fixture_bytes("roles.csv").decode()))}
    users = list(csv.DictReader(io.StringIO(fixture_bytes("users.csv").decode())))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*users[0], "role", "orgSourcedIds"], lineterminator="\n")
    writer.writeheader()
    for user in users:
        role = roles[user["sourcedId"]]
        orgs = "org-rms,org-rhs" if user["sourcedId"] == "usr-t-02" else role["orgSourcedId"]
        writer.writerow({**user, "role": role["role"], "orgSourcedIds": orgs})
    manifest = with_manifest({"roles": "absent"}).replace("oneroster.version,1.2", "oneroster.version,1.1")
    outcome = import_oneroster(
        make_set({"users.csv": out.getvalue(), "roles.csv": None, "manifest.csv": manifest}), district=None, user=None
    )
    assert outcome.counts["students"]["created"] == 20 and outcome.counts["guardians"]["created"] == 10
    eileen = Membership.objects.filter(user__sourced_id="usr-t-02", role=Role.TEACHER)
    assert set(eileen.values_list("school__sourced_id", flat=True)) == {"org-rms", "org-rhs"}
    assert Membership.objects.get(user__sourced_id="usr-admin-01").role == Role.DISTRICT_ADMIN
    assert GuardianLink.objects.count() == 12 and Enrollment.objects.count() == 55
