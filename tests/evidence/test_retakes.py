"""Re-assessments (retakes): linked to the original, given to the students who need them, scored only for them."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from proficio.evidence.models import Assessment, Score
from proficio.evidence.services import record_score, students_needing_retake
from proficio.roster.models import Enrollment, Student
from tests.factories import World, make_user, make_world

pytestmark = pytest.mark.django_db


def _client(world: World) -> Client:
    client = Client()
    assert client.login(username=world.teacher.username, password="a-long-test-password")
    return client


def _classmate(world: World, first: str) -> Student:
    user = make_user(f"{first.lower()}.{world.section.pk}", first_name=first, last_name="Classmate")
    student = Student.objects.create(
        user=user, school=world.school, student_number=f"{first}-{world.section.pk}", grade=9
    )
    Enrollment.objects.create(section=world.section, user=user, role=Enrollment.Role.STUDENT)
    return student


def _academic_original(world: World) -> Assessment:
    original = Assessment.objects.create(
        section=world.section, title="Essay 1", kind=Assessment.Kind.SUMMATIVE, assessed_on=date(2025, 10, 6)
    )
    original.indicators.set([world.indicator])
    return original


def test_students_below_proficient_or_unscored_on_the_original_need_a_retake() -> None:
    world = make_world()
    proficient, below = _classmate(world, "Pat"), _classmate(world, "Lee")
    original = _academic_original(world)
    record_score(student=proficient, indicator=world.indicator, value=3, scorer=world.teacher, assessment=original)
    record_score(student=below, indicator=world.indicator, value=2, scorer=world.teacher, assessment=original)
    # world.student has no score on the original at all: they need it too.
    assert {s.pk for s in students_needing_retake(original)} == {below.pk, world.student.pk}


def test_the_form_ticks_the_students_who_need_the_retake() -> None:
    world = make_world()
    proficient, below = _classmate(world, "Pat"), _classmate(world, "Lee")
    original = _academic_original(world)
    record_score(student=proficient, indicator=world.indicator, value=4, scorer=world.teacher, assessment=original)
    record_score(student=below, indicator=world.indicator, value=1, scorer=world.teacher, assessment=original)
    html = _client(world).get(f"/sections/{world.section.pk}/retake-candidates/?retake_of={original.pk}").content
    page = html.decode()
    assert "Ticked: the 2 students not yet proficient on “Essay 1”" in page
    assert f'value="{below.pk}"' in page and f'value="{proficient.pk}"' in page
    ticked = {int(v) for v in re.findall(r'<input[^>]*value="(\d+)"[^>]*checked', page)}
    assert ticked == {below.pk, world.student.pk}


def test_a_retake_for_some_students_is_scored_only_for_them() -> None:
    world = make_world()
    other = _classmate(world, "Pat")
    original = _academic_original(world)
    client = _client(world)
    response = client.post(
        f"/sections/{world.section.pk}/assessments/new/",
        {
            "title": "Essay 1 — retake",
            "kind": "summative",
            "assessed_on": "2025-10-20",
            "indicators": [world.indicator.pk],
            "retake_of": original.pk,
            "retakers": [world.student.pk],
        },
    )
    retake = Assessment.objects.get(title="Essay 1 — retake")
    assert response.status_code == 302
    assert retake.retake_of == original and list(retake.retakers.all()) == [world.student]
    screen = client.get(f"/assessments/{retake.pk}/score/").content.decode()
    assert str(world.student) in screen and str(other) not in screen
    url = f"/assessments/{retake.pk}/scores/"
    assert client.post(url, {"student": other.pk, "indicator": world.indicator.pk, "value": "3"}).status_code == 404
    assert (
        client.post(url, {"student": world.student.pk, "indicator": world.indicator.pk, "value": "3"}).status_code
        == 200
    )
    assert Score.objects.filter(assessment=retake).count() == 1
    # The teacher's home counts one slot (the one retaking student), so the retake is no longer waiting.
    assert f"/assessments/{retake.pk}/score/" not in client.get("/").content.decode()


def test_choosing_retakers_without_an_original_is_refused() -> None:
    world = make_world()
    response = _client(world).post(
        f"/sections/{world.section.pk}/assessments/new/",
        {
            "title": "Quiz",
            "kind": "summative",
            "assessed_on": "2025-10-20",
            "indicators": [world.indicator.pk],
            "retakers": [world.student.pk],
        },
    )
    assert "Choose the assessment being retaken" in response.content.decode()
    assert not Assessment.objects.filter(title="Quiz").exists()


def test_retake_candidates_are_only_for_the_sections_own_teachers() -> None:
    world = make_world()
    original = _academic_original(world)
    stranger = make_world("other")
    url = f"/sections/{world.section.pk}/retake-candidates/?retake_of={original.pk}"
    assert _client(stranger).get(url).status_code == 404
    # An original from another section cannot be named either.
    foreign = stranger.assessment
    assert (
        _client(world).get(f"/sections/{world.section.pk}/retake-candidates/?retake_of={foreign.pk}").status_code == 404
    )
