"""Proficiency scales: ordered levels, one of them the proficiency threshold, and the rounding rules that
map a decimal result onto a level."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

ROUNDING_RULES = ("half_up", "half_down", "floor")

# A result within this distance of a boundary counts as on it, so that a decaying average of 3s that lands
# on 2.9999999999999996 still maps to 3. Scalar and batch apply it with the same float operations.
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Level:
    value: float
    label: str

    @property
    def number(self) -> str:
        """The value as people write it: 3, not 3.0; 2.5 stays 2.5."""
        return f"{self.value:g}"

    def __str__(self) -> str:
        return f"{self.number} – {self.label}"


@dataclass(frozen=True)
class Scale:
    """Levels in ascending order of value; ``threshold`` is the lowest value that counts as proficient."""

    levels: tuple[Level, ...]
    threshold: float

    def __post_init__(self) -> None:
        values = [level.value for level in self.levels]
        if not values:
            raise ValueError("a scale needs at least one level")
        if any(not math.isfinite(v) for v in values):
            raise ValueError("scale level values must be finite numbers")
        if any(b <= a for a, b in itertools.pairwise(values)):
            raise ValueError("scale levels must be in strictly ascending order of value")
        if self.threshold not in values:
            raise ValueError(f"the threshold {self.threshold:g} is not one of the scale's levels")

    @classmethod
    def of(cls, levels: Sequence[tuple[float, str]], threshold: float) -> Scale:
        ordered = sorted((float(v), label) for v, label in levels)
        return cls(tuple(Level(v, label) for v, label in ordered), float(threshold))

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(level.value for level in self.levels)

    @property
    def low(self) -> float:
        return self.levels[0].value

    @property
    def high(self) -> float:
        return self.levels[-1].value

    @property
    def threshold_level(self) -> Level:
        return self.level_of(self.threshold)

    @property
    def below_threshold(self) -> Level | None:
        """The highest level under the threshold (None when the threshold is the lowest level)."""
        lower = [level for level in self.levels if level.value < self.threshold]
        return lower[-1] if lower else None

    def level_of(self, value: float) -> Level:
        """The level whose value is exactly ``value``; ValueError when it is not on the scale."""
        for level in self.levels:
            if level.value == value:
                return level
        raise ValueError(f"{value:g} is not a level on this scale ({', '.join(lv.number for lv in self.levels)})")

    def check_on_scale(self, values: Sequence[float]) -> None:
        allowed = set(self.values)
        for position, value in enumerate(values, start=1):
            if value not in allowed:
                raise ValueError(
                    f"score {position} ({value!r}) is not a level on the scale "
                    f"({', '.join(lv.number for lv in self.levels)})"
                )

    def map(self, value: float, rounding: str = "half_up") -> Level:
        """The level a decimal result maps to under ``rounding``."""
        return self.levels[self.index_for(value, rounding)]

    def index_for(self, value: float, rounding: str = "half_up") -> int:
        if rounding not in ROUNDING_RULES:
            raise ValueError(f"'{rounding}' is not a rounding rule; choose one of {', '.join(ROUNDING_RULES)}")
        if not math.isfinite(value):
            raise ValueError(f"cannot map {value!r} to a level")
        values = self.values
        if rounding == "floor":
            return max(0, sum(1 for v in values if v <= value + TOLERANCE) - 1)
        if rounding == "half_up":
            return sum(1 for m in self.midpoints if m <= value + TOLERANCE)
        return sum(1 for m in self.midpoints if m < value - TOLERANCE)

    @property
    def midpoints(self) -> tuple[float, ...]:
        values = self.values
        return tuple((a + b) / 2 for a, b in itertools.pairwise(values))

    def is_proficient(self, level: Level) -> bool:
        return level.value >= self.threshold
