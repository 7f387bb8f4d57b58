"""Graduation readiness, computed by hand on small sets of students: cohorts, on track, gaps, the at-risk list."""

from __future__ import annotations

from datetime import date

import pytest

from proficio.insights import readiness
from proficio.insights.readiness import ReadinessRow, Tally

SHARES = readiness.DEFAULT_ON_TRACK_SHARE
TODAY = date(2026, 3, 2)  # the school year ending in June 2026


def row(n: int, grade: int, met: int, *, required: int = 40, **groups: str) -> ReadinessRow:
    return ReadinessRow(n, f"Student {n:02d}", grade, met, required, ("SS.1",) if met < required else (), groups)


def test_a_cohort_is_the_class_a_student_graduates_with() -> None:
    assert readiness.cohort_of(12, TODAY) == 2026 and readiness.cohort_of(9, TODAY) == 2029
    assert readiness.cohort_of(9, date(2026, 8, 20)) == 2030  # a new school year starts in July


@pytest.mark.parametrize(("grade", "expected"), [(9, 0), (10, 10), (11, 20), (12, 30)])
def test_expected_standards_grow_with_the_grade(grade: int, expected: int) -> None:
    assert readiness.expected_by_now(40, grade, SHARES) == expected


def test_on_track_means_at_least_what_is_expected_by_now() -> None:
    assert row(1, 11, 20).on_track(SHARES) and not row(2, 11, 19).on_track(SHARES)
    assert readiness.expected_by_now(45, 10, SHARES) == 12  # 11.25 rounds up: at least


def test_each_groups_share_and_its_gap_to_all_students(settings: object) -> None:
    rows = [row(n, 12, 35 if n <= 8 else 10, race="White") for n in range(1, 13)]  # 8 of 12 on track
    rows += [row(n, 12, 31 if n <= 13 + 4 else 5, race="Hispanic or Latino") for n in range(13, 25)]  # 5 of 12
    [cohort] = readiness.cohorts(rows, TODAY, dimensions=["race"], minimum=10)
    assert cohort.cohort == 2026 and cohort.all_students == Tally(24, 13)
    figures = {figure.group: figure for figure in cohort.breakdowns["race"]}
    assert figures["White"].tally == Tally(12, 8) and figures["Hispanic or Latino"].tally == Tally(12, 5)
    assert figures["White"].gap == round((8 / 12 - 13 / 24) * 100, 1) == 12.5
    assert figures["Hispanic or Latino"].gap == -12.5


def test_a_small_group_is_hidden_with_its_complement_and_all_students_stay_shown() -> None:
    rows = [row(n, 11, 25, ell="no") for n in range(1, 21)] + [row(n, 11, 0, ell="yes") for n in range(21, 24)]
    [cohort] = readiness.cohorts(rows, TODAY, dimensions=["ell"], minimum=10)
    assert cohort.all_students == Tally(23, 20)
    assert {figure.group: figure.tally for figure in cohort.breakdowns["ell"]} == {"no": None, "yes": None}
    assert not cohort.any_group_shown


def test_students_without_a_recorded_group_are_a_group_of_their_own() -> None:
    rows = [row(n, 10, 12, gender="Female") for n in range(1, 12)] + [row(n, 10, 12) for n in range(12, 24)]
    [cohort] = readiness.cohorts(rows, TODAY, dimensions=["gender"], minimum=10)
    assert {figure.group for figure in cohort.breakdowns["gender"]} == {"Female", "not recorded"}


def test_cohorts_come_oldest_first() -> None:
    rows = [row(1, 9, 0), row(2, 12, 40), row(3, 10, 10)]
    assert [c.grade for c in readiness.cohorts(rows, TODAY, dimensions=[], minimum=10)] == [12, 10, 9]


def test_the_at_risk_list_is_the_students_not_on_track_furthest_behind_first() -> None:
    rows = [row(1, 12, 29), row(2, 12, 5), row(3, 11, 25), row(4, 10, 3)]
    assert [r.student_id for r in readiness.at_risk(rows)] == [2, 4, 1]  # 25 short, 7 short, 1 short


@pytest.mark.django_db
def test_the_district_counts_in_sql_exactly_what_the_school_page_counts_student_by_student() -> None:
    from proficio.insights import district
    from tests.factories import make_world
    from tests.insights.test_views import _seniors

    world = make_world()
    _seniors(world)
    today = date(2026, 12, 4)
    by_rows = readiness.cohorts(
        readiness.load_rows([world.school.pk]), today, dimensions=readiness.DIMENSIONS, minimum=10
    )
    in_sql = district.cohorts([world.school.pk], today, dimensions=readiness.DIMENSIONS, minimum=10)
    assert in_sql == by_rows and by_rows[0].all_students == readiness.Tally(14, 11)
    [line] = district.school_lines([world.school])
    assert (line.tally, line.at_risk) == (readiness.Tally(14, 11), 3)


@pytest.mark.django_db
def test_the_students_furthest_behind_come_from_the_database_in_the_at_risk_order() -> None:
    from proficio.insights import district
    from tests.factories import make_world
    from tests.insights.test_views import _seniors

    world = make_world()
    _seniors(world)
    expected = readiness.at_risk(readiness.load_rows([world.school.pk]))
    total, first = district.furthest_behind([world.school.pk], limit=2)
    assert total == len(expected) == 3 and first == expected[:2]


@pytest.mark.django_db
def test_classes_are_counted_from_the_last_school_year_until_the_district_begins_a_new_one() -> None:
    from proficio.roster.models import AcademicSession
    from tests.factories import make_world

    world = make_world()  # its school year runs 2025-08-27 to 2026-06-12
    december = date(2026, 12, 4)
    assert readiness.school_day([world.school.pk], december) == date(2026, 6, 12)
    assert readiness.cohort_of(12, readiness.school_day([world.school.pk], december)) == 2026
    AcademicSession.objects.create(
        district=world.district,
        title="2026–27",
        kind=AcademicSession.Kind.SCHOOL_YEAR,
        school_year=2027,
        start_date=date(2026, 8, 26),
        end_date=date(2027, 6, 11),
    )
    assert readiness.cohort_of(12, readiness.school_day([world.school.pk], december)) == 2027
