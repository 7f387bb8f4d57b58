"""Small-group suppression: no group of fewer than the minimum is shown, not even by subtraction from a total."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from proficio.insights.suppression import hidden_groups


def test_a_small_group_and_the_smallest_other_are_hidden_so_neither_can_be_subtracted() -> None:
    # total 45 shown: hiding only "C" (5) would leave it as 45 − 25 − 15
    assert hidden_groups({"A": 25, "B": 15, "C": 5}, minimum=10) == {"C", "B"}


def test_two_small_groups_protect_each_other() -> None:
    assert hidden_groups({"A": 40, "B": 30, "C": 4, "D": 6}, minimum=10) == {"C", "D"}


def test_large_groups_are_all_shown() -> None:
    assert hidden_groups({"A": 12, "B": 10}, minimum=10) == set()


def test_an_empty_group_hides_nothing_and_reveals_nothing() -> None:
    assert hidden_groups({"A": 30, "B": 0, "C": 3}, minimum=10) == {"C", "A"}


def test_the_minimum_is_configurable() -> None:
    assert hidden_groups({"A": 12, "B": 8}, minimum=5) == set()
    assert hidden_groups({"A": 12, "B": 8}, minimum=20) == {"A", "B"}


@given(
    st.dictionaries(st.sampled_from("ABCDEFG"), st.integers(min_value=0, max_value=60), min_size=1), st.integers(1, 20)
)
def test_no_hidden_group_can_be_recovered_from_the_total_and_the_shown_groups(
    counts: dict[str, int], minimum: int
) -> None:
    hidden = hidden_groups(counts, minimum=minimum)
    assert all(counts[group] >= minimum for group in counts if group not in hidden and counts[group] > 0)
    assert all(counts[group] > 0 for group in hidden)
    # total − shown = the hidden groups' sum; it identifies no single group when at least two are hidden (a
    # breakdown with one group is all students, whose total is shown anyway)
    assert len(hidden) != 1 or sum(1 for n in counts.values() if n > 0) == 1
