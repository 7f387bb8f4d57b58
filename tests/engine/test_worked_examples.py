"""Every worked example in docs/methods.md, with the numbers the page shows, and the engine's refusals."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from proficio.engine.graduation import verify_graduation
from proficio.engine.indicator import evaluate_indicator
from proficio.engine.methods import compute, trace
from proficio.engine.policy import Policy
from proficio.engine.rollup import StandardResult, rollup_standard
from proficio.engine.scales import Level, Scale

SCALE = Scale.of([(1, "Does not meet"), (2, "Partially meets"), (3, "Meets"), (4, "Exceeds")], threshold=3)
MAYA = [2, 2, 3, 4]
FOUR_PLACES = 5e-5  # the page shows inexact decimals to 4 decimal places


def level(value: float | None) -> float | None:
    """The level (number) a method's result maps to under the default rounding, as the page reports it."""
    return None if value is None else SCALE.map(value).value


def policy_result(values: list[float], **policy: Any) -> tuple[float | None, float | None]:
    result = evaluate_indicator(values, SCALE, Policy(**policy))
    return result.value, None if result.level is None else result.level.value


def levels(*values: float | None) -> list[Level | None]:
    return [None if v is None else SCALE.level_of(v) for v in values]


def rollup(values: list[float | None], **policy: Any) -> StandardResult:
    return rollup_standard(levels(*values), SCALE, Policy(**policy))


# --- The methods at a glance: 2, 2, 3, 4 under every method with its defaults ------------------------------


@pytest.mark.parametrize(
    ("method", "value", "expected_level"),
    [
        ("most_recent", 4.0, 4),
        ("highest", 4.0, 4),
        ("mean", 2.75, 3),
        ("mode", 2.0, 2),
        ("decaying_average", pytest.approx(3.5275, abs=FOUR_PLACES), 4),
        ("weighted_recent", pytest.approx(3.4167, abs=FOUR_PLACES), 3),
        ("power_law", pytest.approx(3.5219, abs=FOUR_PLACES), 4),
        ("n_of_m", 3.0, 3),
        ("highest_of_last", 4.0, 4),
        ("mean_of_last", 3.0, 3),
    ],
)
def test_at_a_glance_table(method: str, value: Any, expected_level: int) -> None:
    result, result_level = policy_result(MAYA, method=method)
    assert result == value
    assert result_level == expected_level


# --- The methods one by one ----------------------------------------------------------------------------------


def test_most_recent_worked_example() -> None:
    value = compute("most_recent", [2, 2, 3, 4])
    assert value == 4.0
    assert level(value) == 4


def test_highest_worked_example() -> None:
    value = compute("highest", [2, 4, 3, 3])
    assert value == 4.0
    assert level(value) == 4
    assert level(compute("most_recent", [2, 4, 3, 3])) == 3


def test_mean_worked_example() -> None:
    value = compute("mean", [2, 2, 3, 4])
    assert value == 2.75
    assert level(value) == 3


def test_mode_worked_example() -> None:
    value = compute("mode", [2, 2, 3, 4])
    assert value == 2.0
    assert level(value) == 2


def test_mode_tie_goes_to_most_recent_worked_example() -> None:
    value = compute("mode", [3, 2, 2, 3])
    assert value == 3.0
    assert level(value) == 3


def test_decaying_average_worked_example() -> None:
    computation = trace("decaying_average", [2, 2, 3, 4], w=0.65)
    assert computation.steps[:2] == (2.0, 2.0)
    assert computation.steps[2] == pytest.approx(2.65, abs=5e-4)
    assert computation.value == pytest.approx(3.5275, abs=FOUR_PLACES)
    assert level(computation.value) == 4
    assert compute("decaying_average", [2, 2, 3, 4]) == computation.value  # 0.65 is the default


def test_decaying_average_small_weight_worked_example() -> None:
    computation = trace("decaying_average", [2, 2, 3, 4], w=0.3)
    assert computation.steps == pytest.approx((2.0, 2.0, 2.3, 2.81), abs=5e-4)
    assert level(computation.value) == 3


def test_weighted_recent_worked_example() -> None:
    computation = trace("weighted_recent", [2, 2, 3, 4])
    assert computation.detail is not None
    assert computation.detail["earlier"] == pytest.approx(2.3333, abs=FOUR_PLACES)
    assert computation.value == pytest.approx(3.4167, abs=FOUR_PLACES)
    assert level(computation.value) == 3


def test_power_law_worked_example() -> None:
    computation = trace("power_law", [2, 2, 3, 4], low=1, high=4)
    assert computation.detail is not None
    assert computation.detail["a"] == pytest.approx(1.7804, abs=FOUR_PLACES)
    assert computation.detail["b"] == pytest.approx(0.4921, abs=FOUR_PLACES)
    assert computation.value == pytest.approx(3.5219, abs=FOUR_PLACES)
    assert level(computation.value) == 4


def test_power_law_clamped_worked_example() -> None:
    result = evaluate_indicator([1, 2, 4, 4], SCALE, Policy(method="power_law"))
    assert result.computation.detail is not None
    assert result.computation.detail["predicted"] == pytest.approx(4.5085, abs=FOUR_PLACES)
    assert result.value == 4.0
    assert result.level == SCALE.level_of(4)


def test_power_law_without_scale_does_not_clamp() -> None:
    assert compute("power_law", [1, 2, 4, 4]) == pytest.approx(4.5085, abs=FOUR_PLACES)


def test_power_law_too_few_scores_worked_example() -> None:
    assert policy_result([2, 3], method="power_law") == (2.5, 3)


def test_n_of_m_worked_example() -> None:
    computation = trace("n_of_m", [2, 2, 3, 4], threshold=3)
    assert computation.value == 3.0
    assert computation.used == (1, 2, 3)
    assert level(computation.value) == 3
    assert evaluate_indicator([2, 2, 3, 4], SCALE, Policy(method="n_of_m")).proficient


def test_n_of_m_not_enough_at_threshold_worked_example() -> None:
    result = evaluate_indicator([3, 2, 2, 3], SCALE, Policy(method="n_of_m"))
    assert result.value == 2.0
    assert result.level == SCALE.level_of(2)
    assert not result.proficient


def test_n_of_m_nothing_to_judge_worked_example() -> None:
    assert compute("n_of_m", [4], threshold=3) is None
    result = evaluate_indicator([4], SCALE, Policy(method="n_of_m"))
    assert result.value is None
    assert result.level is None
    assert not result.proficient


def test_highest_of_last_worked_example() -> None:
    value = compute("highest_of_last", [4, 2, 2, 3])
    assert value == 3.0
    assert level(value) == 3
    assert level(compute("highest", [4, 2, 2, 3])) == 4


def test_mean_of_last_worked_example() -> None:
    value = compute("mean_of_last", [1, 1, 2, 3, 3])
    assert value == pytest.approx(2.6667, abs=FOUR_PLACES)
    assert level(value) == 3
    mean = compute("mean", [1, 1, 2, 3, 3])
    assert mean == 2.0
    assert level(mean) == 2


# --- Minimum evidence ---------------------------------------------------------------------------------------------


def test_minimum_evidence_worked_example() -> None:
    result = evaluate_indicator([3, 4], SCALE, Policy(minimum_evidence=3))
    assert result.value is None
    assert result.level is None
    assert not result.proficient
    assert not result.sufficient
    assert result.evidence_count == 2


def test_minimum_evidence_default_worked_example() -> None:
    value, result_level = policy_result([3, 4])
    assert value == pytest.approx(3.65, abs=5e-4)
    assert result_level == 4


def test_empty_list_gives_none() -> None:
    assert compute("mean", []) is None
    assert compute("decaying_average", []) is None


# --- Rounding -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "half_up", "half_down", "floor"),
    [
        (2.5, 3, 2, 2),
        (2.99, 3, 3, 2),
        (3.5, 4, 3, 3),
        (2.9999999999999996, 3, 3, 3),
        (2.5000000004, 3, 2, 2),
    ],
)
def test_rounding_table(value: float, half_up: int, half_down: int, floor: int) -> None:
    assert SCALE.map(value, "half_up").value == half_up
    assert SCALE.map(value, "half_down").value == half_down
    assert SCALE.map(value, "floor").value == floor


def test_rounding_tolerance_worked_example() -> None:
    result = evaluate_indicator([3, 3], SCALE, Policy(params={"w": 0.3}, rounding="floor"))
    assert result.value == 2.9999999999999996
    assert result.level == SCALE.level_of(3)


def test_midpoints_of_the_example_scale() -> None:
    assert SCALE.midpoints == (1.5, 2.5, 3.5)


# --- Roll-ups -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "expected_value", "expected_level", "adjusted"),
    [
        ({"rollup": "mean"}, 2.75, 3, ""),
        ({"rollup": "minimum"}, 2.0, 2, ""),
        ({"rollup": "all_proficient"}, 2.75, 2, "held"),
        ({"rollup": "n_of_m_proficient", "rollup_params": {"n": 2}}, 2.75, 3, ""),
        ({"rollup": "n_of_m_proficient", "rollup_params": {"n": 3}}, 2.75, 2, "held"),
    ],
)
def test_rollup_table(policy: dict[str, Any], expected_value: float, expected_level: int, adjusted: str) -> None:
    result = rollup([4, 3, 2, 2], **policy)
    assert result.value == expected_value
    assert result.level == SCALE.level_of(expected_level)
    assert result.adjusted == adjusted
    assert result.proficient_count == 2
    assert result.proficient is (expected_level >= 3)


def test_rollup_raised_worked_example() -> None:
    result = rollup([3, 3, 1, 1], rollup="n_of_m_proficient", rollup_params={"n": 2})
    assert result.value == 2.0
    assert result.level == SCALE.level_of(3)
    assert result.adjusted == "raised"
    assert rollup([3, 3, 1, 1], rollup="mean").level == SCALE.level_of(2)


def test_rollup_held_from_exceeds_worked_example() -> None:
    result = rollup([4, 4, 4, 4, 2], rollup="all_proficient")
    assert result.value == 3.6
    assert result.level == SCALE.level_of(2)
    assert result.adjusted == "held"
    assert rollup([4, 4, 4, 4, 2], rollup="mean").level == SCALE.level_of(4)


def test_rollup_n_larger_than_standard_worked_example() -> None:
    result = rollup([3, 3, 4], rollup="n_of_m_proficient", rollup_params={"n": 5})
    assert result.value == pytest.approx(3.3333, abs=FOUR_PLACES)
    assert result.level == SCALE.level_of(3)
    assert result.proficient
    assert result.adjusted == ""


def test_rollup_rounding_worked_example() -> None:
    assert rollup([2, 3, 3, 2], rollup="mean").level == SCALE.level_of(3)
    half_down = rollup([2, 3, 3, 2], rollup="mean", rounding="half_down")
    assert half_down.value == 2.5
    assert half_down.level == SCALE.level_of(2)


def test_rollup_minimum_share_worked_example() -> None:
    default = rollup([3, None, 4, 3])
    assert default.level is None
    assert default.value is None
    assert (default.assessed, default.total) == (3, 4)

    shared = rollup([3, None, 4, 3], minimum_share=0.75)
    assert shared.value == pytest.approx(3.3333, abs=FOUR_PLACES)
    assert shared.level == SCALE.level_of(3)

    all_proficient = rollup([3, None, 4, 3], rollup="all_proficient", minimum_share=0.75)
    assert all_proficient.level == SCALE.level_of(2)
    assert all_proficient.adjusted == "held"

    assert rollup([3, None, None, 4], minimum_share=0.75).level is None


def test_rollup_rounded_share_worked_example() -> None:
    assert rollup([3, 3, None], minimum_share=0.67).level is None
    assert rollup([3, 3, None], minimum_share=0.66).level == SCALE.level_of(3)
    assert rollup([3, 3, None], minimum_share=2 / 3).level == SCALE.level_of(3)


# --- Graduation -----------------------------------------------------------------------------------------------------


def _graduation_results() -> dict[str, StandardResult]:
    return {
        "ELA.1": rollup([3, 4]),
        "MATH.1": rollup([2, 3, 2]),
        "SCI.1": rollup([3, None]),
        "WH.1": rollup([1, 2]),  # a work habit: reported, never required
    }


def test_graduation_standard_results_worked_example() -> None:
    results = _graduation_results()
    assert results["ELA.1"].value == 3.5
    assert results["ELA.1"].level == SCALE.level_of(4)
    assert results["MATH.1"].value == pytest.approx(2.3333, abs=FOUR_PLACES)
    assert results["MATH.1"].level == SCALE.level_of(2)
    assert results["SCI.1"].level is None
    assert results["WH.1"].value == 1.5
    assert results["WH.1"].level == SCALE.level_of(2)


def test_graduation_worked_example() -> None:
    result = verify_graduation(["ELA.1", "MATH.1", "SCI.1", "SS.1"], _graduation_results())
    assert not result.met
    assert result.proficient == ("ELA.1",)
    assert result.missing == ("MATH.1", "SCI.1", "SS.1")
    assert result.insufficient == ("SCI.1", "SS.1")
    assert result.required == 4


def test_graduation_work_habits_never_count_worked_example() -> None:
    result = verify_graduation(["ELA.1"], _graduation_results())
    assert result.met
    assert result.missing == ()


def test_graduation_without_required_standards_is_not_met() -> None:
    assert not verify_graduation([], {}).met


# --- Bad input ------------------------------------------------------------------------------------------------------


def test_nan_score_is_refused() -> None:
    with pytest.raises(ValueError, match=r"score 2 is not a finite number: nan"):
        compute("mean", [2, float("nan")])


def test_infinite_score_is_refused() -> None:
    with pytest.raises(ValueError, match=r"score 2 is not a finite number: inf"):
        compute("mean", [2, float("inf")])


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match=r"'median' is not a known calculation method"):
        compute("median", [2, 3])


def test_unknown_parameter_is_refused() -> None:
    with pytest.raises(ValueError, match=r"'x' is not a parameter of decaying_average"):
        compute("decaying_average", [2, 3], x=0.5)


@pytest.mark.parametrize("w", [0, 1.5])
def test_weight_out_of_range_is_refused(w: float) -> None:
    with pytest.raises(ValueError, match=r"decaying_average parameter 'w' must be a number greater than 0"):
        compute("decaying_average", [2, 3], w=w)


def test_n_greater_than_m_is_refused() -> None:
    with pytest.raises(ValueError, match=r"n_of_m needs n ≤ m; got n=4, m=3"):
        compute("n_of_m", [2, 3, 4], n=4, m=3, threshold=3)


def test_power_law_zero_score_is_refused() -> None:
    with pytest.raises(ValueError, match=r"power_law needs scores above 0"):
        compute("power_law", [2, 0, 3])


def test_policy_zero_minimum_share_is_refused() -> None:
    with pytest.raises(ValueError, match=r"minimum_share must be above 0 and at most 1; got 0"):
        Policy(minimum_share=0)


def test_scale_threshold_not_a_level_is_refused() -> None:
    with pytest.raises(ValueError, match=r"the threshold 2.5 is not one of the scale's levels"):
        Scale.of([(1, "Does not meet"), (2, "Partially meets"), (3, "Meets"), (4, "Exceeds")], threshold=2.5)


def test_off_scale_score_is_refused() -> None:
    with pytest.raises(ValueError, match=r"score 2 \(5\.0\) is not a level on the scale \(1, 2, 3, 4\)"):
        evaluate_indicator([3, 5], SCALE, Policy())


# --- The engine never imports Django ------------------------------------------------------------------------------


def test_engine_never_imports_django() -> None:
    import pkgutil

    import proficio.engine

    modules = [f"proficio.engine.{m.name}" for m in pkgutil.iter_modules(proficio.engine.__path__)]
    assert {"methods", "batch", "explain", "kernels", "grouping"} <= {m.rsplit(".", 1)[1] for m in modules}
    code = f"import sys, {', '.join(modules)}; print('django' in sys.modules)"
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert completed.stdout.strip() == "False"


def test_booleans_and_strings_are_not_scores() -> None:
    with pytest.raises(ValueError, match="score 2 is not a number"):
        compute("mean", [3, True])
    with pytest.raises(ValueError, match="score 1 is not a number"):
        compute("mean", ["3"])


def test_a_parameter_given_as_none_is_refused_not_defaulted() -> None:
    with pytest.raises(ValueError, match="decaying_average parameter 'w'"):
        compute("decaying_average", [2, 3], w=None)


def test_unknown_rollup_is_named_as_a_rollup() -> None:
    with pytest.raises(ValueError, match="'median' is not a known roll-up rule"):
        Policy(rollup="median")
