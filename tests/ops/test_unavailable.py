"""While the database cannot be reached, every request gets a clean 503 with a retry message, never a 500.

Two ways the database fails are simulated: unreachable before the request starts (the connection cannot be
opened), and lost mid-request (every query fails once the request is under way, in a middleware or in a view).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.test import Client, RequestFactory

from proficio.ops import unavailable
from proficio.ops.unavailable import MESSAGE, unavailable_response
from tests.factories import make_world

pytestmark = pytest.mark.django_db

LEAKS = ("Traceback", "OperationalError", "connection refused", "Something went wrong", "settings")


@pytest.fixture(autouse=True)
def _no_outage_yet() -> Iterator[None]:
    unavailable._down_since = None
    yield
    unavailable._down_since = None


def _refused(*args: Any, **kwargs: Any) -> None:
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: connection refused')


def _database_down() -> mock._patch[Any]:
    return mock.patch.object(BaseDatabaseWrapper, "ensure_connection", _refused)


def _queries_fail() -> mock._patch[Any]:
    """Every SELECT fails, as when the server goes away mid-request; savepoint statements still pass, so the
    test's own transaction can roll back."""
    original: Callable[..., Any] = CursorWrapper.execute

    def execute(self: CursorWrapper, sql: str, params: Any = None) -> Any:
        if sql.lstrip().upper().startswith("SELECT"):
            _refused()
        return original(self, sql, params)

    return mock.patch.object(CursorWrapper, "execute", execute)


def _assert_clean_503(response: Any) -> str:
    assert response.status_code == 503
    assert response["Retry-After"] == str(unavailable.RETRY_AFTER_SECONDS)
    text = response.content.decode()
    assert not any(leak in text for leak in LEAKS), text
    return text


def test_a_page_requested_while_the_database_is_down_is_a_503_page_with_a_retry_message() -> None:
    with _database_down():
        response = Client(raise_request_exception=False).get("/")
    page = _assert_clean_503(response)
    assert "<h1>Briefly unavailable</h1>" in page and "Please try again in a few seconds." in page
    assert response["Content-Type"].startswith("text/html")


def test_an_api_request_while_the_database_is_down_gets_the_same_message_as_json() -> None:
    with _database_down():
        response = Client(raise_request_exception=False).get("/api/v1/schools/")
    _assert_clean_503(response)
    assert response.json() == {"error": {"code": "unavailable", "message": MESSAGE}}


def test_a_web_request_asking_for_json_gets_the_message_as_the_web_apps_json() -> None:
    with _database_down():
        response = Client(raise_request_exception=False).get("/", headers={"Accept": "application/json"})
    _assert_clean_503(response)
    assert response.json() == {"ok": False, "error": MESSAGE}


def test_a_database_lost_mid_request_in_a_middleware_is_a_503_not_a_500() -> None:
    world = make_world()
    client = Client(raise_request_exception=False)
    assert client.login(username=world.teacher.username, password="a-long-test-password")
    with _queries_fail():  # the session and the user are read in middlewares, before any view
        response = client.get(f"/sections/{world.section.pk}/gradebook/")
    assert "Briefly unavailable" in _assert_clean_503(response)


def test_a_database_lost_in_a_view_is_a_503_not_a_500() -> None:
    world = make_world()
    client = Client(raise_request_exception=False)
    assert client.login(username=world.teacher.username, password="a-long-test-password")
    client.get("/")  # the session and user are cached on nothing: each request reads them again
    with _queries_fail():
        page = client.get(f"/sections/{world.section.pk}/gradebook/")
        api = client.get("/api/v1/schools/")
    _assert_clean_503(page)
    assert _assert_clean_503(api) and api.json()["error"]["code"] == "unavailable"


def test_the_503_page_is_built_without_a_single_query(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        response = unavailable_response(RequestFactory().get("/"))
    assert response.status_code == 503


def test_an_outage_is_logged_once_per_process_and_its_end_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="proficio.ops.unavailable")
    client = Client(raise_request_exception=False)
    with _database_down():
        for _ in range(3):
            client.get("/login/")
    client.get("/login/")
    messages = [record.getMessage() for record in caplog.records if record.name == "proficio.ops.unavailable"]
    assert len(messages) == 2, messages
    assert messages[0].startswith("The database is unreachable; answering 503 until it is back: connection to")
    assert messages[1].startswith("The database is reachable again after ")
    assert all(record.exc_info is None for record in caplog.records)


def test_a_save_committed_just_before_the_database_went_away_is_still_acknowledged() -> None:
    from django.db.models.query import QuerySet

    from proficio.evidence.models import Score
    from proficio.proficiency.models import IndicatorResult

    world = make_world()
    client = Client(raise_request_exception=False)
    assert client.login(username=world.teacher.username, password="a-long-test-password")
    original = QuerySet.first

    def first(self: QuerySet[Any]) -> Any:
        if self.model is IndicatorResult:  # the level read after the commit, as the server goes down
            _refused()
        return original(self)

    data = {"student": world.student.pk, "indicator": world.indicator.pk, "value": "3"}
    with mock.patch.object(QuerySet, "first", first):
        response = client.post(f"/assessments/{world.assessment.pk}/scores/", data)
    assert response.status_code == 200
    answer = response.json()
    stored = Score.objects.get(assessment=world.assessment, student=world.student, indicator=world.indicator)
    assert answer["ok"] and answer["score"] == stored.pk and answer["level"] == "not known yet"
