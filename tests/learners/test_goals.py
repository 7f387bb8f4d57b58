"""A goal's life: the student sets it, plans checkpoints, reflects, changes it; the advisor reviews it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from proficio.learners.models import Goal
from tests.learners.conftest import School

pytestmark = pytest.mark.django_db


def _url(school: School, name: str) -> str:
    return reverse(name, args=[school.a.student.pk])


def _goal_data(school: School, **extra: str) -> dict[str, str]:
    return {
        "statement": "Cite two sources in every argument essay",
        "target": f"i:{school.a.indicator.pk}",
        "measure": "Two cited sources in my next three essays",
        "target_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
        **extra,
    }


def test_a_goals_life_from_setting_to_review(school: School) -> None:
    student = school.client("student")
    assert student.post(_url(school, "learner-goals"), _goal_data(school)).status_code == 302
    goal = Goal.objects.get(student=school.a.student)
    assert goal.indicator == school.a.indicator and goal.standard is None
    assert goal.status == Goal.Status.ACTIVE

    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    checkpoint = {"goal": goal.pk, "description": "Find two sources", "due_on": due}
    student.post(_url(school, "learner-goal-checkpoint"), checkpoint)
    step = goal.checkpoints.get()
    assert not step.done
    student.post(_url(school, "learner-goal-checkpoint"), {"goal": goal.pk, "checkpoint": step.pk, "done": "1"})
    step.refresh_from_db()
    assert step.done

    student.post(_url(school, "learner-goal-reflection"), {"goal": goal.pk, "body": "The library database helped."})
    assert goal.reflections.get().body == "The library database helped."

    # The whole standard instead, and met.
    changes = {f"goal{goal.pk}-{k}": v for k, v in _goal_data(school, target=f"s:{school.a.standard.pk}").items()}
    changes[f"goal{goal.pk}-status"] = Goal.Status.MET
    assert student.post(_url(school, "learner-goals"), {"goal": goal.pk, **changes}).status_code == 302
    goal.refresh_from_db()
    assert (goal.indicator, goal.standard, goal.status) == (None, school.a.standard, Goal.Status.MET)

    advisor = school.client("advisor")
    assert (
        advisor.post(_url(school, "learner-goal-review"), {"goal": goal.pk, "comment": "Well done."}).status_code == 302
    )
    goal.refresh_from_db()
    assert goal.reviewed_by == school.users["advisor"] and goal.review_comment == "Well done."
    assert goal.reviewed_at is not None

    for role in ("guardian", "teacher", "advisor"):
        page = school.client(role).get(_url(school, "learner-goals")).content.decode()
        assert "Cite two sources in every argument essay" in page, role
        assert "The library database helped." in page, role
        assert "Reviewed" in page, role


def test_only_the_student_writes_goals_and_only_the_advisor_reviews(school: School) -> None:
    goal = Goal.objects.create(
        student=school.a.student,
        statement="Read",
        measure="Books",
        target_date=date(2026, 3, 1),
        indicator=school.a.indicator,
    )
    for role in ("guardian", "teacher", "advisor", "school_leader"):
        client = school.client(role)
        assert client.post(_url(school, "learner-goals"), _goal_data(school)).status_code == 403, role
        checkpoint = {"goal": goal.pk, "description": "x", "due_on": "2026-01-01"}
        assert client.post(_url(school, "learner-goal-checkpoint"), checkpoint).status_code == 403, role
        assert client.post(_url(school, "learner-goal-reflection"), {"goal": goal.pk, "body": "x"}).status_code == 403
    for role in ("student", "teacher", "guardian"):
        response = school.client(role).post(_url(school, "learner-goal-review"), {"goal": goal.pk, "comment": "x"})
        assert response.status_code == 403, role
    assert Goal.objects.count() == 1


def test_a_goal_needs_a_target_from_the_students_own_district(school: School) -> None:
    response = school.client("student").post(_url(school, "learner-goals"), _goal_data(school, target="i:999999"))
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
    assert not Goal.objects.exists()


def test_a_student_cannot_touch_a_classmates_goal(school: School) -> None:
    theirs = Goal.objects.create(
        student=school.a.student,
        statement="Mine",
        measure="m",
        target_date=date(2026, 3, 1),
        indicator=school.a.indicator,
    )
    classmate = school.client("classmate")
    assert classmate.post(_url(school, "learner-goal-reflection"), {"goal": theirs.pk, "body": "x"}).status_code == 404
    assert not theirs.reflections.exists()
