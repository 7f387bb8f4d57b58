"""The header offers two-factor set-up to staff only, and API tokens to everyone signed in."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import World, make_world

pytestmark = pytest.mark.django_db


def _page(world: World, username: str) -> str:
    client = Client()
    assert client.login(username=username, password="a-long-test-password")
    return client.get("/").content.decode()


def test_staff_see_the_two_factor_link_and_students_do_not() -> None:
    world = make_world()
    teacher_page = _page(world, world.teacher.username)
    student_page = _page(world, world.student.user.username)
    assert 'href="/account/two-factor/"' in teacher_page and 'href="/account/tokens/"' in teacher_page
    assert 'href="/account/two-factor/"' not in student_page and 'href="/account/tokens/"' in student_page
