"""One student × one indicator: scores → decimal value → level, or "insufficient evidence"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from proficio.engine.methods import Computation, check_values, trace
from proficio.engine.policy import Policy
from proficio.engine.scales import Level, Scale


@dataclass(frozen=True)
class IndicatorResult:
    value: float | None  # the method's decimal result; None when evidence is insufficient
    level: Level | None
    proficient: bool
    evidence_count: int
    computation: Computation

    @property
    def sufficient(self) -> bool:
        return self.level is not None


def evaluate_indicator(values: Sequence[float], scale: Scale, policy: Policy) -> IndicatorResult:
    """Apply ``policy`` to chronological scores on ``scale``. Scores off the scale raise ValueError."""
    checked = check_values(values)
    scale.check_on_scale(checked)
    computation = trace(policy.method, checked, **policy.method_params(scale))
    if len(checked) < policy.minimum_evidence or computation.value is None:
        return IndicatorResult(None, None, False, len(checked), computation)
    level = scale.map(computation.value, policy.rounding)
    return IndicatorResult(computation.value, level, scale.is_proficient(level), len(checked), computation)
