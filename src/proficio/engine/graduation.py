"""Graduation verification: met when every required standard is at or above proficient."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from proficio.engine.rollup import StandardResult


@dataclass(frozen=True)
class GraduationResult:
    met: bool
    proficient: tuple[str, ...]  # required standards already met
    missing: tuple[str, ...]  # required standards not yet proficient (including those without a level)
    insufficient: tuple[str, ...]  # the missing ones that have no level yet

    @property
    def required(self) -> int:
        return len(self.proficient) + len(self.missing)


def verify_graduation(required: Sequence[str], results: Mapping[str, StandardResult | None]) -> GraduationResult:
    """``required`` standard keys in reporting order; ``results`` maps keys to results (absent = no evidence)."""
    proficient: list[str] = []
    missing: list[str] = []
    insufficient: list[str] = []
    for key in required:
        result = results.get(key)
        if result is not None and result.proficient:
            proficient.append(key)
        else:
            missing.append(key)
            if result is None or not result.sufficient:
                insufficient.append(key)
    return GraduationResult(not missing and bool(required), tuple(proficient), tuple(missing), tuple(insufficient))
