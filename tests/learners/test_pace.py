"""The pace rule on its own: share of the path proficient against share of the term gone by."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from proficio.learners.pace import ORDER, PaceLabel, elapsed_share, pace, pace_label

START, END = date(2025, 9, 1), date(2026, 1, 31)  # 152 days


def test_half_way_through_the_term_with_half_the_path_is_on_pace() -> None:
    p = pace(5, 10, start=START, end=END, today=START + timedelta(days=76))
    assert p.label == PaceLabel.ON_PACE
    assert (p.done_percent, p.elapsed_percent) == (50, 50)


def test_nothing_proficient_late_in_the_term_is_behind_and_off_pace() -> None:
    p = pace(1, 10, start=START, end=END, today=date(2026, 1, 10))
    assert p.label == PaceLabel.BEHIND
    assert p.off_pace


def test_most_of_the_path_early_in_the_term_is_ahead() -> None:
    assert pace(8, 10, start=START, end=END, today=date(2025, 10, 1)).label == PaceLabel.AHEAD


def test_an_empty_path_has_no_pace() -> None:
    p = pace(0, 0, start=START, end=END, today=date(2025, 12, 1))
    assert p.label is None
    assert not p.off_pace


def test_the_term_share_is_clamped_before_and_after_the_term() -> None:
    assert elapsed_share(START, END, START - timedelta(days=30)) == 0.0
    assert elapsed_share(START, END, END + timedelta(days=30)) == 1.0


def test_more_proficient_than_the_path_holds_is_refused() -> None:
    with pytest.raises(ValueError):
        pace(11, 10, start=START, end=END, today=START)


shares = st.floats(min_value=0, max_value=1, allow_nan=False)


@given(a=shares, b=shares, elapsed=shares)
def test_more_proficient_never_means_a_worse_label(a: float, b: float, elapsed: float) -> None:
    low, high = sorted((a, b))
    assert ORDER[pace_label(low, elapsed)] <= ORDER[pace_label(high, elapsed)]


@given(done=shares, a=shares, b=shares)
def test_later_in_the_term_never_means_a_better_label(done: float, a: float, b: float) -> None:
    early, late = sorted((a, b))
    assert ORDER[pace_label(done, late)] <= ORDER[pace_label(done, early)]


@given(
    proficient=st.integers(0, 40),
    extra=st.integers(0, 40),
    days=st.integers(-60, 260),
)
def test_pace_stays_within_its_bounds(proficient: int, extra: int, days: int) -> None:
    total = proficient + extra
    p = pace(proficient, total, start=START, end=END, today=START + timedelta(days=days))
    assert 0 <= p.elapsed <= 1
    assert 0 <= p.done <= 1
    assert (p.label is None) == (total == 0)
