"""Coaching figures by hand: days planned (a range or one number) and used per phase, sessions outside a phase's
dates left out, the pace expected by a day, the focus tally, and the network's order (furthest behind first)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from proficio.programs import coaching
from proficio.programs.coaching import PhasePlan, Session

DESIGN = PhasePlan(1, "Cohort 1", "Design year", date(2024, 8, 1), date(2025, 6, 30), 4, 4)
YEAR_1 = PhasePlan(2, "Cohort 1", "Implementation year 1", date(2025, 7, 1), date(2026, 6, 30), 60, 60)
YEAR_2 = PhasePlan(3, "Cohort 1", "Implementation year 2", date(2026, 7, 1), date(2027, 6, 30), 20, 30)


def _session(day: date, days: str, *areas: str, school_id: int = 1) -> Session:
    return Session(school_id, day, Decimal(days), areas)


SESSIONS = [
    _session(date(2024, 7, 31), "1"),  # the day before the design year: in no phase
    _session(date(2024, 8, 1), "1", "policy"),  # the design year's first day
    _session(date(2025, 6, 30), "0.5", "policy", "capacity_building"),  # its last day
    _session(date(2025, 7, 1), "2", "community_engagement"),  # year 1's first day
    _session(date(2026, 9, 15), "1.5", "capacity_building"),
]


def test_a_range_of_days_planned_reads_as_a_range_and_one_number_as_itself() -> None:
    assert (YEAR_2.planned, YEAR_1.planned, DESIGN.planned) == ("20–30", "60", "4")


def test_days_used_are_the_sessions_within_the_phase_both_ends_included() -> None:
    assert coaching.days_used(SESSIONS, DESIGN) == Decimal("1.5")  # 1 + 0.5; the day before is left out
    assert coaching.days_used(SESSIONS, YEAR_1) == Decimal(2)
    assert coaching.days_used(SESSIONS, YEAR_2) == Decimal("1.5")
    assert coaching.days_used([], YEAR_2) == Decimal(0)


def test_the_pace_spreads_the_planned_minimum_over_the_phase_s_days() -> None:
    # Year 2 has 365 days; by 2026-09-15 (77 days in, counting the first) 20 × 77 / 365 = 4.219… days.
    assert abs(coaching.expected_by(YEAR_2, date(2026, 9, 15)) - 20 * 77 / 365) < 1e-9
    assert coaching.expected_by(YEAR_2, date(2026, 6, 30)) == 0.0  # not begun
    assert coaching.expected_by(YEAR_2, date(2027, 8, 1)) == 20.0  # ended: the whole minimum


def test_a_phase_s_use_has_its_share_of_the_minimum_and_the_days_behind() -> None:
    use = coaching.phase_use(SESSIONS, YEAR_2, date(2026, 9, 15))
    assert (use.used, use.sessions, use.is_current) == (Decimal("1.5"), 1, True)
    assert use.share == 1.5 / 20
    assert abs(use.behind - (20 * 77 / 365 - 1.5)) < 1e-9
    ended = coaching.phase_use(SESSIONS, YEAR_1, date(2026, 9, 15))
    assert (ended.is_current, ended.share, ended.behind) == (False, 2 / 60, 58.0)


def test_no_share_when_no_day_is_planned() -> None:
    nothing = PhasePlan(4, "Cohort 2", "Design year", date(2026, 1, 1), date(2026, 12, 31), 0, 0)
    assert coaching.phase_use(SESSIONS, nothing, date(2026, 9, 15)).share is None


def test_the_current_phase_then_the_earlier_ones_and_none_to_come() -> None:
    assert coaching.current_and_earlier([DESIGN, YEAR_1, YEAR_2], date(2026, 1, 10)) == [YEAR_1, DESIGN]
    assert coaching.current_and_earlier([DESIGN, YEAR_1, YEAR_2], date(2024, 1, 1)) == []


def test_the_focus_tally_counts_a_session_s_days_for_each_of_its_areas() -> None:
    tally = coaching.focus_tally(SESSIONS)
    assert list(tally) == ["policy", "capacity_building", "community_engagement"]
    assert tally == {
        "policy": Decimal("1.5"),  # 1 + 0.5
        "capacity_building": Decimal(2),  # 0.5 + 1.5
        "community_engagement": Decimal(2),
    }
    assert coaching.focus_tally([_session(date(2026, 1, 1), "1", "policy", "policy")])["policy"] == Decimal(1)


def _school(school_id: int, name: str, plans: list[PhasePlan], sessions: list[Session]) -> coaching.SchoolCoaching:
    return coaching.school_coaching(
        school_id=school_id, school=name, coaches=["C. Coach"], plans=plans, sessions=sessions, today=date(2026, 9, 15)
    )


def test_the_network_lists_the_schools_furthest_behind_first_and_schools_in_no_phase_last() -> None:
    # On 2026-09-15 year 2 expects 4.22 days: A used 1.5 (2.72 behind), B used 6 (ahead), C used 0 (4.22 behind).
    a = _school(1, "A school", [YEAR_1, YEAR_2], [_session(date(2026, 9, 1), "1.5", school_id=1)])
    b = _school(2, "B school", [YEAR_2], [_session(date(2026, 8, 1), "6", school_id=2)])
    c = _school(3, "C school", [YEAR_2], [_session(date(2026, 6, 1), "3", school_id=3)])  # before the phase
    d = _school(4, "D school", [], [])
    ordered = coaching.furthest_behind_first([d, b, a, c])
    assert [row.school for row in ordered] == ["C school", "A school", "B school", "D school"]
    assert (c.use is not None and c.use.used, c.last_session, d.use, d.cohort) == (0, date(2026, 6, 1), None, None)
    assert a.cohort == "Cohort 1"
    sentence = coaching.overview_alternative(ordered)
    assert sentence.startswith("Of 3 schools in a phase today, 2 are behind the pace of their planned minimum")
    assert "C school, has used 0 of 20–30 planned days where 4 were expected by today" in sentence


def test_the_chart_has_a_bar_per_school_in_a_phase() -> None:
    rows = [_school(1, "A school", [YEAR_2], []), _school(2, "B school", [], [])]
    spec = coaching.overview_chart_spec(rows)
    assert spec is not None
    assert [v["school"] for v in spec["data"]["values"]] == ["A school"]
    assert coaching.overview_chart_spec([rows[1]]) is None


def test_the_focus_lines_give_this_phase_beside_all_sessions_in_words() -> None:
    lines = coaching.focus_lines(SESSIONS, YEAR_1)
    assert [(line.label, line.this_phase, line.in_all) for line in lines] == [
        ("Policy", Decimal(0), Decimal("1.5")),
        ("Capacity building", Decimal(0), Decimal(2)),
        ("Community engagement", Decimal(2), Decimal(2)),
    ]
    assert {line.this_phase for line in coaching.focus_lines(SESSIONS, None)} == {None}
    assert coaching.focus_labels(["policy", "capacity_building"]) == "Policy, Capacity building"
