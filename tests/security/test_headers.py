"""Every response carries the strict Content-Security-Policy and the other protective headers."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from proficio.accounts.models import User
from tests.factories import make_user

pytestmark = pytest.mark.django_db

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


@pytest.fixture
def admin_user() -> User:
    return make_user("root", is_staff=True, is_superuser=True)


def _assert_protected(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    assert headers["Content-Security-Policy"] == POLICY
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_a_page_has_the_headers(client: Client) -> None:
    response = client.get(reverse("login"))
    assert response.status_code == 200
    _assert_protected(response)


def test_a_json_api_response_has_the_headers(client: Client, admin_user: User) -> None:
    client.force_login(admin_user)
    response = client.get("/api/v1/schools")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    _assert_protected(response)


def test_an_api_error_has_the_headers(client: Client) -> None:
    response = client.get("/api/v1/schools")  # not logged in
    assert response.status_code == 401
    _assert_protected(response)


def test_a_404_has_the_headers(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    _assert_protected(response)


def test_a_redirect_has_the_headers(client: Client) -> None:
    response = client.get(reverse("home"))
    assert response.status_code == 302
    _assert_protected(response)


def test_a_static_file_has_the_policy(client: Client) -> None:
    """WhiteNoise answers before Django's header middleware runs, but after ours."""
    response = client.get("/static/proficio/site.css")
    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def _inline_scripts(html: str) -> list[str]:
    """``<script>`` tags that would run inline code: no ``src`` and not a JSON data block."""
    tags = re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE)
    return [tag for tag in tags if "src=" not in tag and "application/json" not in tag]


def test_the_admin_needs_no_inline_script(client: Client, admin_user: User) -> None:
    """Django 5.2's admin keeps its JavaScript in static files, so ``script-src 'self'`` does not break it."""
    login_page = client.get("/admin/login/")
    assert login_page.status_code == 200
    _assert_protected(login_page)
    assert _inline_scripts(login_page.content.decode()) == []
    assert not re.search(r"<[^>]+\son[a-z]+=", login_page.content.decode())
    client.force_login(admin_user)
    for url in ("/admin/", "/admin/accounts/user/", f"/admin/accounts/user/{admin_user.pk}/change/"):
        page = client.get(url)
        assert page.status_code == 200, url
        _assert_protected(page)
        assert _inline_scripts(page.content.decode()) == [], url
        assert not re.search(r"<[^>]+\son[a-z]+=", page.content.decode()), url


def test_the_api_docs_need_no_inline_script(client: Client, admin_user: User) -> None:
    client.force_login(admin_user)
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    _assert_protected(response)
    html = response.content.decode()
    assert _inline_scripts(html) == []
    assert "cdn." not in html  # Swagger UI comes from our static files, so script-src 'self' allows it


def test_the_csrf_failure_page_needs_no_inline_style() -> None:
    """Django's own CSRF failure page has an inline <style>; ours (templates/403_csrf.html) does not."""
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    _assert_protected(response)
    html = response.content.decode()
    assert "This form has expired" in html
    assert "<style" not in html
