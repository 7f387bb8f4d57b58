"""The API's authorization matrix: every operation of the OpenAPI schema × every role, against a policy table.

The target records all belong to Sam, a student of teacher Tess in district A (see conftest.py). A role is
*allowed* when a single-record operation answers with the record, a list includes it, or a write succeeds;
*denied* when the record is a 404 or missing from the list. Every role uses a write token, so only the
permission rules decide. The test fails on any difference — an unexpected allow (a leak) or an unexpected
deny — and on any operation the policy does not name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from proficio.accounts.models import User
from proficio.evidence.models import Score
from proficio.evidence.services import record_score
from proficio.proficiency.models import IndicatorResult, StandardResult
from tests.api.conftest import Cast, token_client

pytestmark = pytest.mark.django_db

STAFF_OF_THE_SECTION = {"teacher", "leader", "admin"}
SEES_SAM = STAFF_OF_THE_SECTION | {"student", "guardian"}
IN_THE_SCHOOL = {"teacher", "colleague", "leader", "admin", "coach"}
IN_THE_DISTRICT = IN_THE_SCHOOL | {"student", "classmate", "guardian"}

POLICY: dict[str, set[str]] = {
    "GET /schools": IN_THE_SCHOOL,
    "GET /schools/{school_id}": IN_THE_SCHOOL,
    "GET /sections": STAFF_OF_THE_SECTION,
    "GET /sections/{section_id}": STAFF_OF_THE_SECTION,
    "GET /students": SEES_SAM,
    "GET /students/{student_id}": SEES_SAM,
    "GET /frameworks": IN_THE_DISTRICT,
    "GET /frameworks/{framework_id}": IN_THE_DISTRICT,
    "GET /standards": IN_THE_DISTRICT,
    "GET /standards/{standard_id}": IN_THE_DISTRICT,
    "GET /indicators": IN_THE_DISTRICT,
    "GET /indicators/{indicator_id}": IN_THE_DISTRICT,
    "GET /assessments": STAFF_OF_THE_SECTION,
    "GET /assessments/{assessment_id}": STAFF_OF_THE_SECTION,
    "POST /assessments": {"teacher"},
    "GET /scores": SEES_SAM,
    "GET /scores/{score_id}": SEES_SAM,
    "POST /scores": {"teacher"},
    "POST /scores/{score_id}/corrections": {"teacher"},
    "GET /results/indicators": SEES_SAM,
    "GET /results/indicators/{result_id}": SEES_SAM,
    "GET /results/standards": SEES_SAM,
    "GET /results/standards/{result_id}": SEES_SAM,
}
"""Who may reach Sam's records through each operation. The import endpoints have their own tests
(tests/interop/test_api.py): they concern districts, not a student's records."""

OWN_TESTS = ("/imports",)


def _roles(cast: Cast) -> dict[str, User]:
    return {
        "teacher": cast.world.teacher,
        "colleague": cast.colleague,
        "leader": cast.leader,
        "admin": cast.admin,
        "coach": cast.coach,
        "student": cast.world.student.user,
        "classmate": cast.colleague_student.user,
        "guardian": cast.guardian,
        "other district": cast.elsewhere.teacher,
    }


def _schema_operations(client: Client) -> set[str]:
    schema = client.get("/api/v1/openapi.json").json()
    return {
        f"{method.upper()} {path.removeprefix('/api/v1')}"
        for path, methods in schema["paths"].items()
        if not path.removeprefix("/api/v1").startswith(OWN_TESTS)
        for method in methods
    }


def _probes(cast: Cast, score: Score) -> dict[str, Callable[[Client], bool]]:
    """For each operation: call it about Sam's records and say whether the caller reached them."""
    world, sam = cast.world, cast.world.student
    indicator_result = IndicatorResult.objects.get(student=sam, indicator=world.indicator).pk
    standard_result = StandardResult.objects.get(student=sam, standard=world.standard).pk
    # list path, its single-record path, a filter narrowing the list to Sam, and the id that must appear
    readable = [
        ("/schools", "/schools/{school_id}", "", world.school.pk),
        ("/sections", "/sections/{section_id}", "", world.section.pk),
        ("/students", "/students/{student_id}", "", sam.pk),
        ("/frameworks", "/frameworks/{framework_id}", "", world.framework.pk),
        ("/standards", "/standards/{standard_id}", "", world.standard.pk),
        ("/indicators", "/indicators/{indicator_id}", "", world.indicator.pk),
        ("/assessments", "/assessments/{assessment_id}", "", world.assessment.pk),
        ("/scores", "/scores/{score_id}", f"student={sam.pk}&", score.pk),
        ("/results/indicators", "/results/indicators/{result_id}", f"student={sam.pk}&", indicator_result),
        ("/results/standards", "/results/standards/{result_id}", f"student={sam.pk}&", standard_result),
    ]
    probes: dict[str, Callable[[Client], bool]] = {}
    for path, one, query, pk in readable:
        probes[f"GET {path}"] = lambda c, url=f"/api/v1{path}?{query}limit=200", pk=pk: _listed(c, url, pk)
        probes[f"GET {one}"] = lambda c, url=f"/api/v1{path}/{pk}", pk=pk: _read(c, url, pk)
    new_assessment = {
        "section": world.section.pk,
        "title": "Matrix quiz",
        "kind": "formative",
        "assessed_on": "2025-11-03",
        "indicators": [world.indicator.pk],
    }
    habit = {"assessment": world.assessment.pk, "student": sam.pk, "indicator": world.habit_indicator.pk, "value": 3}
    correction = {"value": 4, "reason": "Matrix."}
    probes["POST /assessments"] = lambda c: _write(c, "/api/v1/assessments", new_assessment)
    probes["POST /scores"] = lambda c: _write(c, "/api/v1/scores", habit)
    probes["POST /scores/{score_id}/corrections"] = lambda c: _write(
        c, f"/api/v1/scores/{score.pk}/corrections", correction
    )
    return probes


def _listed(client: Client, url: str, wanted: int) -> bool:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return wanted in {item["id"] for item in response.json()["items"]}


def _read(client: Client, url: str, wanted: int) -> bool:
    response = client.get(url)
    assert response.status_code in (200, 404), (url, response.status_code)
    return response.status_code == 200 and response.json()["id"] == wanted


def _write(client: Client, url: str, body: dict[str, Any]) -> bool:
    response = client.post(url, body, content_type="application/json")
    assert response.status_code in (201, 404), (url, response.status_code, response.content)
    return response.status_code == 201


def test_every_operation_has_a_policy(cast: Cast) -> None:
    operations = _schema_operations(token_client(cast.world.teacher))
    assert operations - set(POLICY) == set(), "operations without a declared policy"
    assert set(POLICY) - operations == set(), "policy entries for operations that no longer exist"


def test_the_matrix_matches_the_policy(cast: Cast) -> None:
    world = cast.world
    score = record_score(
        student=world.student, indicator=world.indicator, value=2, scorer=world.teacher, assessment=world.assessment
    )
    probes = _probes(cast, score)
    assert set(probes) == set(POLICY)
    clients = {role: token_client(user) for role, user in _roles(cast).items()}
    leaks, broken, checked = [], [], 0
    for operation, probe in probes.items():
        # The one allowed writer goes last, so a write it makes cannot change what the others meet.
        for role in sorted(clients, key=lambda r: r in POLICY[operation]):
            reached = probe(clients[role])
            expected = role in POLICY[operation]
            if reached and not expected:
                leaks.append(f"{role}: {operation}")
            elif expected and not reached:
                broken.append(f"{role}: {operation}")
            checked += 1
    print(f"\nAPI matrix: {len(probes)} operations × {len(clients)} roles = {checked} checks")
    assert checked == len(POLICY) * len(clients)
    assert not leaks, f"unexpected allows: {leaks}"
    assert not broken, f"unexpected denies: {broken}"
