"""Scores through the API: append-only, scoped like the gradebook, written only by the section's teachers."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from proficio.evidence.models import NotAssessed, Score
from proficio.evidence.services import record_score
from tests.api.conftest import Cast, ids, token_client

pytestmark = pytest.mark.django_db


def _post(client: Client, url: str, payload: dict[str, Any]) -> Any:
    return client.post(url, payload, content_type="application/json")


def _score(cast: Cast, **overrides: Any) -> dict[str, Any]:
    world = cast.world
    return (
        {"assessment": world.assessment.pk, "student": world.student.pk, "indicator": world.indicator.pk}
        | {
            "value": 3,
            "feedback": "Strong claim; cite more.",
        }
        | overrides
    )


@pytest.fixture
def scored(cast: Cast) -> Cast:
    """Sam scored 3 by Tess, Casey scored 2 by Cole."""
    record_score(
        student=cast.world.student,
        indicator=cast.world.indicator,
        value=3,
        scorer=cast.world.teacher,
        assessment=cast.world.assessment,
    )
    record_score(
        student=cast.colleague_student,
        indicator=cast.world.indicator,
        value=2,
        scorer=cast.colleague,
        assessment=cast.colleague_assessment,
    )
    return cast


def _sams(cast: Cast) -> Score:
    return Score.objects.get(student=cast.world.student)


def test_a_teacher_scores_a_student_of_their_section(cast: Cast) -> None:
    mark = NotAssessed.objects.create(assessment=cast.world.assessment, student=cast.world.student)
    response = _post(token_client(cast.world.teacher), "/api/v1/scores", _score(cast))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["value"] == 3 and body["current"] is True and body["scorer_id"] == cast.world.teacher.pk
    assert body["feedback"] == "Strong claim; cite more." and body["supersedes_id"] is None
    assert not NotAssessed.objects.filter(pk=mark.pk).exists()  # as on the scoring screen: scored after all
    assert cast.world.student.indicator_results.get().level.label == "Meets"
    assert Score.history.get(id=body["id"]).history_user == cast.world.teacher  # history names the token's owner


def test_a_teacher_cannot_score_in_a_colleagues_section(cast: Cast) -> None:
    payload = _score(cast, assessment=cast.colleague_assessment.pk, student=cast.colleague_student.pk)
    for user in (cast.world.teacher, cast.leader, cast.admin, cast.world.student.user, cast.elsewhere.teacher):
        response = _post(token_client(user), "/api/v1/scores", payload)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found", user
    assert not Score.objects.exists()


def test_a_score_must_fit_the_assessment_and_the_scale(cast: Cast) -> None:
    client = token_client(cast.world.teacher)
    refusals = {
        "student": _score(cast, student=cast.colleague_student.pk),
        "indicator": _score(cast, indicator=cast.world.other_indicator.pk),
        "value": _score(cast, value=7),
    }
    for field, payload in refusals.items():
        response = _post(client, "/api/v1/scores", payload)
        assert response.status_code == 422, response.content
        assert [d["loc"] for d in response.json()["error"]["details"]] == [["body", field]]
    assert not Score.objects.exists()


def test_scoring_a_scored_slot_again_is_a_conflict_naming_the_current_score(scored: Cast) -> None:
    response = _post(token_client(scored.world.teacher), "/api/v1/scores", _score(scored, value=4))
    assert response.status_code == 409
    assert response.json()["error"]["details"] == {"current": _sams(scored).pk}
    assert Score.objects.count() == 2


def test_a_correction_supersedes_with_a_reason_and_keeps_the_original(scored: Cast) -> None:
    original = _sams(scored)
    client = token_client(scored.world.teacher)
    url = f"/api/v1/scores/{original.pk}/corrections"
    response = _post(client, url, {"value": 4, "reason": "Misread the rubric."})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["supersedes_id"] == original.pk and body["reason"] == "Misread the rubric." and body["value"] == 4
    old = client.get(f"/api/v1/scores/{original.pk}").json()
    assert old["current"] is False and old["value"] == 3  # unchanged, kept as history
    current = client.get(f"/api/v1/scores?student={scored.world.student.pk}&current=true").json()["items"]
    assert [s["id"] for s in current] == [body["id"]]
    again = _post(client, url, {"value": 2, "reason": "Twice."})
    assert again.status_code == 409 and again.json()["error"]["details"] == {"current": body["id"]}


def test_a_correction_needs_a_reason(scored: Cast) -> None:
    client = token_client(scored.world.teacher)
    url = f"/api/v1/scores/{_sams(scored).pk}/corrections"
    for payload in ({"value": 2}, {"value": 2, "reason": ""}, {"value": 2, "reason": "   "}):
        response = _post(client, url, payload)
        assert response.status_code == 422, payload
        assert any("reason" in d["loc"] for d in response.json()["error"]["details"])
    assert Score.objects.count() == 2


def test_only_the_sections_teachers_correct_its_scores(scored: Cast) -> None:
    url = f"/api/v1/scores/{_sams(scored).pk}/corrections"
    for user in (scored.colleague, scored.leader, scored.admin, scored.world.student.user, scored.guardian):
        assert _post(token_client(user), url, {"value": 1, "reason": "No."}).status_code == 404, user
    assert Score.objects.count() == 2


def test_scores_are_never_updated_or_deleted(scored: Cast) -> None:
    client = token_client(scored.world.teacher)
    score = _sams(scored).pk
    for method in ("put", "patch", "delete"):
        for url in (f"/api/v1/scores/{score}", "/api/v1/scores", f"/api/v1/scores/{score}/corrections"):
            response = getattr(client, method)(url, {"value": 1}, content_type="application/json")
            assert response.status_code == 405, (method, url)
            assert response.json()["error"]["code"] == "method_not_allowed" and response["Allow"]
    assert _sams(scored).value == 3 and Score.objects.count() == 2


def test_reading_scores_follows_who_may_see_the_student(scored: Cast) -> None:
    sam, casey = _sams(scored).pk, Score.objects.get(student=scored.colleague_student).pk
    assert ids(token_client(scored.world.teacher).get("/api/v1/scores")) == [sam]
    assert ids(token_client(scored.colleague).get("/api/v1/scores")) == [casey]
    assert token_client(scored.world.teacher).get(f"/api/v1/scores/{casey}").status_code == 404
    assert sorted(ids(token_client(scored.leader).get("/api/v1/scores"))) == sorted([sam, casey])
    assert ids(token_client(scored.world.student.user).get("/api/v1/scores")) == [sam]
    assert ids(token_client(scored.guardian).get("/api/v1/scores")) == [sam]
    assert ids(token_client(scored.coach).get("/api/v1/scores")) == []
    assert ids(token_client(scored.elsewhere.teacher).get("/api/v1/scores")) == []


def test_scores_filter_by_assessment_student_and_indicator(scored: Cast) -> None:
    client = token_client(scored.admin)
    casey = Score.objects.get(student=scored.colleague_student).pk
    assert ids(client.get(f"/api/v1/scores?assessment={scored.colleague_assessment.pk}")) == [casey]
    assert ids(client.get(f"/api/v1/scores?student={scored.colleague_student.pk}")) == [casey]
    assert len(ids(client.get(f"/api/v1/scores?indicator={scored.world.indicator.pk}"))) == 2
    assert ids(client.get(f"/api/v1/scores?indicator={scored.world.other_indicator.pk}")) == []
