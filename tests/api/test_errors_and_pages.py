"""The API's contract beyond each resource: one error body, limit/offset pages with a total, no stack traces."""

from __future__ import annotations

import pytest

from proficio.roster.models import Enrollment, Student
from tests.api.conftest import Cast, token_client
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_pages_carry_the_total_and_walk_with_limit_and_offset(cast: Cast) -> None:
    for n in range(5):
        user = make_user(f"a.extra{n}", last_name=f"Extra{n}")
        Student.objects.create(user=user, school=cast.world.school, student_number=f"x-{n}", grade=9)
        Enrollment.objects.create(section=cast.world.section, user=user, role=Enrollment.Role.STUDENT)
    client = token_client(cast.world.teacher)
    first = client.get("/api/v1/students?limit=4").json()
    second = client.get("/api/v1/students?limit=4&offset=4").json()
    assert (first["total"], first["limit"], first["offset"], len(first["items"])) == (6, 4, 0, 4)
    assert (second["total"], second["offset"], len(second["items"])) == (6, 4, 2)
    assert not {s["id"] for s in first["items"]} & {s["id"] for s in second["items"]}
    beyond = client.get("/api/v1/students?offset=100").json()
    assert beyond["items"] == [] and beyond["total"] == 6


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=201", "offset=-1", "limit=ten", "offset=99999999999999999999", "section=1%20OR%201=1"]
)
def test_bad_paging_and_filters_are_422s_naming_the_parameter(cast: Cast, query: str) -> None:
    response = token_client(cast.world.teacher).get(f"/api/v1/students?{query}")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid" and error["details"][0]["loc"] == ["query", query.split("=")[0]]


def test_ids_beyond_the_databases_range_are_422s_not_crashes(cast: Cast) -> None:
    client = token_client(cast.world.teacher)
    assert client.get(f"/api/v1/students/{2**64}").status_code == 422
    assert client.get("/api/v1/students/0").status_code == 422
    assert client.get(f"/api/v1/scores?student={2**63}").status_code == 422


def test_unknown_paths_and_methods_answer_in_the_same_shape(cast: Cast) -> None:
    client = token_client(cast.world.teacher)
    for response, status, code in (
        (client.get("/api/v1/no-such-thing"), 404, "not_found"),
        (client.get("/api/v1/"), 404, "not_found"),
        (client.delete(f"/api/v1/students/{cast.world.student.pk}"), 405, "method_not_allowed"),
        (client.post("/api/v1/schools", {}, content_type="application/json"), 405, "method_not_allowed"),
    ):
        assert response.status_code == status
        assert response["Content-Type"].startswith("application/json") and response.json()["error"]["code"] == code


def test_a_bug_is_a_plain_500_without_a_trace(cast: Cast, monkeypatch: pytest.MonkeyPatch, settings: object) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals: /srv/proficio/settings.py line 42")

    monkeypatch.setattr("proficio.api.routers.schools.user_of", broken)
    for debug in (False, True):
        settings.DEBUG = debug  # type: ignore[attr-defined]
        response = token_client(cast.world.teacher).get("/api/v1/schools")
        assert response.status_code == 500
        assert response.json() == {
            "error": {"code": "server_error", "message": "Something went wrong on our side; it has been logged."}
        }


def test_the_openapi_schema_lists_every_resource_and_both_ways_to_authenticate(cast: Cast) -> None:
    schema = token_client(cast.world.teacher).get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    for resource in ("schools", "sections", "students", "frameworks", "standards", "indicators", "assessments"):
        assert {f"/api/v1/{resource}", f"/api/v1/{resource}/{{{resource[:-1]}_id}}"} <= paths, resource
    assert {"/api/v1/scores", "/api/v1/scores/{score_id}/corrections", "/api/v1/results/indicators"} <= paths
    assert set(schema["paths"]["/api/v1/scores/{score_id}"]) == {"get"}
    schemes = schema["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
