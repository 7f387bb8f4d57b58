"""Grading consistency, by hand: the levels each teacher first gave on one course and indicator, and who is
far from peers; leaders see names, a teacher only their own place against unnamed colleagues."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from proficio.accounts.models import Membership, Role
from proficio.evidence.models import Assessment, Score
from proficio.insights.consistency import GivenScore, spreads
from proficio.roster.models import Enrollment, Section, Student
from tests.factories import make_user, make_world
from tests.insights.test_views import _client, _member


def given(teacher: int, *values: float, course: str = "English 9", indicator: str = "ELA.1.1") -> list[GivenScore]:
    return [GivenScore(course, indicator, teacher, value) for value in values]


def test_a_teacher_far_from_the_others_is_flagged_with_the_difference() -> None:
    scores = given(1, *[3.0] * 8, *[4.0] * 4) + given(2, *[2.0] * 6, *[3.0] * 6) + given(3, *[2.0] * 5, *[3.0] * 7)
    [spread] = spreads(scores, minimum=10, threshold=0.5)
    by_teacher = {t.teacher_id: t for t in spread.teachers}
    assert by_teacher[1].mean == 3.33 and by_teacher[1].others_mean == 2.54 and by_teacher[1].flagged
    assert by_teacher[1].difference == 0.79 and by_teacher[1].levels == {3.0: 8, 4.0: 4}
    assert not by_teacher[2].flagged and not by_teacher[3].flagged
    assert spread.levels == [2.0, 3.0, 4.0]


def test_too_few_scores_flag_nobody_and_a_lone_teacher_has_no_spread() -> None:
    assert not any(t.flagged for t in spreads(given(1, 4.0, 4.0) + given(2, 1.0, 1.0), minimum=10)[0].teachers)
    assert spreads(given(1, *[3.0] * 20)) == []
    assert len(spreads(given(1, 3.0) + given(2, 3.0, indicator="ELA.1.2"))) == 0  # different indicators


pytestmark = pytest.mark.django_db


def test_leaders_see_names_and_a_teacher_sees_only_colleagues_unnamed() -> None:
    world = make_world()
    other = make_user(f"other.{world.district.pk}", first_name="Olga", last_name="Other")
    Membership.objects.create(user=other, role=Role.TEACHER, school=world.school)
    second = Section.objects.create(course=world.section.course, session=world.section.session, name="P2", period="2")
    Enrollment.objects.create(section=second, user=other, role=Enrollment.Role.TEACHER, primary=True)
    for section, teacher, value in ((world.section, world.teacher, Decimal(4)), (second, other, Decimal(2))):
        assessment = Assessment.objects.create(
            section=section, title="Essay", kind=Assessment.Kind.SUMMATIVE, assessed_on=date(2025, 10, 1)
        )
        assessment.indicators.set([world.indicator])
        for n in range(10):
            user = make_user(f"s{section.pk}-{n}.{world.district.pk}")
            student = Student.objects.create(
                user=user, school=world.school, student_number=f"{section.pk}-{n}", grade=9
            )
            Enrollment.objects.create(section=section, user=user, role=Enrollment.Role.STUDENT)
            Score.objects.create(
                student=student, indicator=world.indicator, assessment=assessment, value=value, scorer=teacher
            )
    leader = _client(_member(world, "leader", Role.SCHOOL_LEADER))
    html = leader.get(f"/insights/schools/{world.school.pk}/consistency/").content.decode()
    assert "Tess Teacher" in html and "Olga Other" in html and html.count("far from peers</span>") == 3  # 1 legend
    mine = _client(world.teacher).get("/insights/my-grading/").content.decode()
    assert "You (10 scores)" in mine and "Colleagues" in mine and "Olga" not in mine
    assert "far from colleagues" in mine
    coach = _client(_member(world, "coach", Role.COACH))
    assert coach.get(f"/insights/schools/{world.school.pk}/consistency/").status_code == 404


def test_final_levels_count_each_scored_student_once_at_the_level_the_engine_holds_now() -> None:
    from proficio.insights.consistency import final_levels
    from proficio.proficiency.models import IndicatorResult

    world = make_world()
    second = Assessment.objects.create(
        section=world.section, title="Retake", kind=Assessment.Kind.SUMMATIVE, assessed_on=date(2025, 11, 1)
    )
    second.indicators.set([world.indicator])
    world.assessment.indicators.add(world.other_indicator)
    for assessment, value in ((world.assessment, Decimal(1)), (second, Decimal(3))):
        Score.objects.create(
            student=world.student, indicator=world.indicator, assessment=assessment, value=value, scorer=world.teacher
        )
    Score.objects.create(  # scored, but (below) with no level yet on this indicator: left out
        student=world.student,
        indicator=world.other_indicator,
        assessment=world.assessment,
        value=Decimal(2),
        scorer=world.teacher,
    )
    level = world.framework.scale.levels.get(value=3)
    IndicatorResult.objects.filter(student=world.student, indicator=world.indicator).update(level=level)
    IndicatorResult.objects.filter(student=world.student, indicator=world.other_indicator).update(level=None)
    assert final_levels([world.school.pk]) == [GivenScore("English 9", "ELA.1.1", world.teacher.pk, 3.0)]
    leader = _client(_member(world, "leader", Role.SCHOOL_LEADER))
    html = leader.get(f"/insights/schools/{world.school.pk}/consistency/?measure=final").content.decode()
    assert "Comparing <strong>final levels of the students each teacher scored</strong>" in html


def test_the_pages_compare_this_school_year_s_scores_only() -> None:
    from proficio.insights import readiness
    from proficio.insights.consistency import given_scores

    world = make_world()
    last_year = Assessment.objects.create(
        section=world.section, title="Old essay", kind=Assessment.Kind.SUMMATIVE, assessed_on=date(2025, 3, 1)
    )
    last_year.indicators.set([world.indicator])
    for assessment, value in ((last_year, Decimal(1)), (world.assessment, Decimal(3))):
        Score.objects.create(
            student=world.student, indicator=world.indicator, assessment=assessment, value=value, scorer=world.teacher
        )
    since = readiness.school_year_start([world.school.pk], date(2026, 12, 4))
    assert since == date(2025, 8, 27)
    assert [s.value for s in given_scores([world.school.pk], since)] == [3.0]
    assert sorted(s.value for s in given_scores([world.school.pk])) == [1.0, 3.0]
