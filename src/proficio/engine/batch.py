"""The columnar engine: every student × indicator of a district at once, over numpy arrays.

Input is one row per current summative score: ``student`` and ``indicator`` as dense integer codes
(0…S−1, 0…I−1), ``order`` an integer that sorts a student's scores on an indicator chronologically, and
``value`` on the scale. Ties in ``order`` are broken by value, lowest first.

Where the time goes is ordering, not arithmetic. Rather than a 3-key lexsort or an argsort (both slow for
tens of millions of rows), each row is packed into one int64 — student × indicator group in the high bits,
the chronological rank in the middle, the level's index on the scale in the low bits — and that array is
sorted in place. The sorted keys carry everything the methods need; no permutation is ever applied.

Every method then runs as a compiled loop per group (``kernels.py``), performing the same
float operations in the same order as ``methods.py``, so results are bit-identical to the scalar API.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from proficio.engine import kernels
from proficio.engine.methods import power_law_sums, resolve_parameters
from proficio.engine.policy import Policy
from proficio.engine.scales import TOLERANCE, Scale

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class SortedScores:
    """Scores grouped by student × indicator, each group in chronological order."""

    group: IntArray  # group id (student * n_indicators + indicator) of each group, ascending
    starts: IntArray  # index of each group's first score
    counts: IntArray  # number of scores in each group
    codes: npt.NDArray[np.int8]  # each score's level index on the scale, grouped and ordered
    level_values: FloatArray  # the scale's level values, ascending

    @property
    def values(self) -> FloatArray:
        return self.level_values[self.codes]


def _bits(n: int) -> int:
    return max(1, int(n).bit_length())


def level_codes(value: npt.ArrayLike, scale: Scale, first_row: int = 0) -> npt.NDArray[np.int8]:
    """Each value's index among the scale's levels; ValueError naming the first value not on the scale."""
    values = np.asarray(value, dtype=np.float64)
    levels = np.asarray(scale.values, dtype=np.float64)
    codes = np.searchsorted(levels, values)
    np.minimum(codes, len(levels) - 1, out=codes)
    bad = levels[codes] != values  # NaN never equals a level, so NaN is caught here too
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        allowed = ", ".join(level.number for level in scale.levels)
        raise ValueError(f"row {first_row + row}: score {float(values[row])!r} is not a level on the scale ({allowed})")
    return codes.astype(np.int8)


def sort_scores(
    student: npt.ArrayLike,
    indicator: npt.ArrayLike,
    order: npt.ArrayLike,
    value: npt.ArrayLike,
    scale: Scale,
    n_students: int,
    n_indicators: int,
    *,
    use_numba: bool = True,
) -> SortedScores:
    """Group scores by student × indicator, each group in chronological order (ties: lowest value first).

    ``use_numba=False`` takes the reference path, one global numpy sort of packed keys.
    """
    students = np.asarray(student)
    indicators = np.asarray(indicator)
    orders = np.asarray(order)
    values = np.asarray(value, dtype=np.float64)
    n = len(students)
    if not (len(indicators) == len(orders) == len(values) == n):
        raise ValueError("student, indicator, order and value must have the same length")
    levels = np.asarray(scale.values, dtype=np.float64)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return SortedScores(empty, empty, empty, np.zeros(0, dtype=np.int8), levels)
    if students.min() < 0 or students.max() >= n_students:
        raise ValueError(f"student codes must lie in 0…{n_students - 1}")
    if indicators.min() < 0 or indicators.max() >= n_indicators:
        raise ValueError(f"indicator codes must lie in 0…{n_indicators - 1}")

    code_bits = _bits(len(levels) - 1)
    high_bits = _bits(n_indicators - 1) if use_numba else _bits(n_students * n_indicators - 1)
    low, high = int(orders.min()), int(orders.max())
    if high_bits + _bits(high - low) + code_bits > 63:
        # Sparse order keys (dates × ids): their dense rank keeps the same order in fewer bits.
        _, inverse = np.unique(orders, return_inverse=True)
        rank = inverse.astype(np.int64)
    elif low != 0:
        rank = orders - low
    else:
        rank = orders
    order_bits = _bits(int(rank.max()))
    if high_bits + order_bits + code_bits > 63:
        raise ValueError("too many students × indicators × distinct dates to pack into one sort key")
    shift = order_bits + code_bits
    if use_numba:
        from proficio.engine.grouping import group_scores

        with kernels.LOCK:
            grouped = group_scores(
                students, indicators, rank, values, levels, n_students, n_indicators, shift, code_bits
            )
        if isinstance(grouped, int):
            level_codes(values[grouped : grouped + 1], scale, first_row=grouped)
            raise AssertionError("unreachable: the row was reported off the scale")
        return SortedScores(*grouped, levels)

    codes = level_codes(values, scale)
    payload = rank.astype(np.int64) << code_bits
    payload |= codes
    key = students.astype(np.int64)
    key *= n_indicators
    key += indicators
    key <<= shift
    key |= payload
    del payload, rank
    key.sort()
    sorted_codes = (key & ((1 << code_bits) - 1)).astype(np.int8)
    key >>= shift  # now the group id of each sorted row
    boundary = np.empty(n, dtype=bool)
    boundary[0] = True
    np.not_equal(key[1:], key[:-1], out=boundary[1:])
    starts = np.flatnonzero(boundary)
    del boundary
    counts = np.diff(starts, append=n)
    return SortedScores(key[starts], starts, counts, sorted_codes, levels)


def _power_law(s: SortedScores, p: dict[str, Any]) -> FloatArray:
    log_levels = np.array([math.log(v) if v > 0 else 0.0 for v in s.level_values])
    max_n = int(s.counts.max())
    log_t = np.array([0.0] + [math.log(t) for t in range(1, max_n + 1)])
    sums = np.array([power_law_sums(n) for n in range(max_n + 1)])
    result, fitted, bad = kernels.power_law_exponent(
        s.codes, s.level_values, log_levels, log_t, sums, s.starts, s.counts
    )
    if bad >= 0:
        raise ValueError("power_law needs scores above 0; choose another method for a scale that includes 0.")
    # numpy's exp, as in methods.py, then the same clamps.
    predicted = np.exp(result[fitted])
    if p.get("low") is not None:
        predicted = np.maximum(predicted, float(p["low"]))
    if p.get("high") is not None:
        predicted = np.minimum(predicted, float(p["high"]))
    result[fitted] = predicted
    return result


_BATCH: dict[str, Callable[[SortedScores, dict[str, Any]], FloatArray]] = {
    "most_recent": lambda s, p: kernels.most_recent(s.codes, s.level_values, s.starts, s.counts),
    "highest": lambda s, p: kernels.highest_of_last(s.codes, s.level_values, s.starts, s.counts, int(s.counts.max())),
    "mean": lambda s, p: kernels.mean_of_last(s.codes, s.level_values, s.starts, s.counts, int(s.counts.max())),
    "mode": lambda s, p: kernels.mode(s.codes, s.level_values, s.starts, s.counts),
    "decaying_average": lambda s, p: kernels.decaying_average(
        s.codes, s.level_values, s.starts, s.counts, float(p["w"])
    ),
    "weighted_recent": lambda s, p: kernels.weighted_recent(s.codes, s.level_values, s.starts, s.counts, float(p["w"])),
    "power_law": _power_law,
    "n_of_m": lambda s, p: kernels.nth_largest_of_last(
        s.codes, s.level_values, s.starts, s.counts, int(p["n"]), int(p["m"])
    ),
    "highest_of_last": lambda s, p: kernels.highest_of_last(s.codes, s.level_values, s.starts, s.counts, int(p["m"])),
    "mean_of_last": lambda s, p: kernels.mean_of_last(s.codes, s.level_values, s.starts, s.counts, int(p["m"])),
}


def compute_sorted(method: str, scores: SortedScores, **params: Any) -> FloatArray:
    """One decimal per group (NaN where the method has nothing to judge), like ``methods.compute``."""
    resolved = resolve_parameters(method, params)
    if len(scores.starts) == 0:
        return np.zeros(0, dtype=np.float64)
    with kernels.LOCK:
        return _BATCH[method](scores, resolved)


def map_to_levels(values: FloatArray, scale: Scale, rounding: str) -> npt.NDArray[np.int8]:
    """Level index per value under ``rounding`` (−1 for NaN), exactly as ``Scale.index_for``."""
    levels = np.asarray(scale.values, dtype=np.float64)
    midpoints = np.asarray(scale.midpoints, dtype=np.float64)
    if rounding == "floor":
        index = np.searchsorted(levels, values + TOLERANCE, side="right") - 1
        np.maximum(index, 0, out=index)
    elif rounding == "half_up":
        index = np.searchsorted(midpoints, values + TOLERANCE, side="right")
    elif rounding == "half_down":
        index = np.searchsorted(midpoints, values - TOLERANCE, side="left")
    else:
        raise ValueError(f"'{rounding}' is not a rounding rule")
    index[np.isnan(values)] = -1
    return index.astype(np.int8)


@dataclass(frozen=True)
class IndicatorColumns:
    """One row per student × indicator with evidence."""

    student: IntArray
    indicator: IntArray
    value: FloatArray  # NaN when evidence is insufficient
    level: npt.NDArray[np.int8]  # index into the scale's levels; −1 when insufficient
    count: IntArray


def indicator_results(
    student: npt.ArrayLike,
    indicator: npt.ArrayLike,
    order: npt.ArrayLike,
    value: npt.ArrayLike,
    *,
    scale: Scale,
    policy: Policy,
    n_students: int,
    n_indicators: int,
) -> IndicatorColumns:
    scores = sort_scores(student, indicator, order, value, scale, n_students, n_indicators)
    decimals = compute_sorted(policy.method, scores, **policy.method_params(scale))
    decimals[scores.counts < policy.minimum_evidence] = np.nan
    levels = map_to_levels(decimals, scale, policy.rounding)
    return IndicatorColumns(scores.group // n_indicators, scores.group % n_indicators, decimals, levels, scores.counts)


def level_matrix(columns: IndicatorColumns, n_students: int, n_indicators: int) -> npt.NDArray[np.int8]:
    """Students × indicators of level indexes, −1 where there is no level."""
    matrix = np.full((n_students, n_indicators), -1, dtype=np.int8)
    matrix[columns.student, columns.indicator] = columns.level
    return matrix


@dataclass(frozen=True)
class StandardColumns:
    """Students × standards."""

    value: FloatArray  # NaN where the standard has no level
    level: npt.NDArray[np.int8]  # −1 where the standard has no level
    assessed: npt.NDArray[np.int32]
    proficient_count: npt.NDArray[np.int32]


def standard_results(
    levels: npt.NDArray[np.int8], indicator_standard: npt.ArrayLike, n_standards: int, scale: Scale, policy: Policy
) -> StandardColumns:
    """Roll indicator levels up to standards exactly as ``rollup.rollup_standard``.

    ``indicator_standard[i]`` is the standard code of indicator i (−1 for none). A standard's indicators
    are taken in ascending indicator code, which must be the order the scalar API is given.
    """
    standard_of = np.asarray(indicator_standard, dtype=np.int64)
    n_students = levels.shape[0]
    level_values = np.asarray(scale.values, dtype=np.float64)
    threshold_index = scale.values.index(scale.threshold)
    members = [np.flatnonzero(standard_of == j) for j in range(n_standards)]
    total = np.array([len(m) for m in members], dtype=np.int64)

    sums = np.zeros((n_students, n_standards))
    minimum = np.full((n_students, n_standards), np.inf)
    assessed = np.zeros((n_students, n_standards), dtype=np.int32)
    proficient = np.zeros((n_students, n_standards), dtype=np.int32)
    # Position by position within each standard, so sums accumulate in the scalar API's order.
    for k in range(int(total.max()) if n_standards else 0):
        standards = np.flatnonzero(total > k)
        columns = np.array([members[j][k] for j in standards], dtype=np.int64)
        index = levels[:, columns]
        has = index >= 0
        value = np.where(has, level_values[np.maximum(index, 0)], 0.0)
        sums[:, standards] += value
        minimum[:, standards] = np.minimum(minimum[:, standards], np.where(has, value, np.inf))
        assessed[:, standards] += has
        proficient[:, standards] += index >= threshold_index

    share = float(policy.minimum_share)
    enough = (total > 0) & (assessed >= share * total - 1e-9)  # as rollup.required_share_met
    if policy.rollup == "minimum":
        value = np.where(enough, minimum, np.nan)
        result = map_to_levels(value, scale, policy.rounding)
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            value = np.where(enough, sums / assessed, np.nan)
        result = map_to_levels(value, scale, policy.rounding)
        if policy.rollup in ("all_proficient", "n_of_m_proficient"):
            n = policy.rollup_n() if policy.rollup == "n_of_m_proficient" else None
            needed = total if n is None else np.minimum(n, total)
            met = proficient >= needed
            raise_to = enough & met & (result < threshold_index)
            result[raise_to] = threshold_index
            if threshold_index > 0:
                hold = enough & ~met & (result >= threshold_index)
                result[hold] = threshold_index - 1
    return StandardColumns(value, result, assessed, proficient)


@dataclass(frozen=True)
class GraduationColumns:
    met: npt.NDArray[np.bool_]
    missing: npt.NDArray[np.int32]  # how many required standards are not yet proficient


def graduation_results(standards: StandardColumns, required: npt.ArrayLike, scale: Scale) -> GraduationColumns:
    required_mask = np.asarray(required, dtype=bool)
    threshold_index = scale.values.index(scale.threshold)
    proficient = standards.level[:, required_mask] >= threshold_index
    missing = (~proficient).sum(axis=1).astype(np.int32)
    met = (missing == 0) & bool(required_mask.any())
    return GraduationColumns(met, missing)
