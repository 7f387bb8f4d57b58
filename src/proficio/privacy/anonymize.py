"""Anonymise a departed student's records while keeping every figure that aggregates count (issue 7).

The procedure a data officer follows is docs/privacy.md. In one transaction, for a student who has left
(``Student.is_active`` is False) and has not been anonymised before:

- **rewritten**: the account (name → "Former student" + a pseudonym such as ``S-1a2b3c4d``, username →
  the pseudonym, email blank, no usable password, inactive, no OneRoster sourcedId, no last log-in, the
  default language); the student number (→ the pseudonym) and birth date (→ empty); outside-school evidence
  (title → its kind, description and organisation blank, attachment removed) and the same fields in that
  evidence's change history; the Django admin's log of changes to the account or the student record; the
  enrolments' OneRoster sourcedIds.
- **removed**: guardian links (they name the family; nothing refers to them); the account's API tokens and
  failed log-in records.
- **deactivated, kept**: advisories (a member of staff's caseload history) and the account's memberships.
- **kept as they are**: scores (every one, superseded ones too), results, graduation status, enrolments,
  "not assessed" marks, and the subgroup fields the equity figures count (school, grade, race/ethnicity,
  gender, economically disadvantaged, English learner, disability). Score feedback and correction reasons are
  kept too: scores are append-only and the database refuses every ``UPDATE`` of them, and lifting that
  trigger, even inside one transaction, would make a path that rewrites recorded evidence. The summary counts
  the texts that seem to mention the student's name, so the officer knows what remains.
- **not rewritten**: the audit trail, an append-only legal record (its old events keep the labels they were
  written with, and only school leaders and district administrators can read them). The anonymisation is
  itself recorded there, under the pseudonym, without the old name.

An account that is also used for a staff role or as a guardian is refused: rewriting it would change another
person's records. A ``privacy.Anonymization`` row marks the student as anonymised; its one-to-one key makes a
second run fail even when two start at once.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q

from proficio.accounts.models import LoginAttempt, Role, User
from proficio.api.models import AccessToken
from proficio.audit.models import Action, AuditEvent
from proficio.audit.services import actor_label as label_of
from proficio.audit.services import record
from proficio.evidence.models import NotAssessed, OutsideEvidence, Score
from proficio.learners.models import AssessmentRequest, Goal, LearnerProfile, ProfileComment
from proficio.privacy.models import Anonymization
from proficio.proficiency.models import GraduationStatus, IndicatorResult, StandardResult
from proficio.reports.models import IssuedReport
from proficio.roster.models import Advisory, Enrollment, GuardianLink, Student

FORMER_STUDENT = "Former student"
PSEUDONYM_PREFIX = "S-"
DEFAULT_LANGUAGE = User._meta.get_field("preferred_language").get_default()

# Counted by the equity and growth figures, so never touched (docs/privacy.md, "What is kept").
KEPT_STUDENT_FIELDS = ("school", "grade", *Student.SUBGROUP_FIELDS, "is_active")


class AnonymizationRefused(Exception):
    """The student cannot be anonymised (still active, already done, or the reason is unusable)."""


@dataclass
class Summary:
    """What an anonymisation changes (or, for a dry run, would change), table by table."""

    student_id: int
    school: str
    dry_run: bool
    pseudonym: str = ""
    rewritten: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    deactivated: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)
    kept_fields: tuple[str, ...] = KEPT_STUDENT_FIELDS
    name_in_kept_text: int = 0
    guardians_without_other_children: int = 0
    audit_event_id: int | None = None

    def counts(self) -> dict[str, Any]:
        return {
            "rewritten": self.rewritten,
            "removed": self.removed,
            "deactivated": self.deactivated,
            "kept": self.kept,
            "name_in_kept_text": self.name_in_kept_text,
            "guardians_without_other_children": self.guardians_without_other_children,
        }


def is_anonymized(student: Student) -> bool:
    return Anonymization.objects.filter(student_id=student.pk).exists()


def may_anonymize(user: User, student: Student) -> bool:
    """District administrators of the student's district (and superusers). The command line needs no user:
    whoever can run it on the server already holds the whole database."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.memberships.active().filter(role=Role.DISTRICT_ADMIN, district_id=student.school.district_id).exists()


def _identifying_terms(student: Student) -> list[str]:
    """What would identify the student in a text: each part of their names, and their identifiers."""
    user = student.user
    parts = f"{user.first_name} {user.last_name}".split()
    terms = [p for p in parts if len(p) >= 2]
    terms += [t for t in (user.username, user.email, student.student_number) if t]
    if student.birth_date is not None:
        terms.append(student.birth_date.isoformat())
    return terms


def _mentions(text: str, terms: Iterable[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE) for term in terms)


def _check(student: Student, reason: str) -> None:
    if student.is_active:
        raise AnonymizationRefused(
            f"Student {student.student_number} is still active at {student.school}. Only a student who has left "
            "can be anonymised: mark them as left first (the roster import does this when the SIS reports them "
            "as gone)."
        )
    done = Anonymization.objects.filter(student_id=student.pk).first()
    if done is not None:
        raise AnonymizationRefused(
            f"This student was already anonymised on {done.done_at:%Y-%m-%d} (now {done.pseudonym}); "
            "it cannot be done twice."
        )
    user = student.user
    other_roles = sorted(set(user.memberships.exclude(role=Role.STUDENT).values_list("role", flat=True)))
    if other_roles or hasattr(user, "guardian_profile") or user.is_staff or user.is_superuser:
        held = ", ".join([*other_roles, *(["guardian"] if hasattr(user, "guardian_profile") else [])]) or "staff"
        raise AnonymizationRefused(
            f"This student's account is also used as {held}; rewriting it would change that person's other "
            "records too. Give the student their own account first, or handle this one by hand."
        )
    if not reason.strip():
        raise AnonymizationRefused("Give a reason (for example the retention rule or the request it fulfils).")
    if _mentions(reason, _identifying_terms(student)):
        raise AnonymizationRefused(
            "The reason names the student (their name, username, email, number or birth date); it is kept on "
            "record, so write it without them."
        )


def _new_pseudonym() -> str:
    while True:
        code = f"{PSEUDONYM_PREFIX}{secrets.token_hex(4)}"
        taken = (
            User.objects.filter(username__iexact=code).exists()
            or Student.objects.filter(student_number__iexact=code).exists()
            or Anonymization.objects.filter(pseudonym__iexact=code).exists()
        )
        if not taken:
            return code


def _historical_outside_evidence() -> Any:
    return OutsideEvidence.history.model  # type: ignore[attr-defined]


def _log_entries(student: Student) -> Any:
    user_type = ContentType.objects.get_for_model(User)
    student_type = ContentType.objects.get_for_model(Student)
    return LogEntry.objects.filter(
        Q(content_type=user_type, object_id=str(student.user_id))
        | Q(content_type=student_type, object_id=str(student.pk))
    )


def _survey(student: Student, *, dry_run: bool) -> Summary:
    """Count everything the anonymisation touches and keeps; reads only."""
    user = student.user
    outside = OutsideEvidence.objects.filter(student=student)
    history = _historical_outside_evidence().objects.filter(student_id=student.pk)
    links = GuardianLink.objects.filter(student=student)
    terms = [p for p in f"{user.first_name} {user.last_name}".split() if len(p) >= 2]
    texts = Score.objects.filter(student=student).exclude(feedback="", reason="").values_list("feedback", "reason")
    others = GuardianLink.objects.filter(is_active=True).exclude(student=student)
    return Summary(
        student_id=student.pk,
        school=student.school.name,
        dry_run=dry_run,
        rewritten={
            "account (accounts.User)": 1,
            "student record (roster.Student)": 1,
            "outside-school evidence": outside.count(),
            "outside-school evidence history": history.count(),
            "admin log entries": _log_entries(student).count(),
            "enrolment sourcedIds": Enrollment.objects.filter(user=user, sourced_id__isnull=False).count(),
        },
        removed={
            "guardian links": links.count(),
            "outside-school evidence attachments": outside.exclude(attachment="").count(),
            "API tokens": AccessToken.objects.filter(user=user).count(),
            "failed log-in records": LoginAttempt.objects.filter(username__iexact=user.username).count(),
            # Written by or about the student, counted by no aggregate: interests, aspirations, accommodations,
            # advisor comments, goals with their checkpoints and reflections, and notes on requests.
            "learner profile": LearnerProfile.objects.filter(student=student).count(),
            "advisor comments": ProfileComment.objects.filter(student=student).count(),
            "goals (with checkpoints and reflections)": Goal.objects.filter(student=student).count(),
            "'show what I know' requests": AssessmentRequest.objects.filter(student=student).count(),
        },
        deactivated={
            "advisories": Advisory.objects.filter(student=student, is_active=True).count(),
            "memberships": user.memberships.filter(is_active=True).count(),
        },
        kept={
            "scores (superseded ones too)": Score.objects.filter(student=student).count(),
            "indicator results": IndicatorResult.objects.filter(student=student).count(),
            "standard results": StandardResult.objects.filter(student=student).count(),
            "graduation statuses": GraduationStatus.objects.filter(student=student).count(),
            "enrolments": Enrollment.objects.filter(user=user).count(),
            "not-assessed marks": NotAssessed.objects.filter(student=student).count(),
            "advisories": Advisory.objects.filter(student=student).count(),
            "audit events": AuditEvent.objects.filter(student=student).count(),
            # Official records under the school's retention schedule, immutable once issued (docs/privacy.md).
            "issued report cards and transcripts": IssuedReport.objects.filter(student=student).count(),
        },
        name_in_kept_text=sum(1 for feedback, why in texts if _mentions(f"{feedback}\n{why}", terms)),
        guardians_without_other_children=links.exclude(guardian__in=others.values("guardian")).count(),
    )


def _delete_files_after_commit(names: set[str]) -> None:
    def delete() -> None:
        for name in names:
            if default_storage.exists(name):
                default_storage.delete(name)

    if names:
        transaction.on_commit(delete)


def anonymize_student(
    student: Student,
    *,
    reason: str,
    actor: User | None = None,
    actor_label: str | None = None,
    dry_run: bool = False,
) -> Summary:
    """Anonymise ``student`` (see the module docstring), all in one transaction, and record it in the audit
    trail. ``actor`` is the user who asked (checked with ``may_anonymize``); the command line passes none and
    labels itself with ``actor_label``. A dry run checks and counts, and writes nothing."""
    if actor is not None and not may_anonymize(actor, student):
        raise PermissionDenied("Only a district administrator of the student's district may anonymise them.")
    reason = reason.strip()
    if dry_run:
        student = Student.objects.select_related("user", "school").get(pk=student.pk)
        _check(student, reason)
        return _survey(student, dry_run=True)
    with transaction.atomic():
        # Lock the row, then check again under the lock: two runs at once cannot both get past this point.
        student = Student.objects.select_for_update().select_related("user", "school").get(pk=student.pk)
        _check(student, reason)
        summary = _survey(student, dry_run=False)
        pseudonym = _new_pseudonym()
        summary.pseudonym = pseudonym
        new_name = f"{FORMER_STUDENT} {pseudonym}"
        user = student.user
        old_username = user.username

        user.first_name, user.last_name = FORMER_STUDENT, pseudonym
        user.username, user.email = pseudonym, ""
        user.set_unusable_password()
        user.is_active = False
        user.sourced_id = None
        user.last_login = None
        user.preferred_language = DEFAULT_LANGUAGE
        user.save()
        student.student_number = pseudonym
        student.birth_date = None
        student.save(update_fields=["student_number", "birth_date"])

        GuardianLink.objects.filter(student=student).delete()
        for written_about_the_student in (LearnerProfile, ProfileComment, Goal, AssessmentRequest):
            written_about_the_student.objects.filter(student=student).delete()
        Advisory.objects.filter(student=student, is_active=True).update(is_active=False)
        user.memberships.filter(is_active=True).update(is_active=False)
        AccessToken.objects.filter(user=user).delete()
        LoginAttempt.objects.filter(username__iexact=old_username).delete()
        Enrollment.objects.filter(user=user, sourced_id__isnull=False).update(sourced_id=None)
        _log_entries(student).update(object_repr=new_name)

        # Title, description, organisation and attachment may name the student; kind, dates, hours, status and
        # the aligned indicators stay (the verified evidence's scores count). ``update`` rather than ``save``:
        # nothing that results depend on changes, so there is nothing to recompute.
        files: set[str] = set()
        history = _historical_outside_evidence().objects.filter(student_id=student.pk)
        for model_rows in (OutsideEvidence.objects.filter(student=student), history):
            files |= set(model_rows.exclude(attachment="").values_list("attachment", flat=True))
            for kind, label in OutsideEvidence.Kind.choices:
                model_rows.filter(kind=kind).update(title=label, description="", organization="", attachment="")
            model_rows.exclude(kind__in=OutsideEvidence.Kind.values).update(
                title="Outside-school evidence", description="", organization="", attachment=""
            )
        _delete_files_after_commit(files)

        done_by = actor_label or label_of(actor)
        Anonymization.objects.create(
            student=student, pseudonym=pseudonym, done_by=done_by, reason=reason, counts=summary.counts()
        )
        event = record(
            Action.STUDENT_ANONYMIZED,
            actor=actor,
            label=done_by,
            obj=student,
            student=student,
            object_label=new_name,
            details={"pseudonym": pseudonym, "reason": reason, **summary.counts()},
        )
        summary.audit_event_id = event.pk
    return summary
