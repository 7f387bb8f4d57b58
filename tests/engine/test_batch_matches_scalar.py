"""The columnar engine gives exactly the scalar engine's results, for every method, rounding and roll-up."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proficio.engine import batch
from proficio.engine.catalogue import METHODS
from proficio.engine.graduation import verify_graduation
from proficio.engine.indicator import evaluate_indicator
from proficio.engine.policy import Policy
from proficio.engine.rollup import rollup_standard
from proficio.engine.scales import ROUNDING_RULES, Scale
from tests.hypothesis_profiles import examples

SCALE = Scale.of([(1, "Does not meet"), (2, "Partially meets"), (3, "Meets"), (4, "Exceeds")], threshold=3)
HALVES = Scale.of([(0.5, "Emerging"), (1, "Developing"), (2.5, "Proficient"), (3, "Advanced")], threshold=2.5)

METHOD_POLICIES: list[dict[str, Any]] = [
    {"method": "most_recent"},
    {"method": "highest"},
    {"method": "mean"},
    {"method": "mode"},
    {"method": "decaying_average"},
    {"method": "decaying_average", "params": {"w": 0.3}},
    {"method": "decaying_average", "params": {"w": 1}},
    {"method": "weighted_recent"},
    {"method": "weighted_recent", "params": {"w": 0.5}},
    {"method": "power_law"},
    {"method": "n_of_m"},
    {"method": "n_of_m", "params": {"n": 1, "m": 1}},
    {"method": "n_of_m", "params": {"n": 3, "m": 5}},
    {"method": "highest_of_last"},
    {"method": "highest_of_last", "params": {"m": 1}},
    {"method": "mean_of_last", "params": {"m": 4}},
]


def test_every_catalogued_method_is_covered() -> None:
    assert {p["method"] for p in METHOD_POLICIES} == set(METHODS)


@st.composite
def districts(draw: st.DrawFn) -> dict[str, Any]:
    scale = draw(st.sampled_from([SCALE, HALVES]))
    n_students = draw(st.integers(1, 6))
    n_indicators = draw(st.integers(1, 7))
    rows: list[tuple[int, int, int, float]] = []
    for s in range(n_students):
        for i in range(n_indicators):
            count = draw(st.integers(0, 9))
            orders = draw(st.lists(st.integers(0, 10_000), min_size=count, max_size=count, unique=True))
            for order in orders:
                rows.append((s, i, order, draw(st.sampled_from(scale.values))))
    shuffled = draw(st.permutations(rows))
    return {"scale": scale, "n_students": n_students, "n_indicators": n_indicators, "rows": shuffled}


def _columns(rows: list[tuple[int, int, int, float]]) -> tuple[np.ndarray, ...]:
    if not rows:
        return tuple(np.zeros(0, dtype=t) for t in (np.int64, np.int64, np.int64, np.float64))
    s, i, o, v = zip(*rows, strict=True)
    return np.array(s), np.array(i), np.array(o), np.array(v, dtype=np.float64)


def _chronological(rows: list[tuple[int, int, int, float]], student: int, indicator: int) -> list[float]:
    return [v for _, _, _, v in sorted(r for r in rows if r[0] == student and r[1] == indicator)]


@pytest.mark.parametrize("config", METHOD_POLICIES, ids=lambda c: f"{c['method']}{c.get('params', '')}")
@settings(max_examples=examples(40), suppress_health_check=[HealthCheck.too_slow])
@given(district=districts(), minimum_evidence=st.integers(1, 3))
def test_indicator_results_agree(config: dict[str, Any], district: dict[str, Any], minimum_evidence: int) -> None:
    # Every rounding rule on every drawn district: the same coverage as a case per rule, for a third of the
    # districts drawn.
    for rounding in ROUNDING_RULES:
        policy = Policy(rounding=rounding, minimum_evidence=minimum_evidence, **config)
        _check_indicator_results(district, policy)


def _check_indicator_results(district: dict[str, Any], policy: Policy) -> None:
    scale: Scale = district["scale"]
    student, indicator, order, value = _columns(district["rows"])
    result = batch.indicator_results(
        student,
        indicator,
        order,
        value,
        scale=scale,
        policy=policy,
        n_students=district["n_students"],
        n_indicators=district["n_indicators"],
    )
    seen = set()
    for row in range(len(result.student)):
        s, i = int(result.student[row]), int(result.indicator[row])
        seen.add((s, i))
        expected = evaluate_indicator(_chronological(district["rows"], s, i), scale, policy)
        assert result.count[row] == expected.evidence_count, policy.rounding
        if expected.value is None:
            assert math.isnan(result.value[row])
            assert result.level[row] == -1
        else:
            assert result.value[row] == expected.value, policy.rounding  # bit-identical, not approximately
            assert expected.level is not None
            assert scale.levels[result.level[row]] == expected.level, policy.rounding
    assert seen == {(r[0], r[1]) for r in district["rows"]}


@pytest.mark.parametrize(
    "rollup",
    [
        {"rollup": "mean"},
        {"rollup": "minimum"},
        {"rollup": "all_proficient"},
        {"rollup": "n_of_m_proficient", "rollup_params": {"n": 2}},
        {"rollup": "n_of_m_proficient", "rollup_params": {"n": 9}},
    ],
    ids=lambda c: f"{c['rollup']}{c.get('rollup_params', '')}",
)
@settings(max_examples=examples(60))
@given(
    levels=st.lists(st.lists(st.sampled_from([-1, 0, 1, 2, 3]), min_size=7, max_size=7), min_size=1, max_size=8),
    standard_of=st.lists(st.integers(-1, 2), min_size=7, max_size=7),
    share=st.sampled_from([1.0, 0.5, 0.8, 0.01]),
    rounding=st.sampled_from(["half_up", "half_down", "floor"]),
)
def test_standard_and_graduation_results_agree(
    rollup: dict[str, Any], levels: list[list[int]], standard_of: list[int], share: float, rounding: str
) -> None:
    policy = Policy(minimum_share=share, rounding=rounding, **rollup)
    matrix = np.array(levels, dtype=np.int8)
    n_standards = 3
    columns = batch.standard_results(matrix, standard_of, n_standards, SCALE, policy)
    required = [True, False, True]
    graduation = batch.graduation_results(columns, required, SCALE)
    for s, row in enumerate(levels):
        results = {}
        for j in range(n_standards):
            members = [SCALE.levels[row[i]] if row[i] >= 0 else None for i in range(7) if standard_of[i] == j]
            expected = rollup_standard(members, SCALE, policy)
            results[str(j)] = expected
            if expected.level is None:
                assert columns.level[s, j] == -1
                assert math.isnan(columns.value[s, j])
            else:
                assert SCALE.levels[columns.level[s, j]] == expected.level
                assert columns.value[s, j] == expected.value
            assert columns.assessed[s, j] == expected.assessed
            assert columns.proficient_count[s, j] == expected.proficient_count
        verdict = verify_graduation(["0", "2"], results)
        assert bool(graduation.met[s]) == verdict.met
        assert graduation.missing[s] == len(verdict.missing)


def test_an_off_scale_value_is_refused_with_its_row() -> None:
    with pytest.raises(ValueError, match=r"row 2: score 2\.5 is not a level"):
        batch.sort_scores([0, 0, 0], [0, 0, 0], [1, 2, 3], [1, 2, 2.5], SCALE, 1, 1)


def test_nan_is_refused() -> None:
    with pytest.raises(ValueError, match="row 0"):
        batch.sort_scores([0], [0], [1], [float("nan")], SCALE, 1, 1)


def test_codes_out_of_range_are_refused() -> None:
    with pytest.raises(ValueError, match="student codes"):
        batch.sort_scores([3], [0], [1], [1.0], SCALE, 2, 1)


def test_sparse_order_keys_are_ranked_to_fit_the_sort_key() -> None:
    huge = [2**60, 5, 2**61]
    scores = batch.sort_scores([0, 0, 0], [0, 0, 0], huge, [4.0, 1.0, 2.0], SCALE, 1, 1)
    assert list(scores.values) == [1.0, 4.0, 2.0]


def test_empty_input_gives_empty_results() -> None:
    result = batch.indicator_results([], [], [], [], scale=SCALE, policy=Policy(), n_students=3, n_indicators=2)
    assert len(result.student) == 0


@settings(max_examples=examples(60))
@given(district=districts(), chunks=st.integers(1, 5))
def test_compiled_grouping_equals_one_global_sort(district: dict[str, Any], chunks: int) -> None:
    from proficio.engine import grouping

    student, indicator, order, value = _columns(district["rows"])
    args = (student, indicator, order, value, district["scale"], district["n_students"], district["n_indicators"])
    reference = batch.sort_scores(*args, use_numba=False)
    compiled = batch.sort_scores(*args)
    for field in ("group", "starts", "counts", "codes"):
        assert np.array_equal(getattr(compiled, field), getattr(reference, field)), field
    if len(student):
        levels = np.asarray(district["scale"].values)
        shift = 14 + 3
        by_chunks = grouping.group_scores(
            student, indicator, order, value, levels, district["n_students"], district["n_indicators"], shift, 3, chunks
        )
        assert not isinstance(by_chunks, int)
        assert np.array_equal(by_chunks[3], reference.codes)


def test_batch_is_safe_to_call_from_several_threads_at_once() -> None:
    from concurrent.futures import ThreadPoolExecutor

    rng = np.random.default_rng(4)
    n = 20_000
    args = (rng.integers(0, 50, n), rng.integers(0, 9, n), rng.permutation(n), rng.integers(1, 5, n).astype(float))

    def run(_: int) -> np.ndarray:
        return batch.indicator_results(*args, scale=SCALE, policy=Policy(), n_students=50, n_indicators=9).value

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(run, range(8)))
    for result in results[1:]:
        assert np.array_equal(result, results[0], equal_nan=True)
