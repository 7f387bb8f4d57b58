"""Students see who gave and changed their own scores; guardians their linked children's, while linked."""

from __future__ import annotations

import pytest
from django.test import Client

from proficio.audit.present import ScoreChange
from proficio.evidence.services import correct_score, record_score
from proficio.roster.models import Enrollment, Student
from tests.audit.helpers import admin_of, client_for, guardian_of, leader_of
from tests.factories import World, make_user, make_world

pytestmark = pytest.mark.django_db
URL = "/audit/my-scores/"


@pytest.fixture
def world() -> World:
    world = make_world()
    first = record_score(
        student=world.student, indicator=world.indicator, assessment=world.assessment, value=2, scorer=world.teacher
    )
    correct_score(score=first, value=3, scorer=world.teacher, reason="Counted the second draft.")
    return world


def _classmate(world: World) -> Student:
    user = make_user("w.classmate", first_name="Cleo", last_name="Classmate")
    classmate = Student.objects.create(user=user, school=world.school, student_number="w-2", grade=9)
    Enrollment.objects.create(section=world.section, user=user, role=Enrollment.Role.STUDENT)
    record_score(
        student=classmate, indicator=world.indicator, assessment=world.assessment, value=1, scorer=world.teacher
    )
    return classmate


def _changes(client: Client) -> list[ScoreChange]:
    response = client.get(URL)
    assert response.status_code == 200
    return list(response.context["changes"])


def test_a_student_sees_who_scored_and_changed_their_scores_and_why(world: World) -> None:
    _classmate(world)
    response = client_for(world.student.user).get(URL)
    assert response.status_code == 200
    correction, original = response.context["changes"]
    assert (original.old, original.new, original.scorer) == ("", "2", "Tess Teacher")
    assert (correction.old, correction.new, correction.reason) == ("2", "3", "Counted the second draft.")
    assert correction.indicator.startswith("ELA.1.1") and correction.evidence == "Argument essay"
    page = response.content.decode()
    assert "2 → 3" in page and "Counted the second draft." in page and "Tess Teacher" in page
    assert "Cleo" not in page


def test_a_guardian_sees_each_linked_child_and_no_other(world: World) -> None:
    classmate = _classmate(world)
    sibling_world = make_world("s")
    record_score(
        student=sibling_world.student,
        indicator=sibling_world.indicator,
        assessment=sibling_world.assessment,
        value=4,
        scorer=sibling_world.teacher,
    )
    parent = guardian_of(world.student, sibling_world.student)
    changes = _changes(client_for(parent))
    assert {c.student for c in changes} == {str(world.student), str(sibling_world.student)}
    assert str(classmate) not in {c.student for c in changes}
    assert len(changes) == 3


def test_an_inactive_link_shows_nothing(world: World) -> None:
    parent = guardian_of(world.student, active=False)
    assert client_for(parent).get(URL).status_code == 404


def test_staff_have_no_score_history_page(world: World) -> None:
    for user in (world.teacher, leader_of(world), admin_of(world), make_user("stranger")):
        assert client_for(user).get(URL).status_code == 404


def test_a_student_with_no_scores_sees_an_empty_history() -> None:
    world = make_world()
    response = client_for(world.student.user).get(URL)
    assert response.status_code == 200 and "No scores recorded yet." in response.content.decode()
