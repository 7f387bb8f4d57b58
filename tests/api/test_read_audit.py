"""Reads of student records through the API are in the audit trail, like the web app's: one event per
student shown, for staff; a student reading their own record or a guardian their child's is not recorded."""

from __future__ import annotations

import pytest

from proficio.audit.models import Action, AuditEvent
from proficio.evidence.services import record_score
from proficio.proficiency.services import recompute_student
from tests.api.conftest import Cast, token_client

pytestmark = pytest.mark.django_db


def _views() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=Action.STUDENT_VIEWED).order_by("pk"))


@pytest.mark.vendor_sensitive  # audit details are JSON
def test_a_teacher_reading_one_student_is_recorded_with_who_and_what(cast: Cast) -> None:
    student = cast.world.student
    response = token_client(cast.world.teacher, "read").get(f"/api/v1/students/{student.pk}")
    assert response.status_code == 200
    (event,) = _views()
    assert event.actor == cast.world.teacher and event.student == student
    assert event.school_id == student.school_id and event.district_id == cast.world.district.pk
    assert event.details["what"] == "student record through the API"
    assert event.details["path"] == f"/api/v1/students/{student.pk}"


def test_a_leaders_page_of_students_is_one_event_per_student_on_the_page(cast: Cast) -> None:
    response = token_client(cast.leader, "read").get("/api/v1/students", {"limit": 1})
    assert response.status_code == 200 and response.json()["total"] == 2
    assert [e.student_id for e in _views()] == [response.json()["items"][0]["id"]]
    token_client(cast.leader, "read").get("/api/v1/students")
    assert sorted(e.student_id for e in _views()[1:]) == sorted([cast.world.student.pk, cast.colleague_student.pk])


@pytest.mark.vendor_sensitive  # audit details are JSON
def test_pages_of_scores_and_results_name_each_student_once(cast: Cast) -> None:
    world = cast.world
    record_score(
        student=world.student, indicator=world.indicator, value=3, scorer=world.teacher, assessment=world.assessment
    )
    recompute_student(world.student, [world.indicator])
    client = token_client(world.teacher, "read")
    for url, what in (
        ("/api/v1/scores", "scores through the API"),
        ("/api/v1/results/indicators", "indicator results through the API"),
        ("/api/v1/results/standards", "standard results through the API"),
    ):
        before = len(_views())
        assert client.get(url).status_code == 200
        new = _views()[before:]
        assert [(e.student_id, e.details["what"]) for e in new] == [(world.student.pk, what)], url


def test_the_student_and_their_guardian_reading_their_own_record_are_not_staff_views(cast: Cast) -> None:
    student = cast.world.student
    for reader in (student.user, cast.guardian):
        client = token_client(reader, "read")
        assert client.get(f"/api/v1/students/{student.pk}").status_code == 200
        assert client.get("/api/v1/students").status_code == 200
    assert _views() == []


def test_lists_of_schools_and_sections_name_no_student_and_are_not_recorded(cast: Cast) -> None:
    client = token_client(cast.leader, "read")
    for url in ("/api/v1/schools", "/api/v1/sections", "/api/v1/frameworks"):
        assert client.get(url).status_code == 200
    assert _views() == []


def test_a_refused_read_records_nothing(cast: Cast) -> None:
    response = token_client(cast.elsewhere.teacher, "read").get(f"/api/v1/students/{cast.world.student.pk}")
    assert response.status_code == 404
    assert _views() == []
