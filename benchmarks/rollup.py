"""Full recompute of a synthetic district: proficio's columnar engine against a pandas groupby-apply.

The district (generated in memory, rows in random order): 100,000 students × 40 indicators × 6 summative
scores = 24,000,000 scores, 8 standards of 5 indicators, all required for graduation. Each method runs
indicator → standard → graduation. The baseline is what a data analyst would write: sort, then
``groupby([student, indicator]).apply(method)``; it is timed on a sample of students and scaled linearly
(it would take minutes on the whole district), and says so.

    python benchmarks/rollup.py            # the full district
    python benchmarks/rollup.py --quick    # 2,000 students, for a smoke run
"""

from __future__ import annotations

import argparse
import gc
import math
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from proficio.engine import batch
from proficio.engine.policy import Policy
from proficio.engine.scales import Scale

SCALE = Scale.of([(1, "Does not meet"), (2, "Partially meets"), (3, "Meets"), (4, "Exceeds")], threshold=3)
INDICATORS = 40
SCORES_PER_INDICATOR = 6
STANDARDS = 8
METHODS = ["decaying_average", "power_law"]


def district(n_students: int, seed: int = 7) -> dict[str, np.ndarray]:
    """Scores that grow over the year around each student's own ability, rows shuffled."""
    rng = np.random.default_rng(seed)
    n = n_students * INDICATORS * SCORES_PER_INDICATOR
    student = np.repeat(np.arange(n_students, dtype=np.int32), INDICATORS * SCORES_PER_INDICATOR)
    indicator = np.tile(np.repeat(np.arange(INDICATORS, dtype=np.int32), SCORES_PER_INDICATOR), n_students)
    attempt = np.tile(np.arange(SCORES_PER_INDICATOR, dtype=np.int32), n_students * INDICATORS)
    ability = rng.normal(2.3, 0.6, n_students).astype(np.float32)
    raw = ability[student] + 0.15 * attempt + rng.normal(0, 0.7, n).astype(np.float32)
    value = np.clip(np.rint(raw), 1, 4).astype(np.float64)
    # Chronological keys: day of the school year on which the score was recorded.
    order = (attempt * 30 + rng.integers(0, 30, n)).astype(np.int32)
    shuffle = rng.permutation(n)
    return {
        "student": student[shuffle],
        "indicator": indicator[shuffle],
        "order": order[shuffle],
        "value": value[shuffle],
        "n_students": np.array(n_students),
    }


def proficio_recompute(data: dict[str, np.ndarray], method: str) -> batch.GraduationColumns:
    n_students = int(data["n_students"])
    policy = Policy(method=method)
    columns = batch.indicator_results(
        data["student"],
        data["indicator"],
        data["order"],
        data["value"],
        scale=SCALE,
        policy=policy,
        n_students=n_students,
        n_indicators=INDICATORS,
    )
    levels = batch.level_matrix(columns, n_students, INDICATORS)
    standard_of = np.arange(INDICATORS) // (INDICATORS // STANDARDS)
    standards = batch.standard_results(levels, standard_of, STANDARDS, SCALE, policy)
    return batch.graduation_results(standards, np.ones(STANDARDS, dtype=bool), SCALE)


# --- the pandas baseline: idiomatic groupby-apply, one Python function per method -----------------------


def _decaying(values: np.ndarray) -> float:
    running = values[0]
    for value in values[1:]:
        running = 0.35 * running + 0.65 * value
    return float(running)


def _power_law(values: np.ndarray) -> float:
    n = len(values)
    if n < 3:
        return float(values.mean())
    t = np.log(np.arange(1, n + 1))
    b, log_a = np.polyfit(t, np.log(values), 1)
    return float(min(max(math.exp(log_a + b * math.log(n)), 1.0), 4.0))


PANDAS_METHODS: dict[str, Callable[[np.ndarray], float]] = {"decaying_average": _decaying, "power_law": _power_law}


def pandas_recompute(data: dict[str, np.ndarray], method: str) -> object:
    import pandas as pd

    frame = pd.DataFrame({k: data[k] for k in ("student", "indicator", "order", "value")})
    frame = frame.sort_values(["student", "indicator", "order"])
    func = PANDAS_METHODS[method]
    indicator = frame.groupby(["student", "indicator"])["value"].apply(lambda s: func(s.to_numpy())).reset_index()
    indicator["level"] = np.clip(np.floor(indicator["value"] + 0.5), 1, 4)
    indicator["standard"] = indicator["indicator"] // (INDICATORS // STANDARDS)
    standard = indicator.groupby(["student", "standard"])["level"].mean().reset_index()
    standard["proficient"] = np.floor(standard["level"] + 0.5) >= 3
    return standard.groupby("student")["proficient"].all()


def sample(data: dict[str, np.ndarray], n_students: int) -> dict[str, np.ndarray]:
    keep = data["student"] < n_students
    picked = {k: data[k][keep] for k in ("student", "indicator", "order", "value")}
    picked["n_students"] = np.array(n_students)
    return picked


def best_of(repeats: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _vm_hwm() -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def peak_memory(run: Callable[[], object]) -> tuple[int, str]:
    """The process's peak resident memory during ``run`` (input arrays included).

    Linux lets a process reset its high-water mark (``clear_refs``); numba's allocations are invisible to
    tracemalloc, so the kernel's count is the honest one. Elsewhere, tracemalloc's peak is reported.
    """
    gc.collect()
    try:
        Path("/proc/self/clear_refs").write_text("5")
        run()
        peak = _vm_hwm()
        if peak is not None:
            return peak, "peak resident memory of the process, input included"
    except OSError:
        pass
    tracemalloc.start()
    run()
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return traced, "peak traced allocations above the input"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 students instead of 100,000")
    parser.add_argument("--students", type=int, default=None)
    parser.add_argument("--pandas-sample", type=int, default=2000, help="students the pandas baseline runs on")
    args = parser.parse_args()
    n_students = args.students or (2000 if args.quick else 100_000)
    pandas_students = min(args.pandas_sample, n_students)

    data = district(n_students)
    n_scores = len(data["value"])
    input_bytes = sum(a.nbytes for a in data.values())
    print(
        f"district: {n_students:,} students × {INDICATORS} indicators × {SCORES_PER_INDICATOR} scores "
        f"= {n_scores:,} summative scores, rows in random order ({input_bytes / 2**20:,.0f} MiB of input columns)"
    )
    small = sample(data, pandas_students)
    for method in METHODS:
        ours = best_of(3, lambda m=method: proficio_recompute(data, m))
        peak, peak_what = peak_memory(lambda m=method: proficio_recompute(data, m))
        baseline_sample = best_of(1, lambda m=method: pandas_recompute(small, m))
        baseline = baseline_sample * n_students / pandas_students
        met = proficio_recompute(data, method).met.mean()
        print(
            f"{method}: proficio {ours:.2f} s for the district "
            f"({peak_what}: {peak / 2**30:.2f} GiB); "
            f"pandas groupby-apply {baseline_sample:.1f} s on {pandas_students:,} students, "
            f"scaled linearly to {baseline:,.0f} s; pandas: {baseline / ours:.1f}x; "
            f"{met:.1%} of students meet graduation"
        )


if __name__ == "__main__":
    main()
