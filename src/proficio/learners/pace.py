"""A student's pace on a learning path: the share of its indicators at proficient against the share of the
term gone by. No Django here, so the rule is easy to test on its own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

# How far ahead or behind the term a student may be and still be "on pace" (a tenth of the path).
TOLERANCE = 0.10


class PaceLabel(StrEnum):
    BEHIND = "behind"
    ON_PACE = "on pace"
    AHEAD = "ahead"


ORDER = {PaceLabel.BEHIND: 0, PaceLabel.ON_PACE: 1, PaceLabel.AHEAD: 2}


@dataclass(frozen=True)
class Pace:
    proficient: int
    total: int
    elapsed: float  # 0..1: the share of the term gone by
    label: PaceLabel | None  # None: an empty path has no pace

    @property
    def done(self) -> float:
        return self.proficient / self.total if self.total else 0.0

    @property
    def done_percent(self) -> int:
        return round(100 * self.done)

    @property
    def elapsed_percent(self) -> int:
        return round(100 * self.elapsed)

    @property
    def off_pace(self) -> bool:
        return self.label == PaceLabel.BEHIND


def elapsed_share(start: date, end: date, today: date) -> float:
    """The share of the term from ``start`` to ``end`` gone by on ``today``, between 0 and 1."""
    length = (end - start).days
    if length <= 0:
        return 1.0 if today >= end else 0.0
    return min(1.0, max(0.0, (today - start).days / length))


def pace_label(done: float, elapsed: float, tolerance: float = TOLERANCE) -> PaceLabel:
    """Behind when the share proficient trails the share of the term by more than the tolerance, ahead when
    it leads by more, on pace otherwise."""
    gap = done - elapsed
    if gap < -tolerance:
        return PaceLabel.BEHIND
    if gap > tolerance:
        return PaceLabel.AHEAD
    return PaceLabel.ON_PACE


def pace(proficient: int, total: int, *, start: date, end: date, today: date) -> Pace:
    if not 0 <= proficient <= total:
        raise ValueError(f"{proficient} proficient of {total} indicators")
    elapsed = elapsed_share(start, end, today)
    label = pace_label(proficient / total, elapsed) if total else None
    return Pace(proficient=proficient, total=total, elapsed=elapsed, label=label)
