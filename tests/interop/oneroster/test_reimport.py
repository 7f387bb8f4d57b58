"""Re-imports: the same files change nothing; delta files add, change and remove; bulk files remove what
they no longer list; hand-made records are adopted; the district and the user are checked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from proficio.accounts.models import Membership, Role, User
from proficio.evidence.models import Assessment
from proficio.interop.models import ImportRecord
from proficio.interop.oneroster.importer import import_oneroster
from proficio.interop.problems import ImportRefused
from proficio.reports.models import IssuedReport, ReportKind
from proficio.roster.models import AcademicSession, Course, District, Enrollment, GuardianLink, School, Section, Student

from .conftest import edit_csv, fingerprint, with_manifest

# Vendor-sensitive: the staging layer: COPY or executemany, jsonb or json_each, per vendor.
pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]

ONLY_DELTA = {key: "absent" for key in ("orgs", "academicSessions", "courses", "classes", "roles", "demographics")}


def changed(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    return {
        key: {k: v for k, v in value.items() if k in ("created", "updated", "deleted") and v}
        for key, value in counts.items()
        if any(value.get(k) for k in ("created", "updated", "deleted"))
    }


def test_the_same_files_twice_change_nothing(riverbend_zip: Path) -> None:
    import_oneroster(riverbend_zip, district=None, user=None)
    before = fingerprint()
    again = import_oneroster(riverbend_zip, district=None, user=None)
    assert fingerprint() == before
    assert changed(again.counts) == {}
    assert again.counts["users"]["unchanged"] == 38
    assert again.counts["enrollments"]["unchanged"] == 55
    assert again.counts["roles"]["unchanged"] == 39


def test_a_changed_value_is_one_update(riverbend_zip: Path, make_set: Callable[..., Path]) -> None:
    import_oneroster(riverbend_zip, district=None, user=None)
    renamed = make_set(
        {
            "users.csv": edit_csv("users.csv", change={"usr-s-02": {"familyName": "Chen-Li"}}),
            "classes.csv": edit_csv("classes.csv", change={"cls-rms-math7-1": {"location": "Room 106"}}),
        }
    )
    outcome = import_oneroster(renamed, district=None, user=None)
    assert changed(outcome.counts) == {"users": {"updated": 1}, "classes": {"updated": 1}}
    assert User.objects.get(sourced_id="usr-s-02").last_name == "Chen-Li"
    assert Section.objects.get(sourced_id="cls-rms-math7-1").room == "Room 106"


def test_a_delta_adds_changes_and_removes(riverbend_zip: Path, make_set: Callable[..., Path]) -> None:
    import_oneroster(riverbend_zip, district=None, user=None)
    delta = {name: None for name in ("orgs.csv", "academicSessions.csv", "courses.csv", "classes.csv", "roles.csv")}
    delta["demographics.csv"] = None
    stamp = {"dateLastModified": "2026-02-02T08:00:00.000Z"}
    delta["manifest.csv"] = with_manifest({**ONLY_DELTA, "users": "delta", "enrollments": "delta"})
    delta["users.csv"] = edit_csv(
        "users.csv",
        keep_only={"usr-s-12", "usr-g-09"},
        change={"usr-s-12": {"status": "tobedeleted"}, "usr-g-09": {"phone": "555-0199", "status": "active"}},
        fill=stamp,
    )
    delta["enrollments.csv"] = edit_csv(
        "enrollments.csv",
        keep_only={"enr-0017"},
        change={"enr-0017": {"status": "tobedeleted"}},
        add=[
            {
                "sourcedId": "enr-0100",
                "status": "active",
                "classSourcedId": "cls-rhs-bio-4",
                "schoolSourcedId": "org-rhs",
                "userSourcedId": "usr-s-19",
                "role": "student",
                "primary": "false",
            }
        ],
        fill=stamp,
    )
    outcome = import_oneroster(make_set(delta), district=None, user=None)
    assert outcome.counts["users"]["deleted"] == 1
    assert outcome.counts["users"]["unchanged"] == 1  # usr-g-09: the phone is a guardian detail
    assert outcome.counts["guardians"]["updated"] == 1
    assert outcome.counts["enrollments"]["created"] == 1
    # The withdrawn student: account, membership, student record and guardian links inactive, classes gone.
    mateo = User.objects.get(sourced_id="usr-s-12")
    assert not mateo.is_active
    assert not Membership.objects.filter(user=mateo, is_active=True).exists()
    assert not Student.objects.get(user=mateo).is_active
    assert not Enrollment.objects.filter(user=mateo).exists()
    assert not Enrollment.objects.filter(sourced_id="enr-0017").exists()
    assert Enrollment.objects.get(sourced_id="enr-0100").section.sourced_id == "cls-rhs-bio-4"
    # Everyone else is as before.
    assert Enrollment.objects.count() == 55 - 3 - 1 + 1
    assert User.objects.filter(is_active=True, sourced_id__isnull=False).count() == 38 - 1 - 1  # and usr-s-20


def test_a_delta_may_refer_to_records_imported_before(riverbend_zip: Path, make_set: Callable[..., Path]) -> None:
    import_oneroster(riverbend_zip, district=None, user=None)
    delta = {name: None for name in ("orgs.csv", "academicSessions.csv", "courses.csv", "classes.csv")}
    delta.update({"users.csv": None, "roles.csv": None, "demographics.csv": None})
    delta["manifest.csv"] = with_manifest({**ONLY_DELTA, "users": "absent", "enrollments": "delta"})
    delta["enrollments.csv"] = edit_csv("enrollments.csv", keep_only={"enr-0002"}, fill={"status": "active"})
    outcome = import_oneroster(make_set(delta), district=None, user=None)
    assert outcome.counts["enrollments"]["unchanged"] == 1


def test_a_bulk_file_removes_what_it_no_longer_lists(riverbend_zip: Path, make_set: Callable[..., Path]) -> None:
    import_oneroster(riverbend_zip, district=None, user=None)
    gone_enrollments = {"enr-0021", "enr-0022", "enr-0023", "enr-0024", "enr-0025"}  # English 9
    smaller = make_set(
        {
            "classes.csv": edit_csv("classes.csv", drop={"cls-rhs-eng9-2"}),
            "enrollments.csv": edit_csv("enrollments.csv", drop=gone_enrollments | {"enr-0004", "enr-0037"}),
            "users.csv": edit_csv(
                "users.csv",
                drop={"usr-s-03", "usr-g-03"},
                change={"usr-g-06": {"agentSourcedIds": "usr-s-05"}},  # no longer Priya's guardian
            ),
            "roles.csv": edit_csv("roles.csv", drop={"role-s-03", "role-g-03", "role-t-02b"}),
            "demographics.csv": edit_csv("demographics.csv", drop={"usr-s-03"}),
        }
    )
    outcome = import_oneroster(smaller, district=None, user=None)
    assert not Section.objects.filter(sourced_id="cls-rhs-eng9-2").exists()
    assert outcome.counts["classes"]["deleted"] == 1
    assert outcome.counts["enrollments"]["deleted"] == 7
    sofia = User.objects.get(sourced_id="usr-s-03")
    assert not sofia.is_active and not Student.objects.get(user=sofia).is_active
    assert not User.objects.get(sourced_id="usr-g-03").is_active
    assert outcome.counts["users"]["deleted"] == 2
    # A role no longer listed ends its membership.
    eileen = User.objects.get(sourced_id="usr-t-02")
    assert set(Membership.objects.filter(user=eileen, is_active=True).values_list("school__sourced_id", flat=True)) == {
        "org-rms"
    }
    # Links: Sofia's guardian left with her; Gita Patel is no longer linked to Priya.
    inactive = {
        (link.guardian.user.sourced_id, link.student.user.sourced_id)
        for link in GuardianLink.objects.filter(is_active=False).select_related("guardian__user", "student__user")
    }
    assert inactive == {("usr-g-03", "usr-s-03"), ("usr-g-06", "usr-s-17")}
    # A second run of the smaller set changes nothing more.
    assert changed(import_oneroster(smaller, district=None, user=None).counts) == {}


def test_a_class_with_assessments_is_kept(riverbend_zip: Path, make_set: Callable[..., Path]) -> None:
    import_oneroster(riverbend_zip, district=None, user=None)
    Assessment.objects.create(
        section=Section.objects.get(sourced_id="cls-rms-sci7-2"),
        title="Cell lab",
        kind="summative",
        assessed_on=date(2025, 10, 1),
    )
    outcome = import_oneroster(
        make_set(
            {
                "classes.csv": edit_csv("classes.csv", drop={"cls-rms-sci7-2"}),
                "enrollments.csv": edit_csv("enrollments.csv", drop={f"enr-{n:04d}" for n in range(7, 14)}),
            }
        ),
        district=None,
        user=None,
    )
    assert outcome.counts["classes"]["kept"] == 1
    assert Section.objects.filter(sourced_id="cls-rms-sci7-2").exists()


def test_reissued_enrollment_ids_replace_the_old_ones(riverbend_zip: Path, make_set: Callable[..., Path]) -> None:
    import_oneroster(riverbend_zip, district=None, user=None)
    import csv
    import io

    rows = list(csv.reader(io.StringIO(edit_csv("enrollments.csv"))))
    reissued = "\n".join(",".join([f"new-{r[0]}" if i else r[0], *r[1:]]) for i, r in enumerate(rows)) + "\n"
    outcome = import_oneroster(make_set({"enrollments.csv": reissued}), district=None, user=None)
    assert outcome.counts["enrollments"]["deleted"] == 55 and outcome.counts["enrollments"]["created"] == 55
    assert Enrollment.objects.filter(sourced_id__startswith="new-").count() == 55


def test_hand_made_records_are_adopted(riverbend_zip: Path) -> None:
    district = District.objects.create(name="Riverbend Unified School District")
    school = School.objects.create(district=district, name="Riverbend High School", lowest_grade=9, highest_grade=12)
    outcome = import_oneroster(riverbend_zip, district=None, user=None)
    district.refresh_from_db()
    school.refresh_from_db()
    assert district.sourced_id == "org-rbusd" and school.sourced_id == "org-rhs"
    assert outcome.counts["orgs"] == {"created": 1, "updated": 2, "unchanged": 0, "deleted": 0, "skipped": 1}
    assert School.objects.count() == 2


def test_the_named_district_must_be_the_one_in_orgs(riverbend_zip: Path) -> None:
    other = District.objects.create(name="Lakeside District", sourced_id="org-lakeside")
    with pytest.raises(ImportRefused) as refused:
        import_oneroster(riverbend_zip, district=other, user=None)
    assert "describes another district than Lakeside District" in str(refused.value.problems[0])
    assert refused.value.problems[0].line == 2
    assert not School.objects.exists()


def test_the_named_district_takes_the_orgs_identity(riverbend_zip: Path) -> None:
    district = District.objects.create(name="RUSD")
    outcome = import_oneroster(riverbend_zip, district=district, user=None)
    district.refresh_from_db()
    assert (district.name, district.sourced_id) == ("Riverbend Unified School District", "org-rbusd")
    assert outcome.district == district and Course.objects.filter(school__district=district).count() == 8


def test_only_a_district_administrator_may_import(riverbend_zip: Path) -> None:
    import_oneroster(riverbend_zip, district=None, user=None)
    district = District.objects.get()
    teacher = User.objects.get(sourced_id="usr-t-01")
    with pytest.raises(PermissionDenied):
        import_oneroster(riverbend_zip, district=district, user=teacher)
    failed = ImportRecord.objects.filter(status=ImportRecord.Status.FAILED).get()
    assert failed.user == teacher and "may not import rosters" in failed.problems[0]["text"]
    admin = User.objects.get(sourced_id="usr-admin-01")
    assert Membership.objects.filter(user=admin, role=Role.DISTRICT_ADMIN, district=district).exists()
    outcome = import_oneroster(riverbend_zip, district=None, user=admin)
    assert outcome.record.user == admin and outcome.record.status == ImportRecord.Status.COMMITTED


def test_a_new_district_needs_no_user_or_a_superuser(riverbend_zip: Path) -> None:
    nobody = User.objects.create_user("nobody", password="a-long-test-password")
    with pytest.raises(PermissionDenied):
        import_oneroster(riverbend_zip, district=None, user=nobody)
    assert not District.objects.exists()
    root = User.objects.create_superuser("root", password="a-long-test-password")
    assert import_oneroster(riverbend_zip, district=None, user=root).district is not None


def test_a_term_with_issued_reports_is_kept(riverbend_zip: Path, make_set: Callable[..., Path]) -> None:
    """Issued report cards are official records: a bulk file that no longer lists their term keeps it (counted
    as kept) instead of stopping the import on the protected reference."""
    import_oneroster(riverbend_zip, district=None, user=None)
    quarter = AcademicSession.objects.get(sourced_id="as-2026-q1")
    assert not quarter.sections.exists()
    IssuedReport.objects.create(
        kind=ReportKind.PROGRESS_REPORT,
        student=Student.objects.filter(school__sourced_id="org-rhs").first(),
        term=quarter,
        version=1,
        pdf=b"%PDF-1.7 issued",
    )
    outcome = import_oneroster(
        make_set({"academicSessions.csv": edit_csv("academicSessions.csv", drop={"as-2026-q1"})}),
        district=None,
        user=None,
    )
    assert outcome.counts["academicSessions"]["kept"] == 1
    assert AcademicSession.objects.filter(pk=quarter.pk).exists()
