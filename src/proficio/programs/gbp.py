"""Global Best Practices: comparing two administrations of a school, and a network's averages per dimension.

- **Per dimension**, a later level above the earlier is *improved*, equal *no change*, below *lower*. A lower later
  level carries seed 000's caution: as a school's understanding of a dimension deepens, its view of its own
  practice can become more critical — so it may reflect deeper understanding, not regression.
- **A network's roll-up** (e.g. per cohort): the mean level per dimension at each point, over the schools rated
  on it at both points, and how many of them improved, did not change or went lower.

Pure functions over ``{dimension code: level}`` mappings; the caller reads them from ``GbpScore``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

LOWER_NOTE = (
    "A lower rating may reflect a deeper understanding of what this dimension asks, not regression (seed 000: "
    "as schools' understanding of Shared Leadership evolved, their view of their own practice became more critical)."
)


@dataclass(frozen=True)
class DimensionChange:
    code: str
    before: int
    after: int

    @property
    def change(self) -> str:
        return "improved" if self.after > self.before else "no change" if self.after == self.before else "lower"

    @property
    def note(self) -> str:
        return LOWER_NOTE if self.change == "lower" else ""


def compare(before: Mapping[str, int], after: Mapping[str, int]) -> list[DimensionChange]:
    """Each dimension rated in both administrations, in code order (dimensions rated once are left out)."""
    return [DimensionChange(code, before[code], after[code]) for code in sorted(before.keys() & after.keys())]


@dataclass(frozen=True)
class DimensionRollUp:
    code: str
    schools: int
    mean_before: float
    mean_after: float
    improved: int
    unchanged: int
    lower: int


def roll_up(pairs: Sequence[tuple[Mapping[str, int], Mapping[str, int]]]) -> list[DimensionRollUp]:
    """Per dimension, over the schools (each a (before, after) pair) rated on it at both points."""
    by_code: dict[str, list[DimensionChange]] = {}
    for before, after in pairs:
        for change in compare(before, after):
            by_code.setdefault(change.code, []).append(change)
    rows = []
    for code in sorted(by_code):
        changes = by_code[code]
        n = len(changes)
        kinds = [c.change for c in changes]
        rows.append(
            DimensionRollUp(
                code,
                n,
                round(sum(c.before for c in changes) / n, 2),
                round(sum(c.after for c in changes) / n, 2),
                kinds.count("improved"),
                kinds.count("no change"),
                kinds.count("lower"),
            )
        )
    return rows
