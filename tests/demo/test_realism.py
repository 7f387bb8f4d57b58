"""The default demo district holds several years, and its leaders' figures look like a real high school's.

Readiness is computed from the full-size plan by ``standing.py`` (test_writer.py checks, on a written
district, that it agrees with the graduation statuses the dashboards read); outcomes are the plan's own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import pairwise
from statistics import mean

import pytest

from proficio.demo import catalogue as cat
from proficio.demo import curriculum
from proficio.demo.calendar import school_days, school_year
from proficio.demo.history import PAST_YEARS, grade_in
from proficio.demo.plan import SCHOOL_YEAR, DistrictPlan
from proficio.demo.records import OutcomePlan, PastStudentPlan, StudentPlan
from tests.demo.standing import REQUIRED, at_risk, standards_met

GROUPS = ("economically_disadvantaged", "english_learner", "disability")


@pytest.fixture(scope="module")
def met(full_plan: DistrictPlan) -> dict[str, int]:
    return standards_met(full_plan)


def _share_at_risk(students: list[StudentPlan], met: dict[str, int]) -> float:
    return mean(at_risk(s.grade, met[s.person.key]) for s in students)


def test_seniors_have_met_most_of_their_required_standards(full_plan: DistrictPlan, met: dict[str, int]) -> None:
    seniors = [s for s in full_plan.students if s.grade == 12]
    assert mean(met[s.person.key] for s in seniors) / len(REQUIRED) >= 0.6
    # Each year of high school adds standards met.
    by_grade = {g: mean(met[s.person.key] for s in full_plan.students if s.grade == g) for g in (9, 10, 11, 12)}
    assert by_grade[9] < by_grade[10] < by_grade[11] < by_grade[12]


def test_a_minority_is_at_risk_in_each_grade_from_10(full_plan: DistrictPlan, met: dict[str, int]) -> None:
    for grade in (10, 11, 12):
        share = _share_at_risk([s for s in full_plan.students if s.grade == grade], met)
        assert 0.05 < share < 0.4, (grade, share)
    assert _share_at_risk([s for s in full_plan.students if s.grade == 9], met) == 0  # nothing expected yet


def test_students_in_groups_the_school_serves_less_well_are_more_often_at_risk(
    full_plan: DistrictPlan, met: dict[str, int]
) -> None:
    students = [s for s in full_plan.students if s.grade >= 10]
    with_disability = [s for s in students if s.disability]
    others = [s for s in students if not s.disability]
    assert _share_at_risk(with_disability, met) > _share_at_risk(others, met) + 0.08
    in_a_group = [s for s in students if any(getattr(s, g) for g in GROUPS)]
    in_none = [s for s in students if not any(getattr(s, g) for g in GROUPS)]
    assert _share_at_risk(in_a_group, met) > _share_at_risk(in_none, met)


def _rates(outcomes: list[OutcomePlan]) -> tuple[float, float, float]:
    """Graduation and dropout over the adjusted cohort, postsecondary over graduates with a known answer."""
    adjusted = [o for o in outcomes if o.outcome != "transferred"]
    graduates = [o for o in adjusted if o.outcome == "graduated"]
    known = [o for o in graduates if o.postsecondary is not None]
    return (
        len(graduates) / len(adjusted),
        sum(o.outcome == "dropped_out" for o in adjusted) / len(adjusted),
        sum(bool(o.postsecondary) for o in known) / len(known),
    )


def test_past_classes_graduate_near_the_network_targets(full_plan: DistrictPlan) -> None:
    assert sorted({o.cohort for o in full_plan.outcomes}) == [2023, 2024, 2025]
    assert set(Counter(o.outcome for o in full_plan.outcomes)) == {
        "graduated",
        "dropped_out",
        "transferred",
        "still_enrolled",
    }
    graduation, dropout, postsecondary = _rates(full_plan.outcomes)
    assert 0.85 <= graduation <= 0.97
    assert 0.02 <= dropout <= 0.09
    assert 0.65 <= postsecondary <= 0.9
    sizes = Counter(o.cohort for o in full_plan.outcomes)
    assert all(120 <= n <= 180 for n in sizes.values()), "a class is about the size of a grade"


def test_outcomes_differ_between_groups(full_plan: DistrictPlan) -> None:
    people: dict[str, StudentPlan | PastStudentPlan] = {s.person.key: s for s in full_plan.students}
    people.update({s.person.key: s for s in full_plan.past_students})

    def graduation(keep: Callable[[str], bool]) -> float:
        return _rates([o for o in full_plan.outcomes if keep(o.student)])[0]

    def disability(key: str) -> bool:
        return people[key].disability

    assert graduation(disability) < graduation(lambda key: not disability(key)) - 0.03
    in_a_group = graduation(lambda key: any(getattr(people[key], g) for g in GROUPS))
    assert in_a_group < graduation(lambda key: not any(getattr(people[key], g) for g in GROUPS))


def test_only_the_latest_class_has_students_still_enrolled_and_they_are_seniors(full_plan: DistrictPlan) -> None:
    still = {o.student for o in full_plan.outcomes if o.outcome == "still_enrolled"}
    assert still and {o.cohort for o in full_plan.outcomes if o.student in still} == {SCHOOL_YEAR - 1}
    fifth_years = {s.person.key for s in full_plan.students if s.cohort != SCHOOL_YEAR + 12 - s.grade}
    assert fifth_years == still
    assert all(s.grade == 12 for s in full_plan.students if s.person.key in still)
    assert not still & {s.person.key for s in full_plan.past_students}
    assert all(o.postsecondary is None for o in full_plan.outcomes if o.outcome != "graduated")


def test_students_carry_their_earlier_high_school_years(full_plan: DistrictPlan) -> None:
    years: dict[str, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for section in full_plan.sections:
        for key in section.student_keys:
            years[key][section.school_year].add(section.grade)
    for student in full_plan.students:
        earlier = {y: g for y, g in years[student.person.key].items() if y < SCHOOL_YEAR}
        expected = {
            y: {grade_in(student, y)}
            for y in range(SCHOOL_YEAR - PAST_YEARS, SCHOOL_YEAR)
            if student.school == "nhs" and grade_in(student, y) >= 9
        }
        assert earlier == expected, student.person.key
    seniors = [s for s in full_plan.students if s.grade == 12 and s.cohort == SCHOOL_YEAR]
    assert all(len(years[s.person.key]) == PAST_YEARS + 1 for s in seniors)


def test_earlier_evidence_lies_within_its_own_school_year(full_plan: DistrictPlan) -> None:
    year_of = {s.key: s.school_year for s in full_plan.sections}
    days = {y: set(school_days(school_year(y).start, school_year(y).end)) for y in full_plan.school_years}
    for assessment in full_plan.assessments:
        year = year_of[assessment.section]
        if year < SCHOOL_YEAR:
            assert assessment.assessed_on in days[year] and assessment.kind == "summative"


def test_the_calendar_keeps_the_current_year_and_repeats_it_for_earlier_ones() -> None:
    year = school_year(SCHOOL_YEAR)
    assert (year.start.isoformat(), year.end.isoformat(), year.title) == ("2025-08-27", "2026-06-12", "2025–26")
    assert [(t.start.isoformat(), t.end.isoformat()) for t in year.quarters] == [
        ("2025-08-27", "2025-10-31"),
        ("2025-11-03", "2026-01-23"),
        ("2026-01-26", "2026-03-27"),
        ("2026-03-30", "2026-06-12"),
    ]
    for number in range(SCHOOL_YEAR - PAST_YEARS, SCHOOL_YEAR + 1):
        calendar = school_year(number)
        terms = calendar.quarters
        assert terms[0].start == calendar.start == calendar.semesters[0].start and terms[-1].end == calendar.end
        assert all(a.end < b.start for a, b in pairwise(terms))
        assert calendar.semesters[0].end == terms[1].end and calendar.semesters[1].start == terms[2].start
        assert all(day.weekday() < 5 for day in school_days(calendar.start, calendar.end))


def test_the_curriculum_map_teaches_every_required_indicator() -> None:
    taught: set[str] = set()
    for grade in curriculum.HIGH_SCHOOL_GRADES:
        for area in curriculum.areas_for_grade(grade):
            codes = curriculum.area_indicators(area, grade)
            assert {c.split(".")[0] for c in codes} == {cat.CONTENT_AREA_PREFIXES[area]}
            taught.update(codes, curriculum.cross_curricular_indicators(area, grade))
    assert taught == {indicator.code for standard in REQUIRED for indicator in standard.indicators}
