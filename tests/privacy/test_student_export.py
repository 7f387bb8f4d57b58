"""Everything held about one student, for the student, their family and their school's leaders — nobody else."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from proficio.audit.models import Action, AuditEvent
from proficio.evidence.services import correct_score
from tests.authz.world import build_world

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_whole_record_including_corrections() -> None:
    world = build_world()
    a = world.a
    score = a.student.scores.order_by("pk").first()
    assert score is not None
    correct_score(score=score, value=4, scorer=a.teacher, reason="Read the second page of the essay.")
    response = world.client("student").get(f"/students/{a.student.pk}/export.json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"] and response["Cache-Control"] == "no-store"
    document = json.loads(response.content)
    assert document["student"]["student_number"] == a.student.student_number
    assert document["account"]["username"] == a.student.user.username
    values = [s["value"] for s in document["scores"]]
    assert "3" in values and "4" in values  # the original and its correction
    assert any(s["reason"] == "Read the second page of the essay." for s in document["scores"])
    assert {g["is_active"] for g in document["guardians"]} == {True, False}
    assert document["indicator_results"] and document["enrollments"]


def test_each_download_is_audited_for_the_student() -> None:
    world = build_world()
    world.client("guardian").get(f"/students/{world.a.student.pk}/export.json")
    event = AuditEvent.objects.filter(action=Action.EXPORT_RUN).latest("pk")
    assert event.student == world.a.student and event.actor == world.users["guardian"]


@pytest.mark.parametrize("role", ["teacher", "advisor", "coach", "classmate", "former_guardian", "admin_elsewhere"])
def test_nobody_else_may_download_it(role: str) -> None:
    world = build_world()
    assert world.client(role).get(f"/students/{world.a.student.pk}/export.json").status_code == 404
    assert Client().get(f"/students/{world.a.student.pk}/export.json").status_code == 302
