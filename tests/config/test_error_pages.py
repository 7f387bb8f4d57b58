"""Error pages look like the rest of the site and say what happened in plain words."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client

from tests.factories import make_world

pytestmark = pytest.mark.django_db


def test_a_missing_or_forbidden_record_gets_the_sites_404_page() -> None:
    world = make_world()
    client = Client()
    assert client.login(username=world.teacher.username, password="a-long-test-password")
    response = client.get("/sections/999999/gradebook/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Not found" in page and "nothing you have access to" in page and "Signed in as" in page


def test_the_500_page_renders_without_a_request() -> None:
    assert "Something went wrong" in render_to_string("500.html")
