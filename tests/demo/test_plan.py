"""The demo district is deterministic for a seed and realistic in shape."""

from __future__ import annotations

from collections import Counter, defaultdict
from statistics import mean

import pytest

from proficio.demo import catalogue as cat
from proficio.demo.plan import SCHOOL_YEAR, SCHOOL_YEAR_END, SCHOOL_YEAR_START, DistrictPlan, build_plan


@pytest.fixture(scope="module")
def plan(full_plan: DistrictPlan) -> DistrictPlan:
    return full_plan


def _fingerprint(plan: DistrictPlan) -> tuple:
    return (
        [(s.person.username, s.grade, s.race_ethnicity, s.gender) for s in plan.students],
        [(g.person.username, g.student_keys) for g in plan.guardians],
        [(s.key, s.teacher, s.student_keys) for s in plan.sections],
        [(a.key, a.assessed_on, a.indicator_codes) for a in plan.assessments],
        [(s.student, s.assessment, s.indicator_code, s.value, s.corrected_to) for s in plan.scores],
        [(s.person.username, s.grade, s.cohort) for s in plan.past_students],
        plan.outcomes,
    )


def test_the_same_seed_gives_the_same_district(plan: DistrictPlan) -> None:
    assert _fingerprint(build_plan(seed=2026, students=1000)) == _fingerprint(plan)


def test_another_seed_gives_another_district(plan: DistrictPlan) -> None:
    assert _fingerprint(build_plan(seed=2027, students=1000)) != _fingerprint(plan)


def test_it_has_about_the_requested_number_of_students(plan: DistrictPlan) -> None:
    assert len(plan.students) == 1000
    assert len(build_plan(seed=1, students=250).students) == 250


def test_it_refuses_too_few_students() -> None:
    with pytest.raises(ValueError, match="at least 7"):
        build_plan(students=3)


def test_grades_fill_a_high_school_and_a_middle_school(plan: DistrictPlan) -> None:
    grades = Counter(s.grade for s in plan.students)
    assert set(grades) == {6, 7, 8, 9, 10, 11, 12}
    assert all(100 <= n <= 180 for n in grades.values())
    assert {s.school for s in plan.students if s.grade >= 9} == {"nhs"}
    assert {s.school for s in plan.students if s.grade <= 8} == {"nms"}


def test_demographics_are_a_realistic_mix(plan: DistrictPlan) -> None:
    n = len(plan.students)
    race = Counter(s.race_ethnicity for s in plan.students)
    assert len(race) == 7, "every federal race/ethnicity category is represented"
    assert 0.38 < race["white"] / n < 0.54
    assert 0.20 < race["hispanic"] / n < 0.34
    assert 0.35 < sum(s.economically_disadvantaged for s in plan.students) / n < 0.50
    assert 0.04 < sum(s.english_learner for s in plan.students) / n < 0.16
    assert 0.10 < sum(s.disability for s in plan.students) / n < 0.20
    genders = Counter(s.gender for s in plan.students)
    assert 0.42 < genders["female"] / n < 0.56 and genders["nonbinary"] > 0


def test_every_student_has_a_guardian_and_some_families_share_one(plan: DistrictPlan) -> None:
    guarded = Counter(key for g in plan.guardians for key in g.student_keys)
    assert set(guarded) == {s.person.key for s in plan.students}
    assert any(len(g.student_keys) > 1 for g in plan.guardians)


def test_no_student_or_teacher_is_in_two_places_at_once(plan: DistrictPlan) -> None:
    student_periods: dict[tuple[str, int], list[str]] = defaultdict(list)
    teacher_periods: dict[tuple[str, int], list[str]] = defaultdict(list)
    for section in plan.sections:
        teacher_periods[(section.teacher, section.school_year)].append(section.period)
        for key in section.student_keys:
            student_periods[(key, section.school_year)].append(section.period)
    assert all(len(p) == len(set(p)) for p in student_periods.values())
    assert all(len(p) == len(set(p)) for p in teacher_periods.values())
    assert all(len(p) in (6, 7) for p in student_periods.values())
    assert max(len(s.student_keys) for s in plan.sections) <= 30


def test_every_role_is_present(plan: DistrictPlan) -> None:
    assert {m.role for m in plan.staff} == {"district_admin", "school_leader", "teacher", "advisor", "coach"}
    advised = {student for _, student in plan.advisories}
    assert advised == {s.person.key for s in plan.students}


def test_assessments_span_the_school_year_and_mix_kinds(plan: DistrictPlan) -> None:
    this_year = {s.key for s in plan.sections if s.school_year == SCHOOL_YEAR}
    dates = [a.assessed_on for a in plan.assessments if a.section in this_year]
    assert min(dates) >= SCHOOL_YEAR_START and max(dates) <= SCHOOL_YEAR_END
    kinds = Counter(a.kind for a in plan.assessments)
    assert kinds["summative"] > kinds["formative"] > 0
    assert all(d.weekday() < 5 for d in dates)


def test_retakes_and_corrections_happen(plan: DistrictPlan) -> None:
    by_key = {a.key: a for a in plan.assessments}
    retakes = [a for a in plan.assessments if a.retake_of]
    assert retakes
    assert all(by_key[a.retake_of].assessed_on < a.assessed_on for a in retakes)
    corrected = [s for s in plan.scores if s.corrected_to is not None]
    assert 0.002 < len(corrected) / len(plan.scores) < 0.02
    assert all(s.corrected_to is not None and s.corrected_to != s.value and 1 <= s.corrected_to <= 4 for s in corrected)
    assert all(s.correction_reason for s in corrected)


def test_scores_use_the_whole_scale_and_students_grow(plan: DistrictPlan) -> None:
    academic = [s for s in plan.scores if not s.indicator_code.startswith("WH")]
    values = Counter(s.value for s in academic)
    assert set(values) == {1, 2, 3, 4}
    assert 0.35 < (values[3] + values[4]) / len(academic) < 0.75
    day = {a.key: a.assessed_on for a in plan.assessments}
    autumn = [s.value for s in academic if day[s.assessment].month in (9, 10)]
    spring = [s.value for s in academic if day[s.assessment].month in (4, 5)]
    assert mean(spring) - mean(autumn) > 0.4, "students gain levels over the year"


def test_some_students_struggle_and_some_excel(plan: DistrictPlan) -> None:
    by_student: dict[str, list[int]] = defaultdict(list)
    for s in plan.scores:
        if not s.indicator_code.startswith("WH"):
            by_student[s.student].append(s.value)
    means = [mean(v) for v in by_student.values()]
    assert sum(m < 2.2 for m in means) / len(means) > 0.05
    assert sum(m > 3.0 for m in means) / len(means) > 0.05


def test_assessments_align_to_indicators_of_their_content_area(plan: DistrictPlan) -> None:
    area_of = {i.code: s.content_area or s.kind for s in cat.ALL_STANDARDS for i in s.indicators}
    sections = {s.key: s for s in plan.sections}
    for assessment in plan.assessments[:500]:
        areas = {area_of[code] for code in assessment.indicator_codes}
        allowed = {sections[assessment.section].content_area, "cross_curricular", "work_habit"}
        assert areas <= allowed


def test_the_catalogue_meets_the_framework_shape() -> None:
    cat.validate_catalogue()
    assert len(cat.CROSS_CURRICULAR) == 6
    areas = Counter(s.content_area for s in cat.CONTENT_AREA_STANDARDS)
    assert len(areas) >= 5 and all(5 <= n <= 8 for n in areas.values())
    assert all(5 <= len(s.indicators) <= 10 for s in (*cat.CROSS_CURRICULAR, *cat.CONTENT_AREA_STANDARDS))


def test_a_test_can_ask_for_fewer_assessments_per_course() -> None:
    def per_section(plan: DistrictPlan, kind: str, year: int | None = None) -> set[int]:
        sections = {s.key for s in plan.sections if year is None or s.school_year == year}
        counts = Counter(
            a.section for a in plan.assessments if a.kind == kind and not a.retake_of and a.section in sections
        )
        return set(counts.values())

    full = build_plan(seed=3, students=30)
    few = build_plan(seed=3, students=30, summative_per_course=3, formative_per_course=0)
    assert per_section(full, "formative") == {6}
    assert per_section(few, "formative") == set()
    # This year, two semesters of work habits are summative too, on their own scale; earlier years keep their
    # summative evidence only.
    assert per_section(full, "summative", SCHOOL_YEAR) == {10 + 2}
    assert per_section(few, "summative", SCHOOL_YEAR) == {3 + 2}
    assert per_section(full, "summative", SCHOOL_YEAR - 1) == {10} and per_section(
        few, "summative", SCHOOL_YEAR - 1
    ) == {3}
    assert [s.person.username for s in few.students] == [s.person.username for s in full.students]
    assert len(few.scores) < len(full.scores) / 2


@pytest.mark.parametrize("counts", [{"summative_per_course": 0}, {"formative_per_course": -1}])
def test_impossible_assessment_counts_are_refused(counts: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="at least one summative"):
        build_plan(seed=3, students=30, **counts)
