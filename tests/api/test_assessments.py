"""Assessments: read in the sections one may read; created only by the section's teachers, by the web's rules."""

from __future__ import annotations

from typing import Any

import pytest

from proficio.evidence.models import Assessment
from tests.api.conftest import Cast, ids, token_client

pytestmark = pytest.mark.django_db


def _new(cast: Cast, **overrides: Any) -> dict[str, Any]:
    return {
        "section": cast.world.section.pk,
        "title": "Poetry explication",
        "kind": "summative",
        "assessed_on": "2025-11-14",
        "indicators": [cast.world.indicator.pk, cast.world.other_indicator.pk],
    } | overrides


def test_a_teacher_lists_their_sections_assessments_only(cast: Cast) -> None:
    client = token_client(cast.world.teacher)
    assert ids(client.get("/api/v1/assessments")) == [cast.world.assessment.pk]
    assert client.get(f"/api/v1/assessments/{cast.colleague_assessment.pk}").status_code == 404
    leader = token_client(cast.leader)
    assert sorted(ids(leader.get("/api/v1/assessments"))) == [cast.world.assessment.pk, cast.colleague_assessment.pk]
    assert ids(leader.get(f"/api/v1/assessments?section={cast.colleague_section.pk}")) == [cast.colleague_assessment.pk]
    assert ids(leader.get(f"/api/v1/assessments?indicator={cast.world.habit_indicator.pk}")) == [
        cast.world.assessment.pk
    ]
    assert ids(leader.get("/api/v1/assessments?kind=formative")) == []


def test_students_guardians_and_coaches_list_no_assessments(cast: Cast) -> None:
    for user in (cast.world.student.user, cast.guardian, cast.coach):
        assert ids(token_client(user).get("/api/v1/assessments")) == []


def test_a_teacher_creates_an_assessment_in_their_section(cast: Cast) -> None:
    response = token_client(cast.world.teacher).post("/api/v1/assessments", _new(cast), content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["section_id"] == cast.world.section.pk and body["created_by_id"] == cast.world.teacher.pk
    assert body["indicator_ids"] == sorted([cast.world.indicator.pk, cast.world.other_indicator.pk])
    assert Assessment.objects.get(pk=body["id"]).title == "Poetry explication"


def test_nobody_else_creates_one_there(cast: Cast) -> None:
    before = Assessment.objects.count()
    for user in (cast.colleague, cast.leader, cast.admin, cast.coach, cast.world.student.user, cast.elsewhere.teacher):
        response = token_client(user).post("/api/v1/assessments", _new(cast), content_type="application/json")
        assert response.status_code == 404, user
        assert response.json()["error"]["code"] == "not_found"
    assert Assessment.objects.count() == before


def test_the_web_forms_rules_apply_with_the_field_named(cast: Cast) -> None:
    client = token_client(cast.world.teacher)
    before = Assessment.objects.count()
    mixed = _new(cast, indicators=[cast.world.indicator.pk, cast.world.habit_indicator.pk])
    foreign = _new(cast, indicators=[cast.elsewhere.indicator.pk])
    for payload, field in ((mixed, "indicators"), (foreign, "indicators"), (_new(cast, kind="quiz"), "kind")):
        response = client.post("/api/v1/assessments", payload, content_type="application/json")
        assert response.status_code == 422, response.content
        assert field in {loc for detail in response.json()["error"]["details"] for loc in detail["loc"]}
    assert Assessment.objects.count() == before


def test_a_retake_names_its_original_and_who_retakes_it(cast: Cast) -> None:
    client = token_client(cast.world.teacher)
    payload = _new(cast, retake_of=cast.world.assessment.pk, retakers=[cast.world.student.pk])
    body = client.post("/api/v1/assessments", payload, content_type="application/json").json()
    assert body["retake_of_id"] == cast.world.assessment.pk and body["retaker_ids"] == [cast.world.student.pk]
    early = _new(cast, retake_of=cast.world.assessment.pk, assessed_on="2025-09-01")
    response = client.post("/api/v1/assessments", early, content_type="application/json")
    assert response.status_code == 422 and "assessed_on" in str(response.json()["error"]["details"])
