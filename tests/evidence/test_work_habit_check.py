"""Quick work-habit scoring: one click opens today's check of every work habit, reported apart."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from proficio.evidence.models import Assessment
from proficio.evidence.services import WORK_HABIT_CHECK_TITLE
from tests.factories import World, make_world

pytestmark = pytest.mark.django_db


def _client(world: World) -> Client:
    client = Client()
    assert client.login(username=world.teacher.username, password="a-long-test-password")
    return client


def test_one_click_opens_todays_check_of_every_work_habit() -> None:
    world = make_world()
    client = _client(world)
    assert "Score work habits today" in client.get(f"/sections/{world.section.pk}/work-habits/").content.decode()
    response = client.post(f"/sections/{world.section.pk}/work-habits/check/")
    check = Assessment.objects.get(section=world.section, title=WORK_HABIT_CHECK_TITLE)
    assert response.status_code == 302 and response["Location"] == f"/assessments/{check.pk}/score/"
    assert list(check.indicators.all()) == [world.habit_indicator]
    assert check.assessed_on == timezone.localdate() and check.kind == Assessment.Kind.SUMMATIVE
    screen = client.get(response["Location"]).content.decode()
    assert world.habit_indicator.code in screen and str(world.student) in screen
    # The same day, the same check: a second click never creates a duplicate.
    assert client.post(f"/sections/{world.section.pk}/work-habits/check/")["Location"] == response["Location"]
    assert Assessment.objects.filter(title=WORK_HABIT_CHECK_TITLE).count() == 1


def test_only_the_sections_teachers_may_open_a_check_and_only_by_post() -> None:
    world = make_world()
    stranger = make_world("other")
    url = f"/sections/{world.section.pk}/work-habits/check/"
    assert _client(stranger).post(url).status_code == 404
    assert _client(world).get(url).status_code == 405
    assert Client().post(url).status_code == 302  # to the login page
    assert not Assessment.objects.filter(title=WORK_HABIT_CHECK_TITLE).exists()


def test_a_framework_without_work_habits_says_so() -> None:
    world = make_world()
    world.habit_indicator.standard.delete()
    response = _client(world).post(f"/sections/{world.section.pk}/work-habits/check/", follow=True)
    assert "has no work habits to score" in response.content.decode()
    assert not Assessment.objects.filter(title=WORK_HABIT_CHECK_TITLE).exists()
