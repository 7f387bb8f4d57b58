"""The demo's latent model of students: where each starts a school year, how fast they grow, what a score is.

Pure (no database). Every student has an **ability** (their level, above 1, at the start of a school year on
that year's course, before the indicator's difficulty) and a **growth** (levels gained over a school year). A
score on a day is the latent level then — ``1 + ability + growth × (share of the year gone) − difficulty`` —
plus day-to-day noise, rounded onto the 1–4 scale. Each earlier school year moves ability and growth a little
(``YEAR_WOBBLE``): students have better and worse years.

**Opportunity gaps.** Real schools serve some groups of students less well, and the dashboards exist to find
that; the demo therefore lowers the ability and growth of economically disadvantaged students, English learners
and students with disabilities by the modest amounts in ``SUBGROUP_EFFECTS`` (levels on the 1–4 scale; a
student in several groups takes each). Nothing else in the demo depends on a student's group: readiness,
at-risk flags and the outcomes of past classes all follow from the latent levels, so their gaps are the
consequence of these few numbers, not set by hand. The effects are a fraction of the spread of ability
between students (``ABILITY[1]``), so every group still holds students of every level.

A student's **standing** is their end-of-year level relative to the average student, in standard deviations:
what the outcomes of past classes (``cohorts.py``) are drawn from.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

ABILITY = (1.2, 0.55)  # mean and standard deviation, in levels
GROWTH = (0.9, 0.45)
YEAR_WOBBLE = (0.12, 0.15)  # standard deviations of a year's change in ability and in growth

SUBGROUP_EFFECTS: dict[str, tuple[float, float]] = {
    # group: (change in ability, change in growth), in levels on the 1–4 scale
    "economically_disadvantaged": (-0.2, -0.05),
    "english_learner": (-0.2, -0.05),
    "disability": (-0.3, -0.1),
}


@dataclass(frozen=True)
class Groups:
    economically_disadvantaged: bool
    english_learner: bool
    disability: bool

    def effects(self) -> tuple[float, float]:
        """The summed (ability, growth) effects of the groups the student is in."""
        ability = growth = 0.0
        for name, (d_ability, d_growth) in SUBGROUP_EFFECTS.items():
            if getattr(self, name):
                ability += d_ability
                growth += d_growth
        return ability, growth


def latent_from_draws(ability_draw: float, growth_draw: float, groups: Groups) -> tuple[float, float]:
    """Ability and growth from two standard-normal draws, with the groups' effects (growth never below 0)."""
    d_ability, d_growth = groups.effects()
    ability = ABILITY[0] + ABILITY[1] * ability_draw + d_ability
    growth = max(0.0, GROWTH[0] + GROWTH[1] * growth_draw + d_growth)
    return ability, growth


def year_wobble(rng: random.Random, ability: float, growth: float) -> tuple[float, float]:
    """One earlier school year's ability and growth for a student."""
    return ability + rng.gauss(0.0, YEAR_WOBBLE[0]), max(0.0, growth + rng.gauss(0.0, YEAR_WOBBLE[1]))


def latent_at(ability: float, growth: float, difficulty: float, fraction: float) -> float:
    """The latent level ``fraction`` of the way through a school year, on an indicator of ``difficulty``."""
    return 1.0 + ability + growth * fraction - difficulty


def to_scale(latent: float, noise: float) -> int:
    """A score on the 1–4 scale: the latent level plus noise, rounded half up and clamped."""
    return max(1, min(4, math.floor(latent + noise + 0.5)))


def standing(ability: float, growth: float) -> float:
    """End-of-year level relative to the average student, in standard deviations (0 = average)."""
    spread = math.hypot(ABILITY[1], GROWTH[1])
    return (ability + growth - ABILITY[0] - GROWTH[0]) / spread
