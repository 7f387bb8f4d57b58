"""Anonymising a departed student (issue 7): identifying data goes, every aggregate stays exactly as it was."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Avg, Count, Q, Sum
from typer.testing import CliRunner

from proficio.accounts.models import LoginAttempt, Membership, Role, User
from proficio.api.models import AccessToken
from proficio.api.tokens import issue
from proficio.audit import present
from proficio.audit.models import Action, AuditEvent
from proficio.audit.services import record
from proficio.cli import app
from proficio.demo.writer import DemoResult
from proficio.evidence.models import NotAssessed, OutsideEvidence, Score
from proficio.evidence.panels import waiting_to_be_scored
from proficio.evidence.services import correct_score, record_score
from proficio.learners.models import (
    AssessmentRequest,
    Goal,
    GoalCheckpoint,
    GoalReflection,
    LearnerProfile,
    ProfileComment,
)
from proficio.privacy import anonymize as anonymize_module
from proficio.privacy.anonymize import AnonymizationRefused, anonymize_student
from proficio.privacy.export import student_export
from proficio.privacy.models import Anonymization
from proficio.proficiency.evidence_gaps import evidence_gaps
from proficio.proficiency.models import GraduationStatus, IndicatorResult, StandardResult
from proficio.proficiency.panels import standards_needing_attention
from proficio.reports.models import IssuedReport, ReportKind
from proficio.roster.models import Advisory, Enrollment, Guardian, GuardianLink, School, Section, Student
from proficio.roster.panels import school_summary as _school_summary
from tests.factories import make_user, make_world

pytestmark = pytest.mark.django_db

REASON = "Left the district; the retention period has ended."
SUBGROUPS = ("grade", "race_ethnicity", "gender", "economically_disadvantaged", "english_learner", "disability")


# --- what the school's and district's figures are made of ------------------------------------------------------


def aggregates() -> dict[str, Any]:
    """Every figure a page or report counts over students: the leader's and teacher's home panels, and the
    equity breakdowns (proficiency per standard for each subgroup), growth inputs and graduation."""
    as_of = date(2026, 6, 1)
    figures: dict[str, Any] = {}
    for school in School.objects.order_by("pk"):
        sections = Section.objects.filter(course__school=school)
        summary = _school_summary(school, named=True)
        figures[f"school {school.pk} summary"] = {k: v for k, v in summary.items() if k != "school"}
        figures[f"school {school.pk} attention"] = standards_needing_attention(sections, limit=1000)
        figures[f"school {school.pk} to score"] = [
            (row["assessment"].pk, row["scored"], row["slots"]) for row in waiting_to_be_scored(sections, limit=1000)
        ]
        term, gaps, total = evidence_gaps(sections, as_of=as_of, limit=1000)
        figures[f"school {school.pk} gaps"] = (
            term,
            total,
            [(gap.student.pk, gap.section.pk, [i.pk for i in gap.indicators]) for gap in gaps],
        )
    results = StandardResult.objects.exclude(level__isnull=True)
    proficient = Count("id", filter=Q(is_proficient=True))
    figures["proficient per school × standard"] = list(
        results.values("student__school_id", "standard_id")
        .annotate(n=Count("id"), p=proficient)
        .order_by("student__school_id", "standard_id")
    )
    for subgroup in SUBGROUPS:
        figures[f"equity by {subgroup}"] = list(
            results.values(f"student__{subgroup}", "standard_id")
            .annotate(n=Count("id"), p=proficient)
            .order_by(f"student__{subgroup}", "standard_id")
        )
    figures["indicator levels"] = list(
        IndicatorResult.objects.values("student__school_id", "indicator_id")
        .annotate(n=Count("id"), mean=Avg("value"), evidence=Sum("evidence_count"))
        .order_by("student__school_id", "indicator_id")
    )
    figures["graduation"] = list(
        GraduationStatus.objects.values("student__school_id", "student__grade", "met")
        .annotate(n=Count("id"))
        .order_by("student__school_id", "student__grade", "met")
    )
    figures["scores"] = list(
        Score.objects.values("indicator_id", "value", "supersedes_id")
        .annotate(n=Count("id"))
        .order_by("indicator_id", "value", "supersedes_id")
    )
    figures["current summative scores"] = Score.objects.current().summative().count()
    figures["enrolments per section"] = list(
        Enrollment.objects.values("section_id", "role").annotate(n=Count("id")).order_by("section_id", "role")
    )
    figures["not assessed"] = NotAssessed.objects.count()
    figures["outside evidence"] = list(
        OutsideEvidence.objects.values("kind", "status", "hours").annotate(n=Count("id")).order_by("kind", "status")
    )
    return figures


def _export_text(student: Student, *, drop_staff_names: bool = False) -> str:
    """The student's export as text, without the audit events (kept as written, on purpose)."""
    document = student_export(Student.objects.get(pk=student.pk))
    document.pop("audit_events")
    if drop_staff_names:  # teachers' and advisors' names are theirs, and may share a surname with the student
        for row in document["scores"]:
            row.pop("scorer__first_name"), row.pop("scorer__last_name")
        for row in document["advisors"]:
            row.pop("advisor__first_name"), row.pop("advisor__last_name")
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False)


def _appears(term: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE) is not None


def _leave(student: Student) -> Student:
    Student.objects.filter(pk=student.pk).update(is_active=False)
    return Student.objects.select_related("user", "school").get(pk=student.pk)


# --- the demo district: aggregates before and after ----------------------------------------------------------------


def test_aggregates_are_identical_and_the_export_no_longer_identifies_the_student(
    demo_district: DemoResult, settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    student = (
        Student.objects.filter(outside_evidence__isnull=False, guardian_links__isnull=False)
        .select_related("user", "school")
        .order_by("pk")
        .first()
    )
    assert student is not None, "the demo district has a student with outside evidence and guardians"
    user = student.user
    first, last = user.first_name, user.last_name
    identifying = [f"{first} {last}", user.username, user.email, student.student_number]
    assert student.birth_date is not None
    identifying.append(student.birth_date.isoformat())
    # Things written about them: outside evidence naming them, with an attachment; an earlier audit event.
    evidence = OutsideEvidence.objects.create(
        student=student,
        kind=OutsideEvidence.Kind.JOB,
        title=f"{first}'s summer job",
        organization=f"{last} Family Farm",
        description=f"{first} {last} ran the farm stand.",
        started_on=date(2025, 6, 20),
        completed_on=date(2025, 8, 20),
        hours=120,
    )
    evidence.attachment.save("reflection.txt", ContentFile(f"by {first} {last}".encode()))
    attachment = Path(evidence.attachment.path)
    leader = User.objects.filter(memberships__role=Role.SCHOOL_LEADER, memberships__school=student.school).first()
    earlier = record(Action.STUDENT_VIEWED, actor=leader, obj=student, student=student)
    assert first in earlier.object_label
    student = _leave(student)
    before = aggregates()
    before_export = _export_text(student)
    assert all(term in before_export for term in identifying)

    with django_capture_on_commit_callbacks(execute=True):
        summary = anonymize_student(student, reason=REASON, actor_label="command line (officer)")

    assert aggregates() == before
    after_export = _export_text(student)
    for term in identifying:
        assert term not in after_export, term
    staffless = _export_text(student, drop_staff_names=True)
    assert not _appears(first, staffless) and not _appears(last, staffless)
    document = json.loads(after_export)
    assert document["account"]["username"] == summary.pseudonym == document["student"]["student_number"]
    assert document["account"]["email"] == "" and document["student"]["birth_date"] is None
    assert document["guardians"] == [] and document["scores"] and document["indicator_results"]
    assert {e["title"] for e in document["outside_evidence"]} <= set(OutsideEvidence.Kind.labels)
    assert not attachment.exists()
    # The student's subgroup fields are the ones the equity figures count: unchanged.
    kept = Student.objects.get(pk=student.pk)
    for name in (*SUBGROUPS, "school_id"):
        assert getattr(kept, name) == getattr(student, name)
    # The history of the outside evidence no longer holds the old text either.
    history = OutsideEvidence.history.filter(student_id=student.pk)
    assert history.exists()
    assert not any(_appears(first, f"{h.title} {h.description} {h.organization}") for h in history)
    # The audit trail: the earlier event is kept as written; the new one does not name the student.
    earlier.refresh_from_db()
    assert first in earlier.object_label
    event = AuditEvent.objects.get(action=Action.STUDENT_ANONYMIZED)
    written = json.dumps(
        [event.actor_label, event.object_label, event.details], cls=DjangoJSONEncoder, ensure_ascii=False
    )
    assert not any(_appears(term, written) for term in [first, last, *identifying])
    # The trail's page says what happened in one line: the pseudonym and the reason, still without the name.
    line = present.summary(event)
    assert line == f"now {summary.pseudonym} — {REASON}" and not _appears(first, line)


def test_scores_results_and_graduation_rows_are_the_same_rows(demo_district: DemoResult) -> None:
    student = _leave(Student.objects.filter(scores__isnull=False).order_by("pk").first())
    rows = {
        "scores": list(Score.objects.filter(student=student).values().order_by("pk")),
        "indicator": list(IndicatorResult.objects.filter(student=student).values().order_by("pk")),
        "standard": list(StandardResult.objects.filter(student=student).values().order_by("pk")),
        "graduation": list(GraduationStatus.objects.filter(student=student).values().order_by("pk")),
        "enrolments": list(Enrollment.objects.filter(user=student.user).values("pk", "section_id", "role")),
    }
    summary = anonymize_student(student, reason=REASON, actor_label="command line")
    assert summary.kept["scores (superseded ones too)"] == len(rows["scores"])
    assert rows == {
        "scores": list(Score.objects.filter(student=student).values().order_by("pk")),
        "indicator": list(IndicatorResult.objects.filter(student=student).values().order_by("pk")),
        "standard": list(StandardResult.objects.filter(student=student).values().order_by("pk")),
        "graduation": list(GraduationStatus.objects.filter(student=student).values().order_by("pk")),
        "enrolments": list(Enrollment.objects.filter(user=student.user).values("pk", "section_id", "role")),
    }


# --- the rules, on a small world ------------------------------------------------------------------------------------


@pytest.fixture
def departed() -> Student:
    world = make_world()
    record_score(
        student=world.student,
        indicator=world.indicator,
        value=Decimal(3),
        scorer=world.teacher,
        assessment=world.assessment,
        feedback="Clear claim; cite more evidence.",
    )
    guardian = Guardian.objects.create(user=make_user("parent", first_name="Pat", last_name="Student"))
    GuardianLink.objects.create(guardian=guardian, student=world.student)
    advisor = make_user("advisor", first_name="Ada", last_name="Advisor")
    Advisory.objects.create(advisor=advisor, student=world.student)
    Membership.objects.create(user=world.student.user, role=Role.STUDENT)
    user = world.student.user
    user.email, user.sourced_id = "sam@example.org", "sis-sam"
    user.save()
    Student.objects.filter(pk=world.student.pk).update(birth_date=date(2010, 4, 5))
    issue(user=user, name="phone", scope=AccessToken.Scope.READ, lifetime=timedelta(days=30))
    LoginAttempt.objects.create(username=user.username, attempted_at=world.student.user.date_joined)
    return _leave(world.student)


def _state(student: Student) -> dict[str, Any]:
    user = User.objects.get(pk=student.user_id)
    return {
        "user": (user.username, user.first_name, user.last_name, user.email, user.password, user.is_active),
        "student": Student.objects.filter(pk=student.pk).values().get(),
        "links": list(GuardianLink.objects.filter(student=student).values()),
        "advisories": list(Advisory.objects.filter(student=student).values()),
        "memberships": list(Membership.objects.filter(user=user).values("role", "is_active")),
        "tokens": AccessToken.objects.filter(user=user).count(),
        "attempts": LoginAttempt.objects.count(),
        "events": AuditEvent.objects.count(),
        "anonymizations": Anonymization.objects.count(),
    }


def test_rewrites_the_account_and_student_record(departed: Student) -> None:
    summary = anonymize_student(departed, reason=REASON, actor_label="command line")
    user = User.objects.get(pk=departed.user_id)
    student = Student.objects.get(pk=departed.pk)
    code = summary.pseudonym
    assert re.fullmatch(r"S-[0-9a-f]{8}", code)
    assert (user.first_name, user.last_name, user.username, user.email) == ("Former student", code, code, "")
    assert not user.has_usable_password() and not user.is_active and user.sourced_id is None
    assert student.student_number == code and student.birth_date is None and not student.is_active
    assert not GuardianLink.objects.filter(student=student).exists()
    assert Guardian.objects.filter(user__username="parent").exists()  # the guardian's own account stays
    assert list(Advisory.objects.filter(student=student).values_list("is_active", flat=True)) == [False]
    assert not Membership.objects.filter(user=user, is_active=True).exists()
    assert not AccessToken.objects.filter(user=user).exists()
    assert not LoginAttempt.objects.filter(username="w.student").exists()
    assert Score.objects.get(student=student).feedback == "Clear claim; cite more evidence."
    done = Anonymization.objects.get(student=student)
    assert (done.pseudonym, done.reason, done.done_by) == (code, REASON, "command line")
    assert summary.removed["guardian links"] == 1 and summary.deactivated["advisories"] == 1
    assert summary.guardians_without_other_children == 1


@pytest.mark.vendor_sensitive  # nested JSON details
def test_the_run_is_recorded_in_the_audit_trail(departed: Student) -> None:
    summary = anonymize_student(departed, reason=REASON, actor_label="command line (officer)")
    event = AuditEvent.objects.get(action=Action.STUDENT_ANONYMIZED)
    assert event.pk == summary.audit_event_id
    assert event.actor is None and event.actor_label == "command line (officer)"
    assert event.student_id == departed.pk and event.school_id == departed.school_id
    assert event.object_label == f"Former student {summary.pseudonym}"
    assert event.details["reason"] == REASON and event.details["pseudonym"] == summary.pseudonym
    assert event.details["removed"]["guardian links"] == 1
    assert "Sam" not in json.dumps(event.details) and "w.student" not in json.dumps(event.details)


def test_an_active_student_is_refused(departed: Student) -> None:
    Student.objects.filter(pk=departed.pk).update(is_active=True)
    before = _state(departed)
    with pytest.raises(AnonymizationRefused, match="still active"):
        anonymize_student(Student.objects.get(pk=departed.pk), reason=REASON, actor_label="command line")
    assert _state(departed) == before


def test_it_cannot_run_twice(departed: Student) -> None:
    anonymize_student(departed, reason=REASON, actor_label="command line")
    after_first = _state(departed)
    with pytest.raises(AnonymizationRefused, match="already anonymised"):
        anonymize_student(departed, reason=REASON, actor_label="command line")
    assert _state(departed) == after_first


@pytest.mark.parametrize("reason", ["", "   ", "Sam asked for it", "request from w.student", "born 2010-04-05"])
def test_a_missing_or_identifying_reason_is_refused(departed: Student, reason: str) -> None:
    before = _state(departed)
    with pytest.raises(AnonymizationRefused):
        anonymize_student(departed, reason=reason, actor_label="command line")
    assert _state(departed) == before


def test_a_dry_run_writes_nothing(departed: Student) -> None:
    before = _state(departed)
    plan = anonymize_student(departed, reason=REASON, actor_label="command line", dry_run=True)
    assert plan.dry_run and plan.pseudonym == ""
    assert plan.removed["guardian links"] == 1 and plan.kept["scores (superseded ones too)"] == 1
    assert _state(departed) == before


def test_a_failure_midway_leaves_everything_as_it_was(departed: Student, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _state(departed)

    def fail(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the audit trail is unavailable")

    monkeypatch.setattr(anonymize_module, "record", fail)  # the last step, after every rewrite
    with pytest.raises(RuntimeError):
        anonymize_student(departed, reason=REASON, actor_label="command line")
    assert _state(departed) == before


def test_feedback_that_names_the_student_is_counted_and_kept(departed: Student) -> None:
    score = Score.objects.get(student=departed)
    correct_score(score=score, value=4, scorer=score.scorer, reason="Sam revised the essay.")
    summary = anonymize_student(departed, reason=REASON, actor_label="command line")
    assert summary.name_in_kept_text == 1
    assert Score.objects.filter(student=departed, reason="Sam revised the essay.").exists()


def test_only_a_district_administrator_of_the_district_may_ask(departed: Student) -> None:
    teacher = User.objects.get(username="w.teacher")
    with pytest.raises(PermissionDenied):
        anonymize_student(departed, reason=REASON, actor=teacher)
    admin = make_user("officer", first_name="Dana", last_name="Officer")
    Membership.objects.create(user=admin, role=Role.DISTRICT_ADMIN, district=departed.school.district)
    anonymize_student(departed, reason=REASON, actor=admin)
    event = AuditEvent.objects.get(action=Action.STUDENT_ANONYMIZED)
    assert event.actor == admin and event.actor_label == "Dana Officer (officer)"


def test_the_admin_log_no_longer_names_the_student(departed: Student) -> None:
    entry = LogEntry.objects.create(
        user=User.objects.get(username="w.teacher"),
        content_type=ContentType.objects.get_for_model(Student),
        object_id=str(departed.pk),
        object_repr=str(departed),
        action_flag=CHANGE,
    )
    summary = anonymize_student(departed, reason=REASON, actor_label="command line")
    entry.refresh_from_db()
    assert entry.object_repr == f"Former student {summary.pseudonym}"


# --- the command line ---------------------------------------------------------------------------------------------


def test_cli_dry_run_shows_the_plan_and_writes_nothing(departed: Student) -> None:
    before = _state(departed)
    result = CliRunner().invoke(app, ["anonymize-student", "w-1", "--reason", REASON, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Sam Student" in result.output and "Will remove:" in result.output
    assert "guardian links" in result.output and "race_ethnicity" in result.output
    assert "Dry run — nothing was written." in result.output
    assert _state(departed) == before


def test_cli_asks_first_and_stops_without_a_yes(departed: Student) -> None:
    before = _state(departed)
    result = CliRunner().invoke(app, ["anonymize-student", "w-1", "--reason", REASON], input="no\n")
    assert result.exit_code == 1 and "Not confirmed" in result.output
    assert _state(departed) == before


def test_cli_anonymises_on_confirmation_as_the_command_line(departed: Student) -> None:
    result = CliRunner().invoke(app, ["anonymize-student", "w-1", "--reason", REASON], input="yes\n")
    assert result.exit_code == 0, result.output
    done = Anonymization.objects.get(student=departed)
    assert f"now {done.pseudonym}" in result.output
    event = AuditEvent.objects.get(action=Action.STUDENT_ANONYMIZED)
    assert event.actor is None and event.actor_label.startswith("command line")


def test_cli_refusals_are_errors(departed: Student) -> None:
    result = CliRunner().invoke(app, ["anonymize-student", "nobody", "--reason", REASON, "--yes"])
    assert result.exit_code == 1 and "no student with number" in result.output
    Student.objects.filter(pk=departed.pk).update(is_active=True)
    result = CliRunner().invoke(app, ["anonymize-student", "w-1", "--reason", REASON, "--yes"])
    assert result.exit_code == 1 and "still active" in result.output


def test_manage_command_with_yes() -> None:
    world = make_world("m")
    _leave(world.student)
    out = StringIO()
    call_command("anonymize_student", "m-1", "--reason", REASON, "--yes", stdout=out)
    assert "Anonymised: the student is now S-" in out.getvalue()
    with pytest.raises(CommandError, match="no student with number"):
        call_command("anonymize_student", "m-1", "--reason", REASON, "--yes", stdout=out)


def test_anonymisations_are_listed_read_only_in_the_admin(departed: Student, client: Any) -> None:
    summary = anonymize_student(departed, reason=REASON, actor_label="command line")
    client.force_login(User.objects.create_superuser("root", password="a-long-test-password"))
    page = client.get("/admin/privacy/anonymization/")
    assert page.status_code == 200 and summary.pseudonym in page.content.decode()
    assert client.get("/admin/privacy/anonymization/add/").status_code == 403


def test_an_account_that_is_also_staff_or_a_guardian_is_refused(departed: Student) -> None:
    Membership.objects.create(user=departed.user, role=Role.TEACHER, school=departed.school)
    before = _state(departed)
    with pytest.raises(AnonymizationRefused, match="also used as teacher"):
        anonymize_student(departed, reason=REASON, actor_label="command line")
    assert _state(departed) == before


def _learner_writing(student: Student) -> None:
    """What the student and their advisor wrote: a profile, a comment, a goal with a checkpoint and a reflection,
    and a "show what I know" request — each naming the student, as real ones do."""
    world_indicator = Score.objects.filter(student=student).values_list("indicator", flat=True).first()
    section = Section.objects.filter(enrollments__user=student.user).first()
    advisor = Advisory.objects.filter(student=student).first().advisor  # type: ignore[union-attr]
    LearnerProfile.objects.create(student=student, interests="Wren loves robotics", accommodations="Extra time")
    ProfileComment.objects.create(student=student, author=advisor, body="Wren is ready for the capstone.")
    goal = Goal.objects.create(
        student=student,
        statement="Wren will cite two sources",
        indicator_id=world_indicator,
        measure="Rubric 3",
        target_date=date(2026, 6, 1),
    )
    goal.checkpoints.create(description="Draft", due_on=date(2026, 5, 1))
    goal.reflections.create(body="I, Wren, found it hard at first.")
    AssessmentRequest.objects.create(
        student=student, section=section, indicator_id=world_indicator, note="Wren practised twice"
    )


def test_the_learner_profile_goals_and_requests_are_in_the_export_and_removed(departed: Student) -> None:
    _learner_writing(departed)
    document = student_export(Student.objects.get(pk=departed.pk))
    assert document["learner_profile"][0]["interests"] == "Wren loves robotics"
    assert document["profile_comments"][0]["body"] == "Wren is ready for the capstone."
    (goal,) = document["goals"]
    assert goal["checkpoints"][0]["description"] == "Draft" and goal["reflections"][0]["body"].startswith("I, Wren")
    assert document["assessment_requests"][0]["note"] == "Wren practised twice"

    summary = anonymize_student(departed, reason=REASON, actor_label="command line")
    assert summary.removed["learner profile"] == 1 and summary.removed["goals (with checkpoints and reflections)"] == 1
    after = student_export(Student.objects.get(pk=departed.pk))
    for part in ("learner_profile", "profile_comments", "goals", "assessment_requests"):
        assert after[part] == [], part
    assert not GoalReflection.objects.exists() and not GoalCheckpoint.objects.exists()


def test_issued_transcripts_are_in_the_export_and_kept_as_issued(departed: Student) -> None:
    issued = IssuedReport.objects.create(
        kind=ReportKind.TRANSCRIPT, student=departed, version=1, pdf=b"%PDF-1.7 transcript", issued_by=None
    )
    document = student_export(Student.objects.get(pk=departed.pk))
    assert [(r["kind"], r["version"], r["sha256"]) for r in document["issued_reports"]] == [
        ("transcript", 1, issued.sha256)
    ]
    summary = anonymize_student(departed, reason=REASON, actor_label="command line")
    assert summary.kept["issued report cards and transcripts"] == 1
    assert IssuedReport.objects.get(pk=issued.pk).sha256 == issued.sha256  # the official record, unchanged
