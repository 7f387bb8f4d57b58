"""Sessions end: after 30 idle minutes, after 8 hours however busy, and when the browser closes."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from proficio.accounts.models import User
from proficio.config.security import SESSION_SEEN_KEY, SESSION_STARTED_KEY
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(client: Client) -> User:
    user = make_user("alice")
    client.force_login(user)
    assert client.get(reverse("home")).status_code == 200  # stamps the session
    return user


def _age(client: Client, key: str, seconds: int) -> None:
    session = client.session
    session[key] = int(time.time()) - seconds
    session.save()


def test_the_defaults() -> None:
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.PROFICIO_SESSION_IDLE_SECONDS == 30 * 60
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_the_session_cookie_dies_with_the_browser(client: Client) -> None:
    make_user("bob")
    response = client.post(reverse("login"), {"username": "bob", "password": "a-long-test-password"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["max-age"] and not cookie["expires"]


def test_a_request_within_the_idle_limit_keeps_the_session(client: Client, alice: User) -> None:
    _age(client, SESSION_SEEN_KEY, 29 * 60)
    assert client.get(reverse("home")).status_code == 200
    assert int(time.time()) - client.session[SESSION_SEEN_KEY] < 5  # activity moved the clock on


def test_thirty_idle_minutes_log_out(client: Client, alice: User) -> None:
    _age(client, SESSION_SEEN_KEY, 30 * 60 + 1)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "logged out after 30 minutes without activity" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_idle_api_session_gets_401(client: Client, alice: User) -> None:
    assert client.get("/api/v1/schools").status_code == 200
    _age(client, SESSION_SEEN_KEY, 31 * 60)
    assert client.get("/api/v1/schools").status_code == 401


def test_eight_busy_hours_log_out(client: Client, alice: User) -> None:
    _age(client, SESSION_STARTED_KEY, 8 * 3600 + 1)
    response = client.get(reverse("home"), follow=True)
    assert "Your session has ended" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_idle_limit_is_a_setting(client: Client, alice: User, settings: object) -> None:
    settings.PROFICIO_SESSION_IDLE_SECONDS = 0  # type: ignore[attr-defined]  # 0 turns the idle limit off
    _age(client, SESSION_SEEN_KEY, 5 * 3600)
    assert client.get(reverse("home")).status_code == 200


def test_the_last_seen_time_is_not_rewritten_on_every_request(client: Client, alice: User) -> None:
    _age(client, SESSION_SEEN_KEY, 10)
    seen = client.session[SESSION_SEEN_KEY]
    client.get(reverse("home"))
    assert client.session[SESSION_SEEN_KEY] == seen
