"""Hostile input: malformed JSON, huge bodies, wrong types, SQL- and script-looking strings.

Every refusal is a clear 4xx in the API's error shape, stores nothing, and shows no stack trace. Free text
(titles, feedback, reasons) is text: a teacher may title an assessment ``x < 5 and y > 2``, so such strings are
stored and returned exactly as sent, inert — proof that they reach the database as parameters, not SQL, and
leave the API as JSON strings, not markup.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from proficio.evidence.models import Assessment, Score
from proficio.evidence.services import record_score
from tests.api.conftest import Cast, token_client
from tests.hypothesis_profiles import examples

pytestmark = pytest.mark.django_db

SQL = ["' OR '1'='1", "1; DROP TABLE evidence_score; --", "1 UNION SELECT password FROM accounts_user", '" OR ""="']
SCRIPT = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "{{7*7}}"]
HOSTILE = SQL + SCRIPT
WRONG_TYPES: list[Any] = [
    None,
    True,
    [],
    {},
    ["1"],
    [True],
    [0],
    {"id": 1},
    1.5,
    -1,
    0,
    2**70,
    "",
    "NaN",
    "Infinity",
    "1e999",
]


def _rows() -> dict[str, int]:
    """Rows in every table the API can write (history tables included)."""
    labels = ("evidence", "proficiency", "api")
    return {
        m._meta.label: m._default_manager.count() for label in labels for m in apps.get_app_config(label).get_models()
    }


@pytest.fixture
def scored(cast: Cast) -> tuple[Cast, Score]:
    score = record_score(
        student=cast.world.student,
        indicator=cast.world.indicator,
        value=2,
        scorer=cast.world.teacher,
        assessment=cast.world.assessment,
    )
    return cast, score


def _writes(cast: Cast, score: Score) -> dict[str, dict[str, Any]]:
    """A valid body for each write, on a slot that is still free (so each field alone decides the answer)."""
    world = cast.world
    return {
        "/api/v1/scores": {
            "assessment": world.assessment.pk,
            "student": world.student.pk,
            "indicator": world.habit_indicator.pk,
            "value": 3,
            "feedback": "ok",
        },
        f"/api/v1/scores/{score.pk}/corrections": {"value": 3, "reason": "Misread.", "feedback": "ok"},
        "/api/v1/assessments": {
            "section": world.section.pk,
            "title": "Quiz",
            "kind": "formative",
            "assessed_on": "2025-11-03",
            "description": "",
            "indicators": [world.indicator.pk],
            "retake_of": None,
            "retakers": [],
        },
    }


FREE_TEXT = {"feedback", "reason", "title", "description"}


def _assert_clean_refusal(response: Any) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    text = response.content.decode()
    assert "Traceback" not in text and 'File "' not in text
    error = json.loads(text)["error"]
    assert error["code"] and error["message"]


@pytest.mark.parametrize(
    "raw",
    [
        b"{",
        b'{"value": 3,}',
        b"[1, 2",
        b"null",
        b'"a string"',
        b"[]",
        b"42",
        b"\xff\xfe\x00{",
        b"[" * 100_000,
        b'{"value": NaN}',
        b"value=3&reason=x",
    ],
)
def test_malformed_bodies_are_refused(scored: tuple[Cast, Score], raw: bytes) -> None:
    cast, score = scored
    client = token_client(cast.world.teacher)
    before = _rows()
    for url in _writes(cast, score):
        _assert_clean_refusal(client.post(url, raw, content_type="application/json"))
    assert _rows() == before


def test_a_body_over_the_upload_limit_is_a_413(scored: tuple[Cast, Score]) -> None:
    cast, score = scored
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < 5 * 1024 * 1024  # Django's default, 2.5 MB
    client = token_client(cast.world.teacher)
    before = _rows()
    huge = json.dumps(_writes(cast, score)["/api/v1/scores"] | {"feedback": "a" * 5_000_000})
    for url in _writes(cast, score):
        response = client.post(url, huge, content_type="application/json")
        _assert_clean_refusal(response)
        assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"
    assert _rows() == before


def test_long_text_under_the_upload_limit_is_a_422_naming_the_field(scored: tuple[Cast, Score]) -> None:
    cast, score = scored
    client = token_client(cast.world.teacher)
    before = _rows()
    for url, body in _writes(cast, score).items():
        for field in FREE_TEXT & set(body):
            response = client.post(url, body | {field: "a" * 1_000_000}, content_type="application/json")
            _assert_clean_refusal(response)
            assert response.json()["error"]["details"][0]["loc"][-1] == field
    assert _rows() == before


def test_wrong_types_and_hostile_strings_in_every_structured_field_are_422s(scored: tuple[Cast, Score]) -> None:
    cast, score = scored
    client = token_client(cast.world.teacher)
    before = _rows()
    tried = 0
    for url, body in _writes(cast, score).items():
        for field in set(body) - FREE_TEXT:
            for value in [*WRONG_TYPES, *HOSTILE]:
                if (value is None and field == "retake_of") or (value == [] and field == "retakers"):
                    continue  # valid values of those optional fields
                response = client.post(url, body | {field: value}, content_type="application/json")
                _assert_clean_refusal(response)
                assert response.status_code in {404, 422}, (url, field, value, response.status_code)
                tried += 1
    assert tried > 250 and _rows() == before


def test_hostile_strings_in_paths_and_filters_are_refused(cast: Cast) -> None:
    client = token_client(cast.world.teacher)
    for value in HOSTILE:
        for url in ("/api/v1/scores", "/api/v1/students", "/api/v1/assessments", "/api/v1/results/indicators"):
            response = client.get(url, {"student": value, "section": value, "limit": value})
            _assert_clean_refusal(response)
        response = client.get(f"/api/v1/students/{value}")
        _assert_clean_refusal(response)


def test_control_characters_in_text_are_refused(scored: tuple[Cast, Score]) -> None:
    cast, score = scored
    client = token_client(cast.world.teacher)
    before = _rows()
    for url, body in _writes(cast, score).items():
        for field in FREE_TEXT & set(body):
            for bad in ("nul\x00byte", "bell\x07", "escape\x1b[31m", "lone \ud800 surrogate"):
                raw = json.dumps(body | {field: bad}).encode()
                _assert_clean_refusal(client.post(url, raw, content_type="application/json"))
    assert _rows() == before


def test_hostile_free_text_is_stored_and_returned_exactly_as_sent(scored: tuple[Cast, Score]) -> None:
    cast, score = scored
    client = token_client(cast.world.teacher)
    writes = _writes(cast, score)
    title, description = SQL[1], SCRIPT[0] + " " + SQL[0]
    created = client.post(
        "/api/v1/assessments",
        writes["/api/v1/assessments"] | {"title": title, "description": description},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert (created.json()["title"], created.json()["description"]) == (title, description)
    assert Assessment.objects.get(pk=created.json()["id"]).title == title
    corrected = client.post(
        f"/api/v1/scores/{score.pk}/corrections",
        {"value": 3, "reason": SCRIPT[1], "feedback": SQL[2]},
        content_type="application/json",
    )
    assert corrected.status_code == 201 and corrected.json()["reason"] == SCRIPT[1]
    assert b"<script>" not in corrected.content and corrected["Content-Type"].startswith("application/json")
    assert Score.objects.count() == 2  # the DROP TABLE was only words


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=12,
)


@given(body=_json)
@hypothesis_settings(
    max_examples=examples(60), suppress_health_check=[HealthCheck.function_scoped_fixture], database=None
)
def test_arbitrary_json_never_writes_or_crashes(scored: tuple[Cast, Score], body: Any) -> None:
    cast, score = scored
    client = token_client(cast.world.teacher)
    before = _rows()
    for url in _writes(cast, score):
        _assert_clean_refusal(client.post(url, json.dumps(body), content_type="application/json"))
    assert _rows() == before


def test_a_session_request_without_csrf_stores_nothing(scored: tuple[Cast, Score]) -> None:
    cast, score = scored
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.world.teacher)
    before = _rows()
    for url, body in _writes(cast, score).items():
        response = client.post(url, body, content_type="application/json")
        _assert_clean_refusal(response)
        assert response.status_code == 403
    assert _rows() == before
