"""Keep results in step with evidence: every way evidence or policy changes triggers a recompute.

- a score is created (recorded, or a correction superseding another) → that student × indicator, in the
  same transaction as the score;
- an assessment or outside evidence is saved (its kind or verification may have changed whether its
  scores count) → the students and indicators it has scores for;
- a calculation policy is saved → its framework's results are stale; they are recomputed at once.

Bulk inserts (the demo generator, imports) bypass signals and call ``recompute_framework`` themselves.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from proficio.evidence.models import Assessment, OutsideEvidence, Score
from proficio.proficiency.services import recompute_framework, recompute_student
from proficio.standards.models import CalculationPolicy


@receiver(post_save, sender=Score, dispatch_uid="proficiency-score-recorded")
def score_recorded(sender: type[Score], instance: Score, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if created and not raw:
        recompute_student(instance.student_id, [instance.indicator_id])


def _recompute_scored(scores: Any) -> None:
    pairs: dict[int, set[int]] = {}
    for student_id, indicator_id in scores.values_list("student_id", "indicator_id").order_by().distinct():
        pairs.setdefault(student_id, set()).add(indicator_id)
    for student_id, indicator_ids in pairs.items():
        recompute_student(student_id, sorted(indicator_ids))


@receiver(post_save, sender=Assessment, dispatch_uid="proficiency-assessment-saved")
def assessment_saved(
    sender: type[Assessment], instance: Assessment, created: bool, raw: bool = False, **kw: Any
) -> None:
    if not created and not raw:
        _recompute_scored(instance.scores.all())


@receiver(post_save, sender=OutsideEvidence, dispatch_uid="proficiency-outside-evidence-saved")
def outside_evidence_saved(
    sender: type[OutsideEvidence], instance: OutsideEvidence, created: bool, raw: bool = False, **kw: Any
) -> None:
    if not created and not raw:
        _recompute_scored(instance.scores.all())


@receiver(post_save, sender=CalculationPolicy, dispatch_uid="proficiency-policy-saved")
def policy_saved(
    sender: type[CalculationPolicy], instance: CalculationPolicy, created: bool, raw: bool = False, **kw: Any
) -> None:
    if not raw:
        recompute_framework(instance.framework)
