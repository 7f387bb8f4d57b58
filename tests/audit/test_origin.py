"""From where: the client's address, believing X-Forwarded-For only from proxies the operator named."""

from __future__ import annotations

from typing import Any

from django.test import RequestFactory

from proficio.audit.origin import USER_AGENT_MAX, client_ip, user_agent

FORGED = "10.9.9.9, 192.0.2.1"


def _request(remote: str = "127.0.0.1", forwarded: str | None = FORGED, agent: str = "") -> Any:
    extra: dict[str, Any] = {"REMOTE_ADDR": remote, "HTTP_USER_AGENT": agent}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_the_header_is_ignored_unless_proxies_are_named(settings: Any) -> None:
    settings.PROFICIO_TRUSTED_PROXIES = []
    settings.PROFICIO_BEHIND_PROXY = False
    assert client_ip(_request()) == "127.0.0.1"


def test_the_header_is_read_from_the_right_past_trusted_proxies(settings: Any) -> None:
    settings.PROFICIO_TRUSTED_PROXIES = "127.0.0.1, 192.0.2.0/24"
    assert client_ip(_request()) == "10.9.9.9"
    settings.PROFICIO_TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(_request()) == "192.0.2.1"  # the entry our proxy appended; the rest the client wrote


def test_a_request_not_from_a_trusted_proxy_keeps_its_own_address(settings: Any) -> None:
    settings.PROFICIO_TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(_request(remote="198.51.100.4")) == "198.51.100.4"


def test_garbage_in_the_header_stops_the_walk(settings: Any) -> None:
    settings.PROFICIO_TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(_request(forwarded="1.2.3.4, <script>")) == "127.0.0.1"
    assert client_ip(_request(forwarded="")) == "127.0.0.1"


def test_one_proxy_of_our_own_gives_the_last_entry_like_the_log_in_throttle(settings: Any) -> None:
    settings.PROFICIO_TRUSTED_PROXIES = []
    settings.PROFICIO_BEHIND_PROXY = True
    assert client_ip(_request()) == "192.0.2.1"


def test_no_request_and_no_valid_address_give_nothing() -> None:
    assert client_ip(None) is None
    assert client_ip(_request(remote="not-an-address", forwarded=None)) is None
    assert user_agent(None) == ""


def test_the_browser_is_kept_within_bounds() -> None:
    assert user_agent(_request(agent="x" * 2000)) == "x" * USER_AGENT_MAX
