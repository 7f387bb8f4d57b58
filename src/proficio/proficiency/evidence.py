"""The evidence the engine reads: current (not superseded) summative scores, in chronological order.

Chronological means by the evidence's date (the assessment's date, or when outside-school learning was
completed), then assessments before outside evidence, then by the evidence's id — so a correction keeps
the place of the score it supersedes.

Which scores count is defined once, by ``counted_scores``. One student's rows (``rows_for``, read on every
recorded score) run that queryset's SQL, compiled by the ORM once per number of indicators.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
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
    return _rows(scores.values_list(*FIELDS).order_by())


def _rows(values: Iterable[Sequence[Any]]) -> list[EvidenceRow]:
    rows = []
    for pk, student_id, indicator_id, value, assessment_id, assessed_on, outside_id, completed_on in values:
        if assessment_id is not None:
            rows.append(EvidenceRow(pk, student_id, indicator_id, float(value), assessed_on, 0, assessment_id))
        else:
            rows.append(EvidenceRow(pk, student_id, indicator_id, float(value), completed_on, 1, outside_id))
    return rows


def rows_for(student_id: int, indicator_ids: Iterable[int]) -> dict[int, list[EvidenceRow]]:
    """One student's counted evidence per indicator, each list in chronological order."""
    ids = list(dict.fromkeys(indicator_ids))
    by_indicator: dict[int, list[EvidenceRow]] = {i: [] for i in ids}
    if not ids:
        return by_indicator
    sql, slots = _student_sql(connection.vendor, len(ids))
    wanted = {-1: student_id} | {-2 - k: indicator_id for k, indicator_id in enumerate(ids)}
    with connection.cursor() as cursor:
        cursor.execute(sql, [wanted[p] if slot else p for p, slot in slots])
        fetched = cursor.fetchall()
    for row in _rows((*r[:5], _date(r[5]), r[6], _date(r[7])) for r in fetched):
        by_indicator[row.indicator_id].append(row)
    for rows in by_indicator.values():
        rows.sort(key=lambda r: r.order_key)
    return by_indicator


def _date(value: date | str | None) -> date | None:
    """SQLite hands dates back as ISO text; the ORM's converter would parse them the same way."""
    return date.fromisoformat(value) if isinstance(value, str) else value


@functools.cache
def _student_sql(vendor: str, indicators: int) -> tuple[str, tuple[tuple[Any, bool], ...]]:
    """The SQL of one student's counted scores on ``indicators`` indicators, with its parameters: each is a
    constant of the query (False) or a slot (True) — -1 for the student, -2, -3, … for the indicators.

    Composing the queryset costs more than running it; its SQL only depends on the number of indicators."""
    marks = [-2 - k for k in range(indicators)]
    scores = counted_scores().filter(Q(student_id=-1) & Q(indicator_id__in=marks))
    sql, params = scores.values_list(*FIELDS).order_by().query.sql_with_params()
    slots = tuple((p, isinstance(p, int) and p in {-1, *marks}) for p in params)
    if sorted(p for p, slot in slots if slot) != sorted([-1, *marks]):
        raise AssertionError("the student and indicator slots must each appear once in the compiled query")
    return sql, slots
