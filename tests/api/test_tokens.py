"""Personal access tokens: hashed at rest, scoped, expiring, revocable — and the session still works beside them."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from proficio.accounts.models import User
from proficio.api import tokens
from proficio.api.models import AccessToken
from proficio.evidence.models import Assessment
from tests.api.conftest import Cast, secret_for

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls")]


def _bearer(secret: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _new_assessment(cast: Cast) -> dict[str, object]:
    return {
        "section": cast.world.section.pk,
        "title": "Quiz",
        "kind": "formative",
        "assessed_on": "2025-11-03",
        "indicators": [cast.world.indicator.pk],
    }


def test_only_a_hash_of_the_secret_is_stored(cast: Cast) -> None:
    issued = tokens.issue(user=cast.world.teacher, name="sync", scope="read", lifetime=timedelta(days=7))
    row = AccessToken.objects.filter(pk=issued.token.pk).values().get()
    assert row["secret_hash"] == hashlib.sha256(issued.secret.encode()).hexdigest()
    assert issued.secret not in {str(value) for value in row.values()}
    assert row["prefix"] == issued.secret[:12] and issued.secret.startswith("pfo_") and len(issued.secret) > 40


def test_a_token_acts_as_its_owner_and_records_its_use(cast: Cast) -> None:
    secret = secret_for(cast.world.teacher, "read")
    token = AccessToken.objects.get()
    assert token.last_used_at is None
    response = _bearer(secret).get("/api/v1/students")
    assert [s["id"] for s in response.json()["items"]] == [cast.world.student.pk]
    token.refresh_from_db()
    assert token.last_used_at is not None and timezone.now() - token.last_used_at < timedelta(minutes=1)


def test_a_read_only_token_cannot_write(cast: Cast) -> None:
    client = _bearer(secret_for(cast.world.teacher, "read"))
    before = Assessment.objects.count()
    response = client.post("/api/v1/assessments", _new_assessment(cast), content_type="application/json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden" and "read-only" in response.json()["error"]["message"]
    assert Assessment.objects.count() == before
    assert client.get("/api/v1/assessments").status_code == 200


def test_a_write_token_writes_without_a_csrf_token(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {secret_for(cast.world.teacher)}")
    response = client.post("/api/v1/assessments", _new_assessment(cast), content_type="application/json")
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("state", ["expired", "revoked", "unknown", "inactive owner", "empty"])
def test_a_dead_token_is_a_401_even_beside_a_live_session(cast: Cast, state: str) -> None:
    secret = secret_for(cast.world.teacher)
    token = AccessToken.objects.get()
    if state == "expired":
        AccessToken.objects.filter(pk=token.pk).update(created_at=timezone.now() - timedelta(days=40))
        AccessToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    elif state == "revoked":
        tokens.revoke(token)
    elif state == "unknown":
        secret = secret[:-4] + "AAAA"
    elif state == "inactive owner":
        cast.world.teacher.is_active = False
        cast.world.teacher.save()
    else:
        secret = ""
    client = _bearer(secret)
    client.force_login(cast.leader)  # a session would let the request through; a sent token must not fall back
    response = client.get("/api/v1/students")
    assert response.status_code == 401, state
    assert response.json()["error"]["code"] == "unauthenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")
    if state in {"expired", "revoked"}:
        assert state in response.json()["error"]["message"]


def test_no_credentials_is_a_401(cast: Cast) -> None:
    for client in (Client(), Client(HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz")):
        response = client.get("/api/v1/schools")
        assert response.status_code == 401 and response.json()["error"]["code"] == "unauthenticated"


def test_the_session_works_and_its_writes_need_the_csrf_token(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.world.teacher)
    assert client.get("/api/v1/sections").status_code == 200
    refused = client.post("/api/v1/assessments", _new_assessment(cast), content_type="application/json")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    client.get("/account/tokens/")  # any page with a form sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    accepted = client.post(
        "/api/v1/assessments", _new_assessment(cast), content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )
    assert accepted.status_code == 201, accepted.content


def test_a_token_lives_at_most_a_year(cast: Cast) -> None:
    with pytest.raises(ValueError):
        tokens.issue(user=cast.world.teacher, name="forever", scope="read", lifetime=timedelta(days=400))
    now = timezone.now()
    token = AccessToken(
        user=cast.world.teacher,
        name="x",
        prefix="pfo_x",
        secret_hash="0" * 64,
        created_at=now,
        expires_at=now + timedelta(days=400),
    )
    with pytest.raises(ValidationError):
        token.full_clean()
    assert not AccessToken.objects.exists()


def test_last_use_is_written_at_most_once_a_minute(cast: Cast) -> None:
    client = _bearer(secret_for(cast.world.teacher, "read"))
    client.get("/api/v1/schools")
    first = AccessToken.objects.get().last_used_at
    client.get("/api/v1/schools")
    assert AccessToken.objects.get().last_used_at == first
    AccessToken.objects.update(last_used_at=timezone.now() - timedelta(minutes=2))
    client.get("/api/v1/schools")
    assert AccessToken.objects.get().last_used_at > first


def test_an_administrator_revokes_a_leaked_token_in_the_admin(cast: Cast) -> None:
    secret = secret_for(cast.world.teacher)
    token = AccessToken.objects.get()
    superuser = User.objects.create_superuser("root", password="a-long-test-password")
    client = Client()
    client.force_login(superuser)
    listing = client.get("/admin/api/accesstoken/")
    assert listing.status_code == 200 and token.prefix in listing.content.decode()
    assert token.secret_hash not in listing.content.decode()
    response = client.post("/admin/api/accesstoken/", {"action": "revoke", "_selected_action": [token.pk]})
    assert response.status_code == 302
    assert _bearer(secret).get("/api/v1/schools").status_code == 401
    assert client.get("/admin/api/accesstoken/add/").status_code == 403
