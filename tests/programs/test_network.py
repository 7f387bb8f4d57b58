"""The network's figures by hand: Table 1's entitlements in words, the grid across schools on a small fixture
(three schools, four activities, one not for middle schools), and the attendance matrix."""

from __future__ import annotations

from decimal import Decimal

from proficio.programs import grid
from proficio.programs import network as figures
from proficio.programs.coaching import coaching_days_text

# Three schools; school 3 is a middle school, for which activity 4 does not apply.
SCHOOLS = [(1, "Alder High"), (2, "Birch High"), (3, "Cedar Middle")]
ACTIVITIES = [
    (1, "Bandwidth for every classroom.", "technical"),
    (2, "A proficiency-based transcript.", "technical"),
    (3, "Students lead their conferences.", "adaptive"),
    (4, "Graduation by proficiency.", "adaptive"),
]
C, P, N, NA = "complete", "in_progress", "not_started", "not_applicable"
CELLS = [
    grid.Cell(1, 1, C),
    grid.Cell(1, 2, C),
    grid.Cell(1, 3, P),
    grid.Cell(1, 4, C),
    grid.Cell(2, 1, C),
    grid.Cell(2, 2, P),
    grid.Cell(2, 3, N),  # and no status at all on activity 4: not started
    grid.Cell(3, 1, C),
    grid.Cell(3, 2, N),
    grid.Cell(3, 3, P),
    grid.Cell(3, 4, NA),
]


def _analytics() -> figures.GridAnalytics:
    return figures.grid_analytics(cells=CELLS, schools=SCHOOLS, activities=ACTIVITIES, priorities={1: 2, 3: 1})


def test_coaching_days_read_as_a_range_or_a_number() -> None:
    assert coaching_days_text(20, 30) == "20–30"
    assert coaching_days_text(60, 60) == "60"
    assert coaching_days_text(0, 0) == "—"


def test_a_grant_reads_in_dollars_or_a_dash_when_none() -> None:
    assert figures.grant_text(Decimal("25000.00")) == "$25,000"
    assert figures.grant_text(Decimal("1250.5")) == "$1,250.50"
    assert figures.grant_text(Decimal(0)) == "—"


def test_the_thresholds_are_the_reports_11_and_17_of_21_in_shares() -> None:
    assert figures.thresholds(21) == (11, 17)
    assert figures.thresholds(4) == (2, 4)
    assert figures.thresholds(5) == (3, 4)
    assert figures.thresholds(0) == ()


def test_each_school_counts_complete_of_those_that_apply_and_in_progress() -> None:
    lines = {line.school_id: line for line in _analytics().schools}
    assert (str(lines[1].completion), lines[1].in_progress) == ("3/4", 1)
    assert (str(lines[2].completion), lines[2].in_progress) == ("1/4", 1)
    assert (str(lines[3].completion), lines[3].in_progress) == ("1/3", 1)  # activity 4 does not apply
    assert [line.school_id for line in _analytics().schools] == [1, 2, 3]  # most complete first, then by name


def test_schools_at_least_count_complete_activities() -> None:
    assert [(a.complete, a.schools) for a in _analytics().at_least] == [(2, 1), (4, 0)]


def test_activities_rank_by_share_of_the_schools_they_apply_to_with_their_priorities() -> None:
    ranked = _analytics().ranked
    assert [(r.rank, r.number, str(r.completion), r.priorities) for r in ranked] == [
        (1, 1, "3/3", 2),
        (2, 4, "1/2", 0),  # the middle school marked it not applicable
        (3, 2, "1/3", 0),
        (4, 3, "0/3", 1),
    ]
    assert ranked[0].change_label == "Technical" and ranked[-1].change_label == "Adaptive"


def test_the_most_and_least_completed_are_half_the_activities_at_most_five() -> None:
    analytics = _analytics()
    assert [line.number for line in analytics.highest] == [1, 4]
    assert [line.number for line in analytics.lowest] == [3, 2]  # the least completed first
    assert figures.kinds_sentence(analytics) == (
        "Of the 2 most completed activities, 1 is technical; of the 2 least completed, 1 is adaptive."
    )


def test_the_chart_has_a_bar_per_activity_in_rank_order_coloured_by_kind() -> None:
    spec = figures.chart_spec(_analytics())
    assert spec is not None
    values = spec["data"]["values"]
    assert [(v["activity"], v["share"], v["kind"]) for v in values] == [
        ("(1)", 100.0, "Technical"),
        ("(4)", 50.0, "Adaptive"),
        ("(2)", 33.3, "Technical"),
        ("(3)", 0.0, "Adaptive"),
    ]
    mark = spec["mark"]
    assert (mark["type"] if isinstance(mark, dict) else mark) == "bar"


def test_no_activities_give_no_chart_and_a_sentence_saying_so() -> None:
    empty = figures.grid_analytics(cells=[], schools=SCHOOLS, activities=[], priorities={})
    assert figures.chart_spec(empty) is None
    assert empty.highest == () and empty.at_least == ()
    assert "too few activities" in figures.kinds_sentence(empty)


def test_the_attendance_matrix_shows_who_came_to_which_event() -> None:
    rows = figures.attendance_matrix(schools=SCHOOLS[:2], event_ids=[10, 11], attendance={(10, 1): 3, (11, 2): 1})
    assert [(r.school_id, r.cells, r.came) for r in rows] == [(1, (3, None), 1), (2, (None, 1), 1)]
