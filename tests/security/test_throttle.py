"""Login throttling: 5 failures per username or 20 per address in 15 minutes lock attempts for 15 minutes."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from proficio.accounts.models import LoginAttempt, User
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
LOCKED = "Too many failed attempts; try again in 15 minutes."


@pytest.fixture
def alice() -> User:
    return make_user("alice")


def _log_in(client: Client, username: str, password: str, address: str = "203.0.113.7") -> str:
    """Submit the log-in form; return "in" when logged in, else the page's alert text."""
    response = client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)
    if response.status_code == 302:
        return "in"
    alert = re.search(r'<div class="alert" role="alert">(.*?)</div>', response.content.decode(), re.DOTALL)
    assert alert is not None
    return " ".join(re.sub(r"<[^>]+>", " ", alert.group(1)).split())


def _fail(client: Client, username: str, times: int, address: str = "203.0.113.7") -> list[str]:
    return [_log_in(client, username, "wrong-password", address) for _ in range(times)]


def test_a_wrong_password_says_so(client: Client, alice: User) -> None:
    assert _log_in(client, "alice", "wrong-password") == "Your username and password did not match. Please try again."


def test_five_failures_lock_the_username_even_for_the_right_password(client: Client, alice: User) -> None:
    messages = _fail(client, "alice", 5)
    assert messages[-1] == LOCKED
    assert all(m.startswith("Your username and password did not match") for m in messages[:4])
    assert _log_in(client, "alice", PASSWORD) == LOCKED
    assert "_auth_user_id" not in client.session


def test_the_username_lock_holds_from_any_address(client: Client, alice: User) -> None:
    for number in range(5):
        _fail(client, "alice", 1, address=f"198.51.100.{number}")
    assert _log_in(client, "alice", PASSWORD, address="192.0.2.99") == LOCKED


def test_the_lock_ignores_case_and_spaces(client: Client, alice: User) -> None:
    _fail(client, "ALICE", 3)
    _fail(client, " alice ", 2)
    assert _log_in(client, "alice", PASSWORD) == LOCKED


def test_a_lock_does_not_tell_whether_the_account_exists(client: Client, alice: User) -> None:
    real = _fail(client, "alice", 6)
    made_up = _fail(client, "nobody-by-this-name", 6)
    assert real == made_up
    assert LoginAttempt.objects.filter(username="nobody-by-this-name").count() == 5


def test_attempts_while_locked_do_not_extend_the_lock(client: Client, alice: User) -> None:
    _fail(client, "alice", 5)
    _fail(client, "alice", 10)
    assert LoginAttempt.objects.filter(username="alice").count() == 5


def test_the_lock_ends_after_fifteen_minutes(client: Client, alice: User) -> None:
    _fail(client, "alice", 5)
    LoginAttempt.objects.update(attempted_at=timezone.now() - timedelta(minutes=15, seconds=1))
    assert _log_in(client, "alice", PASSWORD) == "in"


def test_the_message_counts_down(client: Client, alice: User) -> None:
    _fail(client, "alice", 5)
    LoginAttempt.objects.update(attempted_at=timezone.now() - timedelta(minutes=11, seconds=30))
    assert _log_in(client, "alice", PASSWORD) == "Too many failed attempts; try again in 4 minutes."


def test_failures_spread_wider_than_the_window_do_not_lock(client: Client, alice: User) -> None:
    _fail(client, "alice", 4)
    LoginAttempt.objects.update(attempted_at=timezone.now() - timedelta(minutes=16))
    _fail(client, "alice", 1)
    assert _log_in(client, "alice", PASSWORD) == "in"


def test_success_resets_the_username_count(client: Client, alice: User) -> None:
    _fail(client, "alice", 4)
    assert _log_in(client, "alice", PASSWORD) == "in"
    client.post(reverse("logout"))
    messages = _fail(client, "alice", 4)
    assert LOCKED not in messages
    assert _log_in(client, "alice", PASSWORD) == "in"


def test_twenty_failures_from_one_address_lock_that_address(client: Client, alice: User) -> None:
    for number in range(20):
        _fail(client, f"guess-{number}", 1, address="203.0.113.50")
    assert _log_in(client, "alice", PASSWORD, address="203.0.113.50") == LOCKED
    assert _log_in(client, "alice", PASSWORD, address="203.0.113.51") == "in"


def test_success_does_not_reset_the_address_count(client: Client, alice: User) -> None:
    for number in range(19):
        _fail(client, f"guess-{number}", 1, address="203.0.113.50")
    assert _log_in(client, "alice", PASSWORD, address="203.0.113.50") == "in"
    client.post(reverse("logout"))
    assert _fail(client, "guess-last", 1, address="203.0.113.50") == [LOCKED]


def test_the_admin_log_in_page_is_throttled_too(client: Client) -> None:
    make_user("root", is_staff=True, is_superuser=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "root", "password": "wrong-password"})
    response = client.post("/admin/login/?next=/admin/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_client_address_comes_from_the_proxy_only_when_told(client: Client, settings: object) -> None:
    forged = {"HTTP_X_FORWARDED_FOR": "10.9.9.9, 192.0.2.1", "REMOTE_ADDR": "127.0.0.1"}
    client.post(reverse("login"), {"username": "x", "password": "y"}, **forged)  # type: ignore[arg-type]
    settings.PROFICIO_BEHIND_PROXY = True  # type: ignore[attr-defined]
    client.post(reverse("login"), {"username": "x", "password": "y"}, **forged)  # type: ignore[arg-type]
    addresses = list(LoginAttempt.objects.order_by("pk").values_list("ip_address", flat=True))
    assert addresses == ["127.0.0.1", "192.0.2.1"]


def test_a_forged_address_that_is_not_an_ip_is_not_stored(client: Client, settings: object) -> None:
    settings.PROFICIO_BEHIND_PROXY = True  # type: ignore[attr-defined]
    client.post(
        reverse("login"),
        {"username": "x", "password": "y"},
        HTTP_X_FORWARDED_FOR="'; DROP TABLE x; --",
        REMOTE_ADDR="192.0.2.8",
    )
    assert list(LoginAttempt.objects.values_list("ip_address", flat=True)) == ["192.0.2.8"]
