"""The evidence the engine reads: current (not superseded) summative scores, in chronological order.

Chronological means by the evidence's date (the assessment's date, or when outside-school learning was
completed), then assessments before outside evidence, then by the evidence's id — so a correction keeps
the place of the score it supersedes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from proficio.evidence.models import Score, ScoreQuerySet


@dataclass(frozen=True)
class EvidenceRow:
    score_id: int
    student_id: int
    indicator_id: int
    value: float
    on: date
    source: int  # 0 assessment, 1 outside evidence
    evidence_id: int

    @property
    def order_key(self) -> tuple[date, int, int]:
        return (self.on, self.source, self.evidence_id)

    @property
    def order_number(self) -> int:
        """The order key as one integer (for the columnar engine), same order as ``order_key``."""
        return (self.on.toordinal() << 33) | (self.source << 32) | self.evidence_id


FIELDS = (
    "pk",
    "student_id",
    "indicator_id",
    "value",
    "assessment_id",
    "assessment__assessed_on",
    "outside_evidence_id",
    "outside_evidence__completed_on",
)


def counted_scores() -> ScoreQuerySet:
    """Scores that count toward proficiency: current, and summative (or verified outside evidence)."""
    return Score.objects.current().summative()


def evidence_rows(scores: ScoreQuerySet) -> list[EvidenceRow]:
    rows = []
    for pk, student_id, indicator_id, value, assessment_id, assessed_on, outside_id, completed_on in scores.values_list(
        *FIELDS
    ).order_by():
        if assessment_id is not None:
            rows.append(EvidenceRow(pk, student_id, indicator_id, float(value), assessed_on, 0, assessment_id))
        else:
            rows.append(EvidenceRow(pk, student_id, indicator_id, float(value), completed_on, 1, outside_id))
    return rows


def rows_for(student_id: int, indicator_ids: Iterable[int]) -> dict[int, list[EvidenceRow]]:
    """One student's counted evidence per indicator, each list in chronological order."""
    ids = list(indicator_ids)
    by_indicator: dict[int, list[EvidenceRow]] = {i: [] for i in ids}
    for row in evidence_rows(counted_scores().filter(Q(student_id=student_id) & Q(indicator_id__in=ids))):
        by_indicator[row.indicator_id].append(row)
    for rows in by_indicator.values():
        rows.sort(key=lambda r: r.order_key)
    return by_indicator
