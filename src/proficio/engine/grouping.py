"""Grouping tens of millions of scores by student × indicator, in chronological order, without a global sort.

A comparison sort of 24 million int64 keys takes about 1.5–2 s on the 2-core machines proficio is
measured on (numpy's ``sort``; an ``argsort`` about 5 s), which alone would exceed the whole budget
for a district recompute. The rows have structure a general sort ignores: a few hundred thousand students,
each with a few hundred scores. So this module (compiled with numba, on every core) does:

1. a counting sort of the rows by student — one pass to count, one to scatter, each thread on its own
   share of the rows with its own offsets, so the result is the same whatever the number of threads;
2. within each student (a few hundred rows, in cache), an ordinary sort of one packed key per row:
   indicator in the high bits, chronological rank in the middle, the level's index on the scale in the low
   bits;
3. group boundaries where the indicator changes.

The output is the same as sorting all packed keys globally (``batch.sort_scores_numpy``, the reference
implementation it is tested against).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numba import get_num_threads, njit, prange  # type: ignore[import-untyped]

IntArray = npt.NDArray[np.int64]


@njit(parallel=True, cache=True)
def _bucket_by_student(
    student: npt.NDArray[np.integer],
    indicator: npt.NDArray[np.integer],
    rank: npt.NDArray[np.integer],
    value: npt.NDArray[np.float64],
    levels: npt.NDArray[np.float64],
    n_students: int,
    shift: int,
    code_bits: int,
    n_chunks: int,
    bucketed: npt.NDArray[np.integer],
) -> tuple[IntArray, int]:  # pragma: no cover - compiled
    """Scatter each row's packed key into ``bucketed``, students' rows together; returns where each starts."""
    n = len(student)
    chunk = (n + n_chunks - 1) // n_chunks
    histogram = np.zeros((n_chunks, n_students), dtype=np.int64)
    for c in prange(n_chunks):
        for row in range(c * chunk, min(n, (c + 1) * chunk)):
            histogram[c, student[row]] += 1
    offsets = np.empty((n_chunks, n_students), dtype=np.int64)
    student_start = np.empty(n_students + 1, dtype=np.int64)
    total = 0
    for s in range(n_students):
        student_start[s] = total
        for c in range(n_chunks):
            offsets[c, s] = total
            total += histogram[c, s]
    student_start[n_students] = total
    bad_rows = np.full(n_chunks, n, dtype=np.int64)
    for c in prange(n_chunks):
        for row in range(c * chunk, min(n, (c + 1) * chunk)):
            code = -1
            for k in range(len(levels)):
                if levels[k] == value[row]:
                    code = k
                    break
            if code < 0:
                bad_rows[c] = min(bad_rows[c], row)
                code = 0
            s = student[row]
            key = (np.int64(indicator[row]) << shift) | (np.int64(rank[row]) << code_bits) | code
            bucketed[offsets[c, s]] = key
            offsets[c, s] += 1
    return student_start, bad_rows.min()


@njit(parallel=True, cache=True)
def _sort_within_students(
    bucketed: npt.NDArray[np.integer], student_start: IntArray, shift: int, n_indicators: int
) -> tuple[npt.NDArray[np.integer], IntArray]:  # pragma: no cover - compiled
    """Within each student: a counting sort by indicator, then an insertion sort of each (short) group.

    Returns the rows in (student, indicator, rank, code) order and the number of groups per student.
    """
    n_students = len(student_start) - 1
    ordered = np.empty_like(bucketed)
    groups_per_student = np.zeros(n_students, dtype=np.int64)
    for s in prange(n_students):
        lo, hi = student_start[s], student_start[s + 1]
        if hi == lo:
            continue
        slot = np.zeros(n_indicators + 1, dtype=np.int64)
        for i in range(lo, hi):
            slot[(bucketed[i] >> shift) + 1] += 1
        groups = 0
        for k in range(n_indicators):
            if slot[k + 1] > 0:
                groups += 1
            slot[k + 1] += slot[k]
        groups_per_student[s] = groups
        for i in range(lo, hi):
            indicator = bucketed[i] >> shift
            ordered[lo + slot[indicator]] = bucketed[i]
            slot[indicator] += 1
        # slot[k] is now the end of indicator k's rows; sort each group's few rows by the whole key.
        begin = lo
        for k in range(n_indicators):
            end = lo + slot[k]
            for i in range(begin + 1, end):
                key = ordered[i]
                j = i - 1
                while j >= begin and ordered[j] > key:
                    ordered[j + 1] = ordered[j]
                    j -= 1
                ordered[j + 1] = key
            begin = end
    return ordered, groups_per_student


@njit(parallel=True, cache=True)
def _group_bounds(
    bucketed: npt.NDArray[np.integer],
    student_start: IntArray,
    groups_per_student: IntArray,
    shift: int,
    n_indicators: int,
    code_mask: int,
) -> tuple[IntArray, IntArray, IntArray, npt.NDArray[np.int8]]:  # pragma: no cover - compiled
    n_students = len(student_start) - 1
    first_group = np.zeros(n_students + 1, dtype=np.int64)
    for s in range(n_students):
        first_group[s + 1] = first_group[s] + groups_per_student[s]
    n_groups = first_group[n_students]
    group = np.empty(n_groups, dtype=np.int64)
    starts = np.empty(n_groups, dtype=np.int64)
    counts = np.empty(n_groups, dtype=np.int64)
    codes = np.empty(len(bucketed), dtype=np.int8)
    for s in prange(n_students):
        lo, hi = student_start[s], student_start[s + 1]
        g = first_group[s] - 1
        previous = -1
        for i in range(lo, hi):
            key = bucketed[i]
            codes[i] = key & code_mask
            indicator = key >> shift
            if indicator != previous:
                g += 1
                group[g] = s * n_indicators + indicator
                starts[g] = i
                counts[g] = 0
                previous = indicator
            counts[g] += 1
    return group, starts, counts, codes


def group_scores(
    student: npt.NDArray[np.integer],
    indicator: npt.NDArray[np.integer],
    rank: npt.NDArray[np.integer],
    value: npt.NDArray[np.float64],
    levels: npt.NDArray[np.float64],
    n_students: int,
    n_indicators: int,
    shift: int,
    code_bits: int,
    n_chunks: int | None = None,
) -> tuple[IntArray, IntArray, IntArray, npt.NDArray[np.int8]] | int:
    """Group rows by student × indicator, chronological within each group.

    ``rank`` must be non-negative and fit in ``shift - code_bits`` bits. Returns (group id, group start,
    group count, level codes in grouped order), or the index of the first row whose value is not a level.
    """
    n_chunks = n_chunks or get_num_threads()
    # Narrow keys when they fit: the scatter is bound by memory traffic, so half the bytes is nearly half the time.
    key_bits = shift + max(1, (n_indicators - 1).bit_length())
    bucketed = np.empty(len(student), dtype=np.int32 if key_bits <= 31 else np.int64)
    student_start, bad_row = _bucket_by_student(
        student, indicator, rank, value, levels, n_students, shift, code_bits, n_chunks, bucketed
    )
    if bad_row < len(student):
        return int(bad_row)
    ordered, groups_per_student = _sort_within_students(bucketed, student_start, shift, n_indicators)
    del bucketed
    return _group_bounds(ordered, student_start, groups_per_student, shift, n_indicators, (1 << code_bits) - 1)
