"""Calculation methods: one student's summative scores on one indicator → one decimal value.

``compute(method, values, **params)`` takes the scores in chronological order (oldest first) and returns
the decimal result, or ``None`` when the method has nothing to judge (no scores; for ``n_of_m``, fewer
scores than ``n``). Bad input — NaN, infinity, an unknown method or parameter, a parameter out of range —
raises ``ValueError`` naming the problem; no method ever returns a number it cannot stand behind.

Every method accumulates in a fixed order (oldest to newest, one addition at a time) so that the columnar
engine in ``batch.py``, which performs the same operations in the same order, gets bit-identical results.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from proficio.engine.catalogue import METHODS, effective_parameters, validate_parameters


@dataclass(frozen=True)
class Computation:
    """A method's result with the steps that produced it, for explanations."""

    value: float | None
    used: tuple[int, ...]  # indexes (into the chronological values) of the scores the result rests on
    steps: tuple[float, ...] = ()  # running values, e.g. the decaying average after each score
    detail: Mapping[str, float] | None = None  # named intermediate values, e.g. power-law a and b


def check_values(values: Sequence[float]) -> list[float]:
    """Scores as floats; refuses NaN and infinities with the position of the bad value."""
    checked: list[float] = []
    for position, raw in enumerate(values, start=1):
        if isinstance(raw, bool | str | bytes):
            raise ValueError(f"score {position} is not a number: {raw!r}")
        try:
            value = float(raw)
        except (TypeError, ValueError) as error:
            raise ValueError(f"score {position} is not a number: {raw!r}") from error
        if not math.isfinite(value):
            raise ValueError(f"score {position} is not a finite number: {raw!r}")
        checked.append(value)
    return checked


def resolve_parameters(method: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """Validate ``params`` for ``method`` and fill in defaults; ValueError naming every problem."""
    given = dict(params)
    problems = validate_parameters(METHODS, method, given)
    if problems:
        raise ValueError(" ".join(problems))
    resolved = effective_parameters(METHODS, method, given)
    if method == "n_of_m" and "threshold" not in resolved:
        raise ValueError("n_of_m needs the proficiency threshold (the parameter 'threshold').")
    return resolved


def sequential_sum(values: Sequence[float]) -> float:
    """Left-to-right sum (not Python's compensated ``sum`` on 3.12+, not numpy's pairwise sum)."""
    total = 0.0
    for value in values:
        total += value
    return total


def _last(values: list[float], m: int) -> tuple[list[float], tuple[int, ...]]:
    start = max(0, len(values) - m)
    return values[start:], tuple(range(start, len(values)))


def _most_recent(values: list[float], p: dict[str, Any]) -> Computation:
    return Computation(values[-1], (len(values) - 1,))


def _highest(values: list[float], p: dict[str, Any]) -> Computation:
    best = max(values)
    # The most recent time the highest score was reached is the evidence to point at.
    index = len(values) - 1 - values[::-1].index(best)
    return Computation(best, (index,))


def _mean(values: list[float], p: dict[str, Any]) -> Computation:
    return Computation(sequential_sum(values) / len(values), tuple(range(len(values))))


def _mode(values: list[float], p: dict[str, Any]) -> Computation:
    counts: dict[float, int] = {}
    last_seen: dict[float, int] = {}
    for index, value in enumerate(values):
        counts[value] = counts.get(value, 0) + 1
        last_seen[value] = index
    top = max(counts.values())
    # Ties go to the tied value seen most recently.
    winner = max((v for v, c in counts.items() if c == top), key=lambda v: last_seen[v])
    return Computation(winner, tuple(i for i, v in enumerate(values) if v == winner))


def _decaying_average(values: list[float], p: dict[str, Any]) -> Computation:
    w = float(p["w"])
    running = values[0]
    steps = [running]
    for value in values[1:]:
        running = (1.0 - w) * running + w * value
        steps.append(running)
    return Computation(running, tuple(range(len(values))), tuple(steps))


def _weighted_recent(values: list[float], p: dict[str, Any]) -> Computation:
    if len(values) == 1:
        return Computation(values[0], (0,))
    w = float(p["w"])
    earlier = sequential_sum(values[:-1]) / (len(values) - 1)
    return Computation(w * values[-1] + (1.0 - w) * earlier, tuple(range(len(values))), detail={"earlier": earlier})


def power_law_sums(n: int) -> tuple[float, float]:
    """Σ log t and Σ (log t)² for t = 1…n, accumulated in order."""
    sx = sxx = 0.0
    for t in range(1, n + 1):
        x = math.log(t)
        sx += x
        sxx += x * x
    return sx, sxx


def _power_law(values: list[float], p: dict[str, Any]) -> Computation:
    n = len(values)
    if n < 3:
        mean = _mean(values, p)
        return Computation(mean.value, mean.used, detail={"fallback_mean": 1.0})
    if min(values) <= 0:
        raise ValueError("power_law needs scores above 0; choose another method for a scale that includes 0.")
    sx, sxx = power_law_sums(n)
    sy = sxy = 0.0
    for t, value in enumerate(values, start=1):
        y = math.log(value)
        sy += y
        sxy += math.log(t) * y
    b = (n * sxy - sx * sy) / (n * sxx - sx * sx)
    log_a = (sy - b * sx) / n
    # numpy's exp, not math.exp: the batch engine exponentiates with numpy, and the two may differ by an ulp.
    predicted = float(np.exp(np.array([log_a + b * math.log(n)]))[0])
    clamped = predicted
    if p.get("low") is not None:
        clamped = max(clamped, float(p["low"]))
    if p.get("high") is not None:
        clamped = min(clamped, float(p["high"]))
    return Computation(clamped, tuple(range(n)), detail={"a": math.exp(log_a), "b": b, "predicted": predicted})


def nth_largest(values: Sequence[float], n: int) -> float:
    return sorted(values, reverse=True)[n - 1]


def _n_of_m(values: list[float], p: dict[str, Any]) -> Computation:
    n, m, threshold = int(p["n"]), int(p["m"]), float(p["threshold"])
    window, used = _last(values, m)
    reached = sum(1 for v in window if v >= threshold)
    if len(window) < n:
        return Computation(None, used, detail={"reached": float(reached)})
    # The highest value that at least n of the window's scores reach: the n-th largest of them.
    # It is at or above the threshold exactly when n of the window's scores are.
    return Computation(nth_largest(window, n), used, detail={"reached": float(reached)})


def _highest_of_last(values: list[float], p: dict[str, Any]) -> Computation:
    window, used = _last(values, int(p["m"]))
    best = max(window)
    index = used[len(window) - 1 - window[::-1].index(best)]
    return Computation(best, (index,), detail={"window": float(len(window))})


def _mean_of_last(values: list[float], p: dict[str, Any]) -> Computation:
    window, used = _last(values, int(p["m"]))
    return Computation(sequential_sum(window) / len(window), used)


_IMPLEMENTATIONS: dict[str, Callable[[list[float], dict[str, Any]], Computation]] = {
    "most_recent": _most_recent,
    "highest": _highest,
    "mean": _mean,
    "mode": _mode,
    "decaying_average": _decaying_average,
    "weighted_recent": _weighted_recent,
    "power_law": _power_law,
    "n_of_m": _n_of_m,
    "highest_of_last": _highest_of_last,
    "mean_of_last": _mean_of_last,
}
assert set(_IMPLEMENTATIONS) == set(METHODS), "every catalogued method needs an implementation"


def trace(method: str, values: Sequence[float], **params: Any) -> Computation:
    """Like :func:`compute`, with the scores used and the intermediate values."""
    resolved = resolve_parameters(method, params)
    checked = check_values(values)
    if not checked:
        return Computation(None, ())
    return _IMPLEMENTATIONS[method](checked, resolved)


def compute(method: str, values: Sequence[float], **params: Any) -> float | None:
    """The decimal result of ``method`` over chronological ``values``; None when there is nothing to judge."""
    return trace(method, values, **params).value
