"""A framework's calculation policy, as the engine sees it: plain values, validated once."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from proficio.engine.catalogue import METHODS, ROLLUPS, effective_parameters, validate_parameters
from proficio.engine.scales import ROUNDING_RULES, Scale


@dataclass(frozen=True)
class Policy:
    method: str = "decaying_average"
    params: Mapping[str, Any] = field(default_factory=dict)
    minimum_evidence: int = 1
    rounding: str = "half_up"
    rollup: str = "mean"
    rollup_params: Mapping[str, Any] = field(default_factory=dict)
    minimum_share: float = 1.0  # share of a standard's indicators that need a level before it gets one

    def __post_init__(self) -> None:
        problems = validate_parameters(METHODS, self.method, dict(self.params))
        problems += validate_parameters(ROLLUPS, self.rollup, dict(self.rollup_params))
        if self.rounding not in ROUNDING_RULES:
            problems.append(f"'{self.rounding}' is not a rounding rule; choose one of {', '.join(ROUNDING_RULES)}.")
        if isinstance(self.minimum_evidence, bool) or not isinstance(self.minimum_evidence, int):
            problems.append(f"minimum_evidence must be a whole number; got {self.minimum_evidence!r}.")
        elif self.minimum_evidence < 1:
            problems.append(f"minimum_evidence must be at least 1; got {self.minimum_evidence}.")
        share = float(self.minimum_share)
        if not math.isfinite(share) or not 0 < share <= 1:
            problems.append(f"minimum_share must be above 0 and at most 1; got {self.minimum_share!r}.")
        if problems:
            raise ValueError(" ".join(problems))

    def method_params(self, scale: Scale) -> dict[str, Any]:
        """The method's parameters with defaults, plus what the scale supplies (threshold, clamps)."""
        params = effective_parameters(METHODS, self.method, dict(self.params))
        if self.method == "n_of_m":
            params.setdefault("threshold", scale.threshold)
        if self.method == "power_law":
            params.setdefault("low", scale.low)
            params.setdefault("high", scale.high)
        return params

    def rollup_n(self) -> int | None:
        value = self.rollup_params.get("n")
        return int(value) if value is not None else None
