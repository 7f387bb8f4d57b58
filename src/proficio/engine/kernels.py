"""Calculation methods compiled for the columnar engine: one loop per student × indicator group.

Each kernel reads a group's level codes in chronological order and performs exactly the float operations of
its scalar twin in ``methods.py``, in the same order, so the two APIs agree bit for bit (a property test
checks every method). Groups run in parallel on every core. NaN stands for "nothing to judge".

Logarithms come in as tables computed with ``math.log``, and ``power_law``'s final exponential is left to
numpy by the caller — the same functions the scalar API uses — because compiled ``log``/``exp`` may
differ from them in the last bit.
"""

from __future__ import annotations

import threading

import numpy as np
import numpy.typing as npt
from numba import njit, prange  # type: ignore[import-untyped]

Codes = npt.NDArray[np.int8]
Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

# Compiled functions are cached on disk next to this file; parallel loops use every core numba finds.
_jit = njit(parallel=True, cache=True)

# numba's default threading layer (workqueue) must not be entered from two Python threads at once — a web
# server's threads may both recompute — so every call into compiled parallel code holds this lock.
LOCK = threading.Lock()


@_jit
def most_recent(codes: Codes, levels: Floats, starts: Ints, counts: Ints) -> Floats:  # pragma: no cover
    out = np.empty(len(starts))
    for g in prange(len(starts)):
        out[g] = levels[codes[starts[g] + counts[g] - 1]]
    return out


@_jit
def highest_of_last(codes: Codes, levels: Floats, starts: Ints, counts: Ints, m: int) -> Floats:  # pragma: no cover
    out = np.empty(len(starts))
    for g in prange(len(starts)):
        end = starts[g] + counts[g]
        best = codes[end - 1]
        for i in range(max(starts[g], end - m), end):
            if codes[i] > best:
                best = codes[i]
        out[g] = levels[best]
    return out


@_jit
def mean_of_last(codes: Codes, levels: Floats, starts: Ints, counts: Ints, m: int) -> Floats:  # pragma: no cover
    out = np.empty(len(starts))
    for g in prange(len(starts)):
        end = starts[g] + counts[g]
        first = max(starts[g], end - m)
        total = 0.0
        for i in range(first, end):
            total += levels[codes[i]]
        out[g] = total / (end - first)
    return out


@_jit
def mode(codes: Codes, levels: Floats, starts: Ints, counts: Ints) -> Floats:  # pragma: no cover
    out = np.empty(len(starts))
    n_levels = len(levels)
    for g in prange(len(starts)):
        tally = np.zeros(n_levels, dtype=np.int64)
        last_seen = np.full(n_levels, -1, dtype=np.int64)
        for i in range(starts[g], starts[g] + counts[g]):
            tally[codes[i]] += 1
            last_seen[codes[i]] = i
        best = -1
        for code in range(n_levels):
            if tally[code] == 0:
                continue
            # Most frequent wins; among equally frequent values, the one seen last.
            more = best < 0 or tally[code] > tally[best]
            if more or (tally[code] == tally[best] and last_seen[code] > last_seen[best]):
                best = code
        out[g] = levels[best]
    return out


@_jit
def decaying_average(codes: Codes, levels: Floats, starts: Ints, counts: Ints, w: float) -> Floats:  # pragma: no cover
    out = np.empty(len(starts))
    keep = 1.0 - w
    for g in prange(len(starts)):
        running = levels[codes[starts[g]]]
        for i in range(starts[g] + 1, starts[g] + counts[g]):
            running = keep * running + w * levels[codes[i]]
        out[g] = running
    return out


@_jit
def weighted_recent(codes: Codes, levels: Floats, starts: Ints, counts: Ints, w: float) -> Floats:  # pragma: no cover
    out = np.empty(len(starts))
    for g in prange(len(starts)):
        last = levels[codes[starts[g] + counts[g] - 1]]
        if counts[g] == 1:
            out[g] = last
            continue
        total = 0.0
        for i in range(starts[g], starts[g] + counts[g] - 1):
            total += levels[codes[i]]
        out[g] = w * last + (1.0 - w) * (total / (counts[g] - 1))
    return out


@_jit
def power_law_exponent(
    codes: Codes, levels: Floats, log_levels: Floats, log_t: Floats, sums: Floats, starts: Ints, counts: Ints
) -> tuple[Floats, npt.NDArray[np.bool_], int]:  # pragma: no cover
    """log a + b·log n per group (fitted groups), or the group's mean (fewer than 3 scores).

    Returns (values, fitted mask, index of a score ≤ 0 in a fitted group or −1).
    """
    out = np.empty(len(starts))
    fitted = np.zeros(len(starts), dtype=np.bool_)
    bad = np.full(len(starts), -1, dtype=np.int64)
    for g in prange(len(starts)):
        n = counts[g]
        if n < 3:
            total = 0.0
            for i in range(starts[g], starts[g] + n):
                total += levels[codes[i]]
            out[g] = total / n
            continue
        sy = 0.0
        sxy = 0.0
        for t in range(1, n + 1):
            i = starts[g] + t - 1
            if levels[codes[i]] <= 0:
                bad[g] = i
            y = log_levels[codes[i]]
            sy += y
            sxy += log_t[t] * y
        sx = sums[n, 0]
        sxx = sums[n, 1]
        b = (n * sxy - sx * sy) / (n * sxx - sx * sx)
        log_a = (sy - b * sx) / n
        out[g] = log_a + b * log_t[n]
        fitted[g] = True
    first_bad = -1
    for g in range(len(starts)):
        if bad[g] >= 0:
            first_bad = bad[g]
            break
    return out, fitted, first_bad


@_jit
def nth_largest_of_last(  # pragma: no cover
    codes: Codes, levels: Floats, starts: Ints, counts: Ints, n: int, m: int
) -> Floats:
    """The n-th largest of each group's last m scores; NaN when the window holds fewer than n."""
    out = np.empty(len(starts))
    n_levels = len(levels)
    for g in prange(len(starts)):
        end = starts[g] + counts[g]
        first = max(starts[g], end - m)
        if end - first < n:
            out[g] = np.nan
            continue
        tally = np.zeros(n_levels, dtype=np.int64)
        for i in range(first, end):
            tally[codes[i]] += 1
        reached = 0
        for code in range(n_levels - 1, -1, -1):
            reached += tally[code]
            if reached >= n:
                out[g] = levels[code]
                break
    return out
