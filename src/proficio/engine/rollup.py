"""Indicator levels → a graduation standard's level, by the policy's roll-up rule.

Roll-ups work on the indicators' *levels* (what students and teachers see), in the standard's indicator
order. A standard gets a level only when at least ``minimum_share`` of its indicators have one.

- ``mean``: the average of the indicator levels, mapped to a level by the policy's rounding rule;
- ``minimum``: the lowest indicator level;
- ``all_proficient``: the mean's level, but proficient only when every indicator of the standard has a
  proficient level — otherwise held at the highest level below the threshold;
- ``n_of_m_proficient`` (n): proficient when at least n indicators are (every indicator, when the standard
  has fewer than n) — the mean's level, raised to the threshold when met and held below it when not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from proficio.engine.methods import sequential_sum
from proficio.engine.policy import Policy
from proficio.engine.scales import Level, Scale


@dataclass(frozen=True)
class StandardResult:
    value: float | None  # the decimal the rule produced (mean or minimum); None when insufficient
    level: Level | None
    proficient: bool
    assessed: int
    total: int
    proficient_count: int
    adjusted: str = ""  # "raised" / "held" when the rule moved the mean's level to or below the threshold

    @property
    def sufficient(self) -> bool:
        return self.level is not None


def required_share_met(assessed: int, total: int, minimum_share: float) -> bool:
    # Compared as assessed ≥ share × total in floats; batch.py uses the same expression.
    return total > 0 and assessed >= float(minimum_share) * total - 1e-9


def rollup_standard(levels: Sequence[Level | None], scale: Scale, policy: Policy) -> StandardResult:
    """The standard's result from its indicators' levels (None for an indicator without a level)."""
    total = len(levels)
    present = [level.value for level in levels if level is not None]
    assessed = len(present)
    proficient_count = sum(1 for v in present if v >= scale.threshold)
    if not required_share_met(assessed, total, policy.minimum_share):
        return StandardResult(None, None, False, assessed, total, proficient_count)
    if policy.rollup == "minimum":
        value = min(present)
        level = scale.map(value, policy.rounding)
        return StandardResult(value, level, scale.is_proficient(level), assessed, total, proficient_count)
    value = sequential_sum(present) / assessed
    level = scale.map(value, policy.rounding)
    adjusted = ""
    if policy.rollup in ("all_proficient", "n_of_m_proficient"):
        needed = total if policy.rollup == "all_proficient" else min(policy.rollup_n() or total, total)
        met = proficient_count >= needed
        below = scale.below_threshold
        if met and level.value < scale.threshold:
            level, adjusted = scale.threshold_level, "raised"
        elif not met and level.value >= scale.threshold and below is not None:
            level, adjusted = below, "held"
    return StandardResult(value, level, scale.is_proficient(level), assessed, total, proficient_count, adjusted)
