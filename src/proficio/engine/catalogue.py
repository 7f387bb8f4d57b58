"""The catalogue of calculation methods and roll-up rules a framework's policy may name.

Each entry lists the parameters the method accepts, with defaults and a validator. The engine checks
parameters against it before computing, and a policy is checked against it when it is saved — a misspelt
method or parameter is refused then, not at recompute time. Pure Python: no Django, no numpy.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Param:
    default: float | int | None
    check: Callable[[Any], bool]
    rule: str
    required: bool = False  # a required parameter has no default and must be given


def _weight(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and 0 < v <= 1


def _count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 1


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


WEIGHT = "a number greater than 0 and at most 1"
COUNT = "a whole number of at least 1"


@dataclass(frozen=True)
class MethodSpec:
    name: str
    summary: str
    params: Mapping[str, Param] = field(default_factory=dict)


METHODS: dict[str, MethodSpec] = {
    spec.name: spec
    for spec in [
        MethodSpec("most_recent", "the most recent score"),
        MethodSpec("highest", "the highest score"),
        MethodSpec("mean", "the average of all scores"),
        MethodSpec("mode", "the most frequent score (ties go to the most recent)"),
        MethodSpec(
            "decaying_average",
            "a decaying average that weights recent scores more",
            {"w": Param(0.65, _weight, WEIGHT)},
        ),
        MethodSpec(
            "weighted_recent",
            "the most recent score weighted against the average of earlier ones",
            {"w": Param(0.65, _weight, WEIGHT)},
        ),
        MethodSpec(
            "power_law",
            "a power-law trend fitted to the scores, read at the latest one",
            # low/high clamp the prediction; the engine fills them from the scale's lowest and highest level.
            {"low": Param(None, _number, "a number"), "high": Param(None, _number, "a number")},
        ),
        MethodSpec(
            "n_of_m",
            "proficient when enough of the latest scores reach the threshold",
            {
                "n": Param(2, _count, COUNT),
                "m": Param(3, _count, COUNT),
                "threshold": Param(None, _number, "a number"),
            },
        ),
        MethodSpec("highest_of_last", "the highest of the latest scores", {"m": Param(3, _count, COUNT)}),
        MethodSpec("mean_of_last", "the average of the latest scores", {"m": Param(3, _count, COUNT)}),
    ]
}

ROLLUPS: dict[str, MethodSpec] = {
    spec.name: spec
    for spec in [
        MethodSpec("mean", "the average of the indicator levels"),
        MethodSpec("minimum", "the lowest indicator level"),
        MethodSpec("all_proficient", "proficient only when every indicator is proficient"),
        MethodSpec(
            "n_of_m_proficient",
            "proficient when at least n indicators are proficient",
            {"n": Param(None, _count, COUNT, required=True)},
        ),
    ]
}


def validate_parameters(catalogue: Mapping[str, MethodSpec], name: str, params: Mapping[str, Any]) -> list[str]:
    """Return every problem with ``name`` and ``params``, in words; an empty list means valid."""
    spec = catalogue.get(name)
    if spec is None:
        kind = "roll-up rule" if catalogue is ROLLUPS else "calculation method"
        return [f"'{name}' is not a known {kind}; choose one of {', '.join(sorted(catalogue))}."]
    if not isinstance(params, Mapping):
        return ['Parameters must be a JSON object, e.g. {"w": 0.65}.']
    problems = [
        f"'{key}' is not a parameter of {name} (it takes {', '.join(spec.params) or 'none'})."
        for key in params
        if key not in spec.params
    ]
    for key, param in spec.params.items():
        if key in params and not param.check(params[key]):
            problems.append(f"{name} parameter '{key}' must be {param.rule}; got {params[key]!r}.")
        if key not in params and param.required:
            problems.append(f"{name} needs the parameter '{key}' ({param.rule}).")
    if name == "n_of_m" and not problems:
        n = params.get("n", spec.params["n"].default)
        m = params.get("m", spec.params["m"].default)
        if isinstance(n, int) and isinstance(m, int) and n > m:
            problems.append(f"n_of_m needs n ≤ m; got n={n}, m={m}.")
    return problems


def effective_parameters(catalogue: Mapping[str, MethodSpec], name: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters with defaults filled in (for display and, later, the engine)."""
    spec = catalogue[name]
    merged = {key: p.default for key, p in spec.params.items() if p.default is not None}
    merged.update(params)
    return merged
