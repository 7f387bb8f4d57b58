"""The tokens page: make a token (secret shown once), see one's own, revoke it. Server-rendered, CSP-clean."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from proficio.api import views
from proficio.api.models import AccessToken
from tests.api.conftest import Cast, secret_for

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls")]

URL = "/account/tokens/"


def _logged_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_page_needs_a_log_in(cast: Cast) -> None:
    response = Client().get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_making_a_token_shows_its_secret_once(cast: Cast) -> None:
    client = _logged_in(cast.world.teacher)
    response = client.post(URL, {"name": "Gradebook sync", "scope": "write", "lifetime": "30"})
    assert response.status_code == 201
    assert "no-store" in response["Cache-Control"]
    token = AccessToken.objects.get(user=cast.world.teacher)
    secret = re.search(r'value="(pfo_[^"]+)"', response.content.decode())
    assert secret is not None and tokens_hash(secret.group(1)) == token.secret_hash
    assert token.name == "Gradebook sync" and token.scope == "write"
    assert 29 <= (token.expires_at - token.created_at).days <= 30
    again = client.get(URL).content.decode()
    assert secret.group(1) not in again and token.prefix in again and "Gradebook sync" in again


def tokens_hash(secret: str) -> str:
    from proficio.api.tokens import hash_secret

    return hash_secret(secret)


def test_a_made_token_works_against_the_api(cast: Cast) -> None:
    response = _logged_in(cast.guardian).post(URL, {"name": "family app", "scope": "read", "lifetime": "7"})
    secret = re.search(r'value="(pfo_[^"]+)"', response.content.decode())
    assert secret is not None
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret.group(1)}")
    assert [s["id"] for s in api.get("/api/v1/students").json()["items"]] == [cast.world.student.pk]


def test_the_form_refuses_what_it_cannot_make(cast: Cast) -> None:
    client = _logged_in(cast.world.teacher)
    for data in (
        {"name": "", "scope": "read", "lifetime": "30"},
        {"name": "x", "scope": "admin", "lifetime": "30"},
        {"name": "x", "scope": "read", "lifetime": "1000"},
    ):
        assert client.post(URL, data).status_code == 422, data
    assert not AccessToken.objects.exists()


def test_too_many_live_tokens_are_refused(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "MAX_USABLE_TOKENS", 2)
    secret_for(cast.world.teacher)
    secret_for(cast.world.teacher)
    response = _logged_in(cast.world.teacher).post(URL, {"name": "third", "scope": "read", "lifetime": "7"})
    assert response.status_code == 422 and "revoke one" in response.content.decode()
    assert AccessToken.objects.count() == 2


def test_a_user_lists_and_revokes_only_their_own_tokens(cast: Cast) -> None:
    mine = secret_for(cast.world.teacher)
    secret_for(cast.colleague)
    theirs = AccessToken.objects.get(user=cast.colleague)
    client = _logged_in(cast.world.teacher)
    page = client.get(URL).content.decode()
    assert page.count("<tr>") == 2  # the header row and one token: the colleague's is not listed
    assert client.post(f"/account/tokens/{theirs.pk}/revoke/").status_code == 404
    token = AccessToken.objects.get(user=cast.world.teacher)
    assert client.get(f"/account/tokens/{token.pk}/revoke/").status_code == 405
    response = client.post(f"/account/tokens/{token.pk}/revoke/", follow=True)
    assert "is revoked" in response.content.decode() and "Revoked" in response.content.decode()
    token.refresh_from_db()
    theirs.refresh_from_db()
    assert token.revoked_at is not None and theirs.revoked_at is None
    assert Client(HTTP_AUTHORIZATION=f"Bearer {mine}").get("/api/v1/schools").status_code == 401


def test_the_page_has_no_inline_script_or_style(cast: Cast) -> None:
    client = _logged_in(cast.world.teacher)
    secret_for(cast.world.teacher)
    html = client.post(URL, {"name": "x", "scope": "read", "lifetime": "7"}).content.decode()
    assert all(' src="' in tag for tag in re.findall(r"<script[^>]*>", html))
    assert not re.search(r"\sstyle=|\son[a-z]+=|javascript:", html)
