"""Writes without the CSRF token are refused: forms, htmx/fetch endpoints and the session-authenticated API."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_user, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict() -> Client:
    return Client(enforce_csrf_checks=True)


def test_the_log_in_form_needs_the_token(strict: Client) -> None:
    make_user("alice")
    response = strict.post(reverse("login"), {"username": "alice", "password": "a-long-test-password"})
    assert response.status_code == 403


def test_a_scoring_post_needs_the_token(strict: Client) -> None:
    world = make_world()
    strict.force_login(world.teacher)
    url = reverse("save-score", args=[world.assessment.pk])
    response = strict.post(url, {"student": world.student.pk, "indicator": world.indicator.pk, "value": "3"})
    assert response.status_code == 403


def test_a_session_authenticated_api_write_needs_the_token(strict: Client) -> None:
    strict.force_login(make_user("root", is_staff=True, is_superuser=True))
    response = strict.post("/api/v1/imports/case", data=b"{}", content_type="application/json")
    assert response.status_code == 403


def test_two_factor_set_up_needs_the_token(strict: Client) -> None:
    strict.force_login(make_world().teacher)
    assert strict.post(reverse("two_factor"), {"code": "123456"}).status_code == 403
