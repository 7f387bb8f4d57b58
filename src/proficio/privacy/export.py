"""Everything proficio holds about one student, as one JSON document (a subject-access export).

Read straight from the tables, not from pages, so nothing is summarised away: the account, the student
record and its demographics, enrolments, guardians, advisors, every score including superseded ones and
their reasons, outside-school evidence, "not assessed" marks, the computed results and graduation status,
and the audit events about the student.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone

from proficio.audit.models import AuditEvent
from proficio.evidence.models import NotAssessed, OutsideEvidence, Score
from proficio.learners.models import AssessmentRequest, Goal, LearnerProfile, ProfileComment
from proficio.proficiency.models import GraduationStatus, IndicatorResult, StandardResult
from proficio.reports.models import IssuedReport
from proficio.roster.models import Advisory, Enrollment, GuardianLink, Student

FORMAT_VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _rows(queryset: QuerySet[Any], *fields: str) -> list[dict[str, Any]]:
    return [{key: _plain(value) for key, value in row.items()} for row in queryset.values(*fields)]


def _fields(obj: Model, *names: str) -> dict[str, Any]:
    return {name: _plain(getattr(obj, name)) for name in names}


def student_export(student: Student) -> dict[str, Any]:
    user = student.user
    return {
        "format": "proficio student export",
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "account": _fields(user, "username", "first_name", "last_name", "email", "date_joined", "last_login")
        | {"preferred_language": user.preferred_language},
        "student": _fields(
            student,
            "student_number",
            "grade",
            "birth_date",
            *Student.SUBGROUP_FIELDS,
            "is_active",
        )
        | {"school": student.school.name, "district": student.school.district.name},
        "enrollments": _rows(
            Enrollment.objects.filter(user=user).order_by("section__session__start_date", "section__name"),
            "section__name",
            "section__course__title",
            "section__session__title",
            "role",
            "begin_date",
            "end_date",
        ),
        "guardians": _rows(
            GuardianLink.objects.filter(student=student).order_by("pk"),
            "guardian__user__first_name",
            "guardian__user__last_name",
            "relationship",
            "is_active",
            "receives_reports",
        ),
        "advisors": _rows(
            Advisory.objects.filter(student=student).order_by("pk"),
            "advisor__first_name",
            "advisor__last_name",
            "is_active",
        ),
        "scores": _rows(
            Score.objects.filter(student=student).order_by("scored_at", "pk"),
            "id",
            "indicator__code",
            "assessment__title",
            "assessment__kind",
            "assessment__assessed_on",
            "outside_evidence__title",
            "value",
            "feedback",
            "scorer__first_name",
            "scorer__last_name",
            "scored_at",
            "supersedes_id",
            "reason",
        ),
        "outside_evidence": _rows(
            OutsideEvidence.objects.filter(student=student).order_by("completed_on", "pk"),
            "title",
            "kind",
            "organization",
            "description",
            "started_on",
            "completed_on",
            "hours",
            "status",
        ),
        "not_assessed": _rows(
            NotAssessed.objects.filter(student=student).order_by("pk"), "assessment__title", "marked_at"
        ),
        "indicator_results": _rows(
            IndicatorResult.objects.filter(student=student).order_by("indicator__code"),
            "indicator__code",
            "value",
            "level__label",
            "evidence_count",
            "computed_at",
        ),
        "standard_results": _rows(
            StandardResult.objects.filter(student=student).order_by("standard__code"),
            "standard__code",
            "value",
            "level__label",
            "is_proficient",
            "computed_at",
        ),
        "graduation": _rows(
            GraduationStatus.objects.filter(student=student).order_by("pk"),
            "framework__title",
            "met",
            "standards_required",
            "standards_met",
            "missing",
            "computed_at",
        ),
        "learner_profile": _rows(
            LearnerProfile.objects.filter(student=student),
            "interests",
            "college_aspirations",
            "career_aspirations",
            "learning_preferences",
            "accommodations",
            "updated_at",
        ),
        "profile_comments": _rows(
            ProfileComment.objects.filter(student=student).order_by("created_at", "pk"),
            "author__first_name",
            "author__last_name",
            "body",
            "created_at",
        ),
        "goals": [
            _fields(goal, "statement", "measure", "target_date", "status", "created_at", "reviewed_at")
            | {
                "indicator": goal.indicator.code if goal.indicator else None,
                "standard": goal.standard.code if goal.standard else None,
                "review_comment": goal.review_comment,
                "checkpoints": _rows(goal.checkpoints.order_by("due_on", "pk"), "description", "due_on", "done"),
                "reflections": _rows(goal.reflections.order_by("created_at", "pk"), "body", "created_at"),
            }
            for goal in Goal.objects.filter(student=student).select_related("indicator", "standard").order_by("pk")
        ],
        "assessment_requests": _rows(
            AssessmentRequest.objects.filter(student=student).order_by("created_at", "pk"),
            "indicator__code",
            "section__name",
            "kind",
            "note",
            "status",
            "created_at",
            "decided_at",
            "reason",
            "assessment__title",
        ),
        "issued_reports": _rows(
            IssuedReport.objects.filter(student=student).order_by("issued_at", "pk"),
            "kind",
            "term__title",
            "version",
            "issued_at",
            "sha256",
        ),
        "audit_events": _rows(
            AuditEvent.objects.filter(student=student).order_by("pk"),
            "at",
            "action",
            "actor_label",
            "object_label",
            "ip_address",
        ),
    }
