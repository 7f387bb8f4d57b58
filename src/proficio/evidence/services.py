"""Recording and correcting scores. Every write of evidence goes through here."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from proficio.accounts.models import User
from proficio.evidence.models import Assessment, OutsideEvidence, Score
from proficio.roster.models import Section, Student
from proficio.standards.models import PerformanceIndicator, Standard

# The foreign keys come in as loaded objects and the database re-checks every constraint, so full_clean's
# per-field existence queries and constraint queries would only repeat work; the domain rules run in words.
_CHECKED_BY_DATABASE = ["student", "indicator", "assessment", "outside_evidence", "scorer", "supersedes"]


def _validate(score: Score) -> None:
    score.full_clean(exclude=_CHECKED_BY_DATABASE, validate_unique=False, validate_constraints=False)


@transaction.atomic
def record_score(
    *,
    student: Student,
    indicator: PerformanceIndicator,
    value: Decimal | int | str,
    scorer: User,
    assessment: Assessment | None = None,
    outside_evidence: OutsideEvidence | None = None,
    feedback: str = "",
) -> Score:
    """Record a first score. Refuses (ValidationError, nothing written) a second original for the same slot."""
    score = Score(
        student=student,
        indicator=indicator,
        assessment=assessment,
        outside_evidence=outside_evidence,
        value=Decimal(str(value)),
        scorer=scorer,
        feedback=feedback,
    )
    existing = Score.objects.filter(
        student=student, indicator=indicator, assessment=assessment, outside_evidence=outside_evidence
    )
    if existing.exists():
        raise ValidationError(
            {"value": "This student already has a score here; correct it with a reason instead of scoring again."}
        )
    _validate(score)
    score.save()
    return score


@transaction.atomic
def correct_score(*, score: Score, value: Decimal | int | str, scorer: User, reason: str, feedback: str = "") -> Score:
    """Supersede ``score`` with a new one. The old score stays, unchanged, as history."""
    # Lock the row being corrected so two simultaneous corrections cannot both supersede it.
    locked = Score.objects.select_for_update().get(pk=score.pk)
    correction = Score(
        student_id=locked.student_id,
        indicator_id=locked.indicator_id,
        assessment_id=locked.assessment_id,
        outside_evidence_id=locked.outside_evidence_id,
        value=Decimal(str(value)),
        scorer=scorer,
        feedback=feedback or locked.feedback,
        supersedes=locked,
        reason=reason.strip(),
    )
    _validate(correction)
    correction.save()
    return correction


def supersede_chain(score: Score) -> list[Score]:
    """The score's whole history, original first, current last."""
    original = score
    while original.supersedes_id is not None:
        assert original.supersedes is not None
        original = original.supersedes
    chain = [original]
    while True:
        nxt = Score.objects.filter(supersedes=chain[-1]).first()
        if nxt is None:
            return chain
        chain.append(nxt)


@transaction.atomic
def create_assessment(
    *,
    section: Section,
    created_by: User,
    fields: dict[str, Any],
    indicators: Iterable[PerformanceIndicator],
    copy_to: Iterable[Section] = (),
) -> list[Assessment]:
    """Create an assessment in ``section`` and a copy in each of ``copy_to`` (same course). All or nothing."""
    created = []
    for target in [section, *copy_to]:
        if target.course_id != section.course_id:
            raise ValidationError({"copy_to": f"{target} is not a section of {section.course}."})
        retake_of = fields.get("retake_of") if target == section else None
        assessment = Assessment(
            section=target,
            created_by=created_by,
            title=fields["title"],
            kind=fields["kind"],
            assessed_on=fields["assessed_on"],
            description=fields.get("description", ""),
            retake_of=retake_of,
        )
        assessment.full_clean()
        assessment.save()
        assessment.indicators.set(list(indicators))
        if target == section and retake_of is not None:
            assessment.retakers.set(list(fields.get("retakers") or []))
        created.append(assessment)
    return created


def students_needing_retake(original: Assessment) -> list[Student]:
    """Students of the original's section who did not reach proficient on it: a current score below the
    indicator's threshold, a missing score, or marked not assessed. The teacher's starting point for a retake."""
    students = original.students()
    indicators = list(original.indicators.select_related("standard__framework__scale"))
    thresholds: dict[int, Decimal | None] = {}
    per_scale: dict[int, Decimal | None] = {}  # one threshold lookup per scale, not per indicator
    for indicator in indicators:
        scale = indicator.scale
        if scale.pk not in per_scale:
            threshold = scale.threshold
            per_scale[scale.pk] = threshold.value if threshold else None
        thresholds[indicator.pk] = per_scale[scale.pk]
    scores = {(s.student_id, s.indicator_id): s.value for s in Score.objects.current().filter(assessment=original)}
    needing = []
    for student in students:
        for indicator in indicators:
            value = scores.get((student.pk, indicator.pk))
            threshold = thresholds[indicator.pk]
            if value is None or (threshold is not None and value < threshold):
                needing.append(student)
                break
    return needing


WORK_HABIT_CHECK_TITLE = "Work habits check"


@transaction.atomic
def work_habit_check(*, section: Section, created_by: User, on: date) -> Assessment:
    """The section's work-habit check for one day, aligned to every work habit of its framework.

    Teachers score work habits often and quickly (every week or so), not as a task students hand in, so one
    click gives them a ready scoring grid; a second click the same day returns the same check.
    """
    from proficio.evidence.forms import indicators_for

    existing = (
        section.assessments.filter(title=WORK_HABIT_CHECK_TITLE, assessed_on=on, kind=Assessment.Kind.SUMMATIVE)
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    habits = list(indicators_for(section).filter(standard__kind=Standard.Kind.WORK_HABIT))
    if not habits:
        raise ValidationError("This section's framework has no work habits to score.")
    check = Assessment(
        section=section,
        title=WORK_HABIT_CHECK_TITLE,
        kind=Assessment.Kind.SUMMATIVE,
        assessed_on=on,
        description="Quick scoring of every work habit; reported apart from academic proficiency.",
        created_by=created_by,
    )
    check.full_clean()
    check.save()
    check.indicators.set(habits)
    return check
