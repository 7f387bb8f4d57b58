"""The teacher lays out a section's path; a student walks it at their pace; the advisor sees who needs help."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from proficio.evidence.services import record_score
from proficio.learners.models import Goal, PathStep
from proficio.learners.pace import PaceLabel
from proficio.learners.services import advisee_rows, student_path
from proficio.roster.models import Student
from proficio.standards.models import LearningObjective
from tests.learners.conftest import School

pytestmark = pytest.mark.django_db


def test_the_teacher_builds_a_path_with_a_choice_board(school: School) -> None:
    a = school.a
    objective = LearningObjective.objects.create(indicator=a.other_indicator, code="ELA.1.2.a", statement="Quote.")
    url = reverse("learning-path", args=[a.section.pk])
    teacher = school.client("teacher")
    assert teacher.post(url, {"item": f"i:{a.indicator.pk}"}).status_code == 302
    assert teacher.post(url, {"item": f"o:{objective.pk}"}).status_code == 302
    assert teacher.post(url, {"item": f"i:{a.habit_indicator.pk}"}).status_code == 400  # work habits stay apart
    first, second = PathStep.objects.filter(section=a.section)
    assert (first.indicator, second.indicator, second.objective) == (a.indicator, a.other_indicator, objective)
    teacher.post(reverse("learning-path-step", args=[a.section.pk]), {"step": second.pk, "action": "up"})
    assert list(PathStep.objects.filter(section=a.section)) == [second, first]
    option = {"step": first.pk, "title": "Annotated model essay", "kind": "read", "link": "https://example.org/essay"}
    assert teacher.post(reverse("learning-path-option", args=[a.section.pk]), option).status_code == 302
    assert first.options.get().title == "Annotated model essay"
    page = school.client("student").get(url).content.decode()
    assert page.index(a.other_indicator.code) < page.index(a.indicator.code)
    assert "Annotated model essay" in page and "Show what I know" in page
    assert school.client("other_teacher").post(url, {"item": f"i:{a.indicator.pk}"}).status_code == 404
    assert school.client("classmate").get(url).status_code == 404  # not their section
    assert school.client("school_leader").get(url).status_code == 200


def test_the_students_path_shows_levels_and_pace(school: School) -> None:
    a = school.a
    PathStep.objects.create(section=a.section, indicator=a.indicator, position=1)
    PathStep.objects.create(section=a.section, indicator=a.other_indicator, position=2)
    record_score(student=a.student, indicator=a.indicator, value=3, scorer=a.teacher, assessment=a.assessment)
    # The school year runs Aug 27 – Jun 12: on Jan 20 about 60% is gone, and half the path is proficient.
    rows, pace = student_path(a.section, a.student, today=date(2026, 1, 20))
    assert [r.proficient for r in rows] == [True, False]
    assert (pace.proficient, pace.total, pace.label) == (1, 2, PaceLabel.ON_PACE)
    _, late = student_path(a.section, a.student, today=date(2026, 5, 20))
    assert late.label == PaceLabel.BEHIND
    page = school.client("student").get(reverse("learning-path", args=[a.section.pk])).content.decode()
    assert "Your pace" in page and "Meets" in page


def test_the_advisor_home_lists_goals_due_pace_and_standards_below(school: School) -> None:
    a = school.a
    today = timezone.localdate()
    Goal.objects.create(
        student=a.student,
        statement="Due soon goal",
        measure="m",
        indicator=a.indicator,
        target_date=today + timedelta(days=5),
    )
    Goal.objects.create(
        student=a.student,
        statement="Overdue goal",
        measure="m",
        indicator=a.indicator,
        target_date=today - timedelta(days=3),
    )
    Goal.objects.create(
        student=a.student,
        statement="Far-off goal",
        measure="m",
        indicator=a.indicator,
        target_date=today + timedelta(days=60),
    )
    PathStep.objects.create(section=a.section, indicator=a.indicator, position=1)
    a.assessment.indicators.add(a.other_indicator)
    for indicator in (a.indicator, a.other_indicator):
        record_score(student=a.student, indicator=indicator, value=1, scorer=a.teacher, assessment=a.assessment)
    a.section.session.start_date, a.section.session.end_date = today - timedelta(days=100), today + timedelta(days=20)
    a.section.session.save()
    (row,) = advisee_rows(Student.objects.filter(pk=a.student.pk), today=today)
    assert [g.statement for g in row["due_soon"]] == ["Due soon goal"]
    assert [g.statement for g in row["overdue"]] == ["Overdue goal"]
    assert row["off_pace"] == [a.section]
    assert row["below"] == 1
    page = school.client("advisor").get("/").content.decode()
    assert reverse("learner-profile", args=[a.student.pk]) in page
    assert "Due soon goal" in page and "Overdue goal" in page and "Far-off goal" not in page
    assert "Off pace" in page


def test_the_advisor_panel_costs_the_same_few_queries_for_any_number_of_advisees(
    school: School, django_assert_max_num_queries: object
) -> None:
    a = school.a
    PathStep.objects.create(section=a.section, indicator=a.indicator, position=1)
    classmate = Student.objects.get(user=school.users["classmate"])
    PathStep.objects.create(section=school.other_section, indicator=a.indicator, position=1)
    record_score(student=a.student, indicator=a.indicator, value=3, scorer=a.teacher, assessment=a.assessment)
    today = date(2025, 9, 10)
    with django_assert_max_num_queries(7):  # type: ignore[operator]
        rows = advisee_rows(Student.objects.filter(pk__in=[a.student.pk, classmate.pk]).order_by("pk"), today=today)
    assert [row["off_pace"] for row in rows] == [[], []]  # early in the year: nobody is behind yet
    _, mine = student_path(a.section, a.student, today=today)
    assert mine.label == PaceLabel.AHEAD
