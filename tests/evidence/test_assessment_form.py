"""Creating an assessment: aligned to indicators, copied to other sections, refused with reasons."""

from __future__ import annotations

import pytest
from django.test import Client

from proficio.evidence.models import Assessment
from proficio.roster.models import Enrollment, Section
from tests.factories import World, make_world

pytestmark = pytest.mark.django_db


def _client(world: World) -> Client:
    client = Client()
    assert client.login(username=world.teacher.username, password="a-long-test-password")
    return client


def _post(client: Client, section: Section, **fields: object) -> object:
    data = {"title": "Literary analysis", "kind": "summative", "assessed_on": "2026-03-02", **fields}
    return client.post(f"/sections/{section.pk}/assessments/new/", data)


def test_a_teacher_creates_an_assessment_and_lands_on_its_scoring_screen() -> None:
    world = make_world()
    response = _post(_client(world), world.section, indicators=[world.indicator.pk, world.other_indicator.pk])
    created = Assessment.objects.get(title="Literary analysis")
    assert response.status_code == 302 and response["Location"] == f"/assessments/{created.pk}/score/"
    assert set(created.indicators.all()) == {world.indicator, world.other_indicator}
    assert created.created_by == world.teacher and created.kind == "summative"


def test_it_can_be_copied_to_another_section_of_the_same_course() -> None:
    world = make_world()
    twin = Section.objects.create(course=world.section.course, session=world.section.session, name="English 9 — p2")
    Enrollment.objects.create(section=twin, user=world.teacher, role=Enrollment.Role.TEACHER)
    _post(_client(world), world.section, indicators=[world.indicator.pk], copy_to=[twin.pk])
    copies = Assessment.objects.filter(title="Literary analysis")
    assert {a.section_id for a in copies} == {world.section.pk, twin.pk}
    assert all(list(a.indicators.all()) == [world.indicator] for a in copies)


def test_an_assessment_needs_indicators_and_a_title_and_changes_nothing_otherwise() -> None:
    world = make_world()
    response = _post(_client(world), world.section, title="")
    assert response.status_code == 200
    content = response.content.decode()
    assert "This field is required." in content
    assert Assessment.objects.filter(section=world.section).count() == 1  # only the factory's


def test_work_habits_and_academic_indicators_are_not_mixed() -> None:
    world = make_world()
    response = _post(_client(world), world.section, indicators=[world.indicator.pk, world.habit_indicator.pk])
    assert "Work habits are scored on their own scale" in response.content.decode()
    assert not Assessment.objects.filter(title="Literary analysis").exists()


def test_a_retake_cannot_come_before_the_original() -> None:
    world = make_world()
    response = _post(
        _client(world),
        world.section,
        indicators=[world.indicator.pk],
        retake_of=world.assessment.pk,
        assessed_on="2025-09-01",
    )
    assert "A retake cannot happen before the original assessment." in response.content.decode()
    assert not Assessment.objects.filter(title="Literary analysis").exists()


def test_another_teacher_cannot_create_assessments_in_the_section() -> None:
    world = make_world()
    other = make_world("other")
    assert _client(other).get(f"/sections/{world.section.pk}/assessments/new/").status_code == 404
    assert _post(_client(other), world.section, indicators=[world.indicator.pk]).status_code == 404
    assert not Assessment.objects.filter(title="Literary analysis").exists()


def test_a_teacher_edits_an_assessment_but_cannot_unalign_a_scored_indicator() -> None:
    from proficio.evidence.services import record_score

    world = make_world()
    client = _client(world)
    record_score(
        student=world.student, indicator=world.indicator, value=3, scorer=world.teacher, assessment=world.assessment
    )
    url = f"/assessments/{world.assessment.pk}/edit/"
    base = {"title": "Argument essay (final)", "kind": "summative", "assessed_on": "2025-10-01"}
    refused = client.post(url, {**base, "indicators": [world.other_indicator.pk]})
    assert "cannot be removed" in refused.content.decode()
    world.assessment.refresh_from_db()
    assert world.assessment.title == "Argument essay"
    saved = client.post(url, {**base, "indicators": [world.indicator.pk, world.other_indicator.pk]})
    assert saved.status_code == 302
    world.assessment.refresh_from_db()
    assert world.assessment.title == "Argument essay (final)"
    assert set(world.assessment.indicators.all()) == {world.indicator, world.other_indicator}
    assert _client(make_world("other")).get(url).status_code == 404
