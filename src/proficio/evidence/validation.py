"""The rules a score must satisfy, in words — shared by forms, the admin and the scoring services.

The database enforces the same rules with constraints and triggers (see migrations), so that a bug in a
code path that skips validation still cannot store a score off the scale or rewrite history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from proficio.roster.models import Enrollment

if TYPE_CHECKING:
    from proficio.evidence.models import Score


def _scale_values(score: Score) -> list[str]:
    return [level.number for level in score.indicator.scale.levels.all()]


def score_problems(score: Score) -> dict[str, str]:
    """Every problem with ``score`` keyed by field; an empty dict means it may be recorded."""
    from proficio.evidence.models import OutsideEvidence, Score

    problems: dict[str, str] = {}
    if bool(score.assessment_id) == bool(score.outside_evidence_id):
        problems["assessment"] = "A score belongs to exactly one assessment or one piece of outside evidence."
        return problems
    if not score.indicator_id or not score.student_id:
        return problems

    indicator = score.indicator
    if score.value is not None and not indicator.scale.levels.filter(value=score.value).exists():
        problems["value"] = (
            f"{score.value.normalize():f} is not a level on {indicator.scale} "
            f"(levels: {', '.join(_scale_values(score))})."
        )

    if score.assessment_id:
        assessment = score.assessment
        assert assessment is not None
        if not assessment.indicators.filter(pk=indicator.pk).exists():
            problems["indicator"] = f"{indicator.code} is not aligned to “{assessment.title}”."
        enrolled = Enrollment.objects.filter(
            section_id=assessment.section_id, user_id=score.student.user_id, role=Enrollment.Role.STUDENT
        ).exists()
        if not enrolled:
            problems["student"] = f"{score.student} is not enrolled in {assessment.section}."
    else:
        evidence = score.outside_evidence
        assert evidence is not None
        if evidence.student_id != score.student_id:
            problems["student"] = "Outside evidence can only be scored for the student who did it."
        if evidence.status != OutsideEvidence.Status.VERIFIED:
            problems["outside_evidence"] = "Outside evidence must be verified by a teacher before it is scored."
        if not evidence.indicators.filter(pk=indicator.pk).exists():
            problems["indicator"] = f"{indicator.code} is not aligned to “{evidence.title}”."

    if score.supersedes_id:
        old = score.supersedes
        assert old is not None
        same_slot = (
            old.student_id == score.student_id
            and old.indicator_id == score.indicator_id
            and old.assessment_id == score.assessment_id
            and old.outside_evidence_id == score.outside_evidence_id
        )
        if not same_slot:
            problems["supersedes"] = "A correction must be for the same student, evidence and indicator."
        elif Score.objects.filter(supersedes_id=old.pk).exclude(pk=score.pk).exists():
            problems["supersedes"] = "That score has already been corrected; correct the newest score instead."
        if not (score.reason or "").strip():
            problems["reason"] = "Say why the earlier score is being corrected."
    return problems
