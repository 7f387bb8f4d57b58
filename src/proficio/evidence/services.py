"""Recording and correcting scores. Every write of evidence goes through here.

``save_score`` is what a grader's save means (the scoring screen's keystroke, the API's POST): a first score,
a correction with a reason, or nothing when the same level is typed again, with the "not assessed" mark
cleared, all in one transaction. ``record_score`` and ``correct_score`` are its two writes, for callers that
already know which one they want (importers, fixtures, tests).

Invariants: a score is never updated (a correction supersedes it); each student × evidence × indicator slot
has one original and one current score whatever the interleaving of saves; a refused save writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from proficio.accounts.models import User
from proficio.evidence.models import Assessment, NotAssessed, OutsideEvidence, Score, ScoreQuerySet
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
    return _insert(score)


def _insert(score: Score) -> Score:
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


class Outcome(StrEnum):
    RECORDED = "recorded"
    CORRECTED = "corrected"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class SavedScore:
    """What a save did, and the slot's current score afterwards (the existing one when nothing changed)."""

    score: Score
    outcome: Outcome


class ConflictKind(StrEnum):
    NEEDS_REASON = "needs_reason"
    SCORED = "scored"
    SCORED_MEANWHILE = "scored_meanwhile"
    NOT_CURRENT = "not_current"


CONFLICT_MESSAGES = {
    ConflictKind.NEEDS_REASON: "This student already has a score here. Say why you are changing it.",
    ConflictKind.SCORED: "This student already has a score here; correct it with a reason instead.",
    ConflictKind.SCORED_MEANWHILE: (
        "Another grader scored this student here a moment ago, so your score was not saved. "
        "Check theirs, and say why if you change it."
    ),
    ConflictKind.NOT_CURRENT: "This score has already been corrected; correct the current score.",
}


class ScoreConflict(Exception):
    """A save that clashes with the slot's recorded history. Nothing was written; ``current`` is the slot's
    current score, for the caller to show or name."""

    def __init__(self, kind: ConflictKind, current: Score) -> None:
        super().__init__(CONFLICT_MESSAGES[kind])
        self.kind = kind
        self.current = current


@transaction.atomic
def save_score(
    *,
    student: Student,
    indicator: PerformanceIndicator,
    value: Decimal | int | str,
    scorer: User,
    assessment: Assessment | None = None,
    outside_evidence: OutsideEvidence | None = None,
    feedback: str = "",
    reason: str = "",
    correcting: Score | None = None,
    new_only: bool = False,
) -> SavedScore:
    """A grader's save of one slot (student × evidence × indicator), every rule in one transaction.

    - an empty slot gets its original score (``reason`` is ignored);
    - a scored slot with the same value, and no new feedback, is left as it is (``Outcome.UNCHANGED``);
    - any other change to a scored slot is a correction superseding the current score, and needs ``reason``
      (else ``ScoreConflict`` NEEDS_REASON, or a ``ValidationError`` on ``reason`` for an explicit correction);
    - ``correcting``: the score the caller means to correct; if it is no longer current, NOT_CURRENT. An
      explicit correction is recorded even when it repeats the value;
    - ``new_only``: refuse any save into a scored slot (SCORED), for callers whose "create" never corrects;
    - a save into an assessment clears the student's "not assessed" mark on it.
    Domain refusals (a value off the scale, an indicator not aligned) are ``ValidationError``; every refusal
    leaves the database as it was, and the score's audit event and recompute happen in this transaction.

    Concurrency. Two graders saving the same empty slot at once both find it empty; the guard is the partial
    unique index on the slot's original (``score_one_original_per_assessment`` and its outside-evidence
    twin, already in the schema). On PostgreSQL the second insert waits for the first transaction and then
    fails; it is caught in a savepoint and becomes SCORED_MEANWHILE, naming the winner. We chose the index over
    ``select_for_update`` on a row that always exists (the student, the assessment) because it costs no extra
    query, serialises nothing but the colliding pair, and holds for every writer, not only this function.
    Corrections lock the current score's row (``select_for_update``) and re-check, after the lock, that it is
    still current; the one-to-one ``supersedes`` column is the database's backstop. On SQLite every write
    transaction starts with BEGIN IMMEDIATE, so saves run one after another and the second sees the first.
    """
    slot_ids = (student.pk, indicator.pk, assessment and assessment.pk, outside_evidence and outside_evidence.pk)
    if correcting is not None and _slot_of(correcting) != slot_ids:
        raise ValueError("correcting must be a score of the slot being saved")
    value = Decimal(str(value))
    feedback, reason = feedback.strip(), reason.strip()
    slot = Score.objects.filter(
        student=student, indicator=indicator, assessment=assessment, outside_evidence=outside_evidence
    )
    current = slot.current().first()
    if current is None:
        fresh = Score(
            student=student,
            indicator=indicator,
            assessment=assessment,
            outside_evidence=outside_evidence,
            value=value,
            scorer=scorer,
            feedback=feedback,
        )
        saved = SavedScore(_insert_original(fresh, slot), Outcome.RECORDED)
    elif new_only:
        raise ScoreConflict(ConflictKind.SCORED, current)
    else:
        saved = _change(
            current, slot, value=value, scorer=scorer, feedback=feedback, reason=reason, correcting=correcting
        )
    if assessment is not None:
        NotAssessed.objects.filter(assessment=assessment, student=student).delete()  # scored after all
    return saved


def _slot_of(score: Score) -> tuple[int, int, int | None, int | None]:
    return (score.student_id, score.indicator_id, score.assessment_id, score.outside_evidence_id)


def _insert_original(score: Score, slot: ScoreQuerySet) -> Score:
    """Insert a slot's first score; losing the race for it to another save is a conflict, not an error."""
    try:
        with transaction.atomic():  # a savepoint, so the transaction survives the unique violation
            return _insert(score)
    except IntegrityError:
        winner = slot.current().first()
        if winner is None:
            raise  # not the original-per-slot index: a real integrity problem
        raise ScoreConflict(ConflictKind.SCORED_MEANWHILE, winner) from None


def _change(
    current: Score,
    slot: ScoreQuerySet,
    *,
    value: Decimal,
    scorer: User,
    feedback: str,
    reason: str,
    correcting: Score | None,
) -> SavedScore:
    """Correct the slot's current score, or leave it, under a lock on its row."""
    locked = Score.objects.select_for_update().get(pk=current.pk)
    if Score.objects.filter(supersedes_id=locked.pk).exists():  # corrected while this save waited for the lock
        raise ScoreConflict(ConflictKind.NOT_CURRENT, slot.current().get())
    if correcting is not None and correcting.pk != locked.pk:
        raise ScoreConflict(ConflictKind.NOT_CURRENT, locked)
    if correcting is None and value == locked.value and feedback in ("", locked.feedback):
        return SavedScore(locked, Outcome.UNCHANGED)
    if not reason and correcting is not None:  # asked for a correction: a missing reason is invalid input
        raise ValidationError({"reason": "Say why the earlier score is being corrected."})
    if not reason:
        raise ScoreConflict(ConflictKind.NEEDS_REASON, locked)
    correction = correct_score(score=locked, value=value, scorer=scorer, reason=reason, feedback=feedback)
    return SavedScore(correction, Outcome.CORRECTED)


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
