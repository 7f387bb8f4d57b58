"""Results through the API: the cached levels, each with the engine's sentence, for students one may see."""

from __future__ import annotations

import pytest

from proficio.evidence.services import record_score
from proficio.proficiency.models import IndicatorResult, StandardResult
from tests.api.conftest import Cast, ids, token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def results(cast: Cast) -> Cast:
    world = cast.world
    for student, assessment, teacher in (
        (world.student, world.assessment, world.teacher),
        (cast.colleague_student, cast.colleague_assessment, cast.colleague),
    ):
        record_score(student=student, indicator=world.indicator, value=3, scorer=teacher, assessment=assessment)
    return cast


def test_an_indicator_result_explains_itself(results: Cast) -> None:
    sam = results.world.student
    body = token_client(results.world.teacher).get(f"/api/v1/results/indicators?student={sam.pk}").json()
    (result,) = body["items"]
    assert result["indicator_id"] == results.world.indicator.pk and result["level"] == {"value": 3, "label": "Meets"}
    assert result["is_proficient"] is True and result["evidence_count"] == 1
    assert result["explanation"].startswith("Sam's level for Analyze is 3") and "*" not in result["explanation"]
    own = token_client(sam.user).get(f"/api/v1/results/indicators/{result['id']}").json()
    assert own["explanation"].startswith("Your level for Analyze is 3")  # the student reads "your"


def test_a_standard_result_explains_itself(results: Cast) -> None:
    body = token_client(results.guardian).get("/api/v1/results/standards").json()
    (result,) = body["items"]
    assert result["standard_id"] == results.world.standard.pk and result["student_id"] == results.world.student.pk
    assert result["indicators_total"] == 2 and result["indicators_assessed"] == 1
    assert "Reading" in result["explanation"]


def test_results_are_scoped_like_students(results: Cast) -> None:
    sam = IndicatorResult.objects.get(student=results.world.student).pk
    casey = IndicatorResult.objects.get(student=results.colleague_student).pk
    assert ids(token_client(results.world.teacher).get("/api/v1/results/indicators")) == [sam]
    assert token_client(results.world.teacher).get(f"/api/v1/results/indicators/{casey}").status_code == 404
    assert sorted(ids(token_client(results.leader).get("/api/v1/results/indicators"))) == sorted([sam, casey])
    assert ids(token_client(results.guardian).get("/api/v1/results/indicators")) == [sam]
    for user in (results.coach, results.elsewhere.teacher):
        assert ids(token_client(user).get("/api/v1/results/indicators")) == []
        assert ids(token_client(user).get("/api/v1/results/standards")) == []
    standard = StandardResult.objects.get(student=results.colleague_student).pk
    assert token_client(results.guardian).get(f"/api/v1/results/standards/{standard}").status_code == 404


def test_results_filter_by_indicator_standard_and_proficiency(results: Cast) -> None:
    client = token_client(results.admin)
    assert len(ids(client.get("/api/v1/results/indicators?proficient=true"))) == 2
    assert ids(client.get("/api/v1/results/indicators?proficient=false")) == []
    assert ids(client.get(f"/api/v1/results/indicators?indicator={results.world.other_indicator.pk}")) == []
    assert len(ids(client.get(f"/api/v1/results/standards?standard={results.world.standard.pk}"))) == 2
