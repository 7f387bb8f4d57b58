"""The scoring screen and its save endpoint: who may score, and nothing is ever silently dropped or overwritten."""

from __future__ import annotations

import pytest
from django.test import Client

from proficio.accounts.models import Membership, Role
from proficio.evidence.models import Score
from proficio.proficiency.models import IndicatorResult
from tests.factories import World, make_user, make_world

pytestmark = pytest.mark.django_db


def _client_for(world: World) -> Client:
    client = Client()
    assert client.login(username=world.teacher.username, password="a-long-test-password")
    return client


def _save(client: Client, world: World, value: str = "3", **extra: str) -> object:
    data = {"student": world.student.pk, "indicator": world.indicator.pk, "value": value, **extra}
    return client.post(f"/assessments/{world.assessment.pk}/scores/", data)


def test_the_scoring_screen_lists_students_indicators_and_criteria() -> None:
    world = make_world()
    response = _client_for(world).get(f"/assessments/{world.assessment.pk}/score/")
    assert response.status_code == 200
    content = response.content.decode()
    assert f"{world.student}, {world.indicator.code}" in content
    assert 'data-levels="1 2 3 4"' in content
    assert "proficio/scoring.js" in content
    assert "<script>" not in content  # no inline script: the page works under a strict CSP


def test_a_keystroke_records_a_score_and_returns_the_new_level() -> None:
    world = make_world()
    response = _save(_client_for(world), world, "3")
    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "score": Score.objects.get().pk,
        "value": "3",
        "corrected": False,
        "level": "3 – Meets",
    }
    assert IndicatorResult.objects.get(student=world.student, indicator=world.indicator).level.label == "Meets"


def test_changing_a_score_without_a_reason_is_refused_and_changes_nothing() -> None:
    world = make_world()
    client = _client_for(world)
    _save(client, world, "3")
    response = _save(client, world, "4")
    assert response.status_code == 409
    assert "Say why" in response.json()["error"]
    assert list(Score.objects.values_list("value", flat=True)) == [3]


def test_changing_a_score_with_a_reason_supersedes_it() -> None:
    world = make_world()
    client = _client_for(world)
    _save(client, world, "3")
    response = _save(client, world, "4", reason="Scored against the wrong rubric row.")
    assert response.status_code == 200 and response.json()["corrected"] is True
    old, new = Score.objects.order_by("pk")
    assert new.supersedes_id == old.pk and new.reason == "Scored against the wrong rubric row."


def test_typing_the_same_level_again_records_nothing() -> None:
    world = make_world()
    client = _client_for(world)
    _save(client, world, "3")
    assert _save(client, world, "3").status_code == 200
    assert Score.objects.count() == 1


@pytest.mark.parametrize("value", ["2.5", "7", "abc", ""])
def test_a_value_off_the_scale_is_refused_with_a_message(value: str) -> None:
    world = make_world()
    response = _save(_client_for(world), world, value)
    assert response.status_code == 400
    assert response.json()["error"]
    assert not Score.objects.exists()


def test_another_teacher_cannot_see_or_score_the_assessment() -> None:
    world = make_world()
    other = make_world("other")
    client = _client_for(other)
    assert client.get(f"/assessments/{world.assessment.pk}/score/").status_code == 404
    assert _save(client, world, "3").status_code == 404
    assert not Score.objects.exists()


def test_a_school_leader_may_read_the_gradebook_but_not_score() -> None:
    world = make_world()
    leader = make_user("leader")
    Membership.objects.create(user=leader, role=Role.SCHOOL_LEADER, school=world.school)
    client = Client()
    assert client.login(username="leader", password="a-long-test-password")
    assert client.get(f"/sections/{world.section.pk}/gradebook/").status_code == 200
    assert client.get(f"/assessments/{world.assessment.pk}/score/").status_code == 404
    assert _save(client, world, "3").status_code == 404


def test_a_student_outside_the_section_cannot_be_scored_here() -> None:
    world = make_world()
    other = make_world("other")
    client = _client_for(world)
    data = {"student": other.student.pk, "indicator": world.indicator.pk, "value": "3"}
    assert client.post(f"/assessments/{world.assessment.pk}/scores/", data).status_code == 404


def test_saving_needs_post() -> None:
    world = make_world()
    assert _client_for(world).get(f"/assessments/{world.assessment.pk}/scores/").status_code == 405


def test_teacher_home_lists_assessments_waiting_to_be_scored() -> None:
    world = make_world()
    client = _client_for(world)
    home = client.get("/").content.decode()
    assert "Waiting to be scored" in home
    assert f"/assessments/{world.assessment.pk}/score/" in home
    assert "0 of 2 scored" in home  # one student × two aligned indicators
    _save(client, world, "3")
    data = {"student": world.student.pk, "indicator": world.habit_indicator.pk, "value": "2"}
    assert client.post(f"/assessments/{world.assessment.pk}/scores/", data).status_code == 200
    assert f"/assessments/{world.assessment.pk}/score/" not in client.get("/").content.decode()


def test_feedback_can_be_kept_as_a_reusable_comment_for_the_indicator() -> None:
    from proficio.evidence.models import CommentSnippet

    world = make_world()
    client = _client_for(world)
    _save(client, world, "2", feedback="Cite the line that shows the theme.", save_snippet="1")
    snippet = CommentSnippet.objects.get()
    assert (snippet.indicator, snippet.created_by, snippet.text) == (
        world.indicator,
        world.teacher,
        "Cite the line that shows the theme.",
    )
    assert Score.objects.get().feedback == "Cite the line that shows the theme."
    page = client.get(f"/assessments/{world.assessment.pk}/score/").content.decode()
    assert 'data-snippet="Cite the line that shows the theme."' in page
    # Another teacher's saved comments stay theirs.
    other = make_world("other")
    CommentSnippet.objects.create(indicator=world.indicator, created_by=other.teacher, text="Someone else's note")
    assert "Someone else" not in client.get(f"/assessments/{world.assessment.pk}/score/").content.decode()


def test_not_assessed_marks_students_without_scores_and_can_be_cleared() -> None:
    from proficio.evidence.models import NotAssessed

    world = make_world()
    client = _client_for(world)
    url = f"/assessments/{world.assessment.pk}/not-assessed/"
    response = client.post(url, {"student": [world.student.pk], "state": "on"})
    assert response.json() == {"ok": True, "students": [world.student.pk], "skipped": [], "state": "on"}
    assert NotAssessed.objects.filter(assessment=world.assessment, student=world.student).exists()
    assert f"/assessments/{world.assessment.pk}/score/" not in client.get("/").content.decode()  # nothing to do
    client.post(url, {"student": [world.student.pk], "state": "off"})
    assert not NotAssessed.objects.exists()


def test_a_student_with_a_score_is_not_marked_and_scoring_clears_the_mark() -> None:
    from proficio.evidence.models import NotAssessed

    world = make_world()
    client = _client_for(world)
    url = f"/assessments/{world.assessment.pk}/not-assessed/"
    client.post(url, {"student": [world.student.pk], "state": "on"})
    _save(client, world, "3")
    assert not NotAssessed.objects.exists()  # scored after all
    response = client.post(url, {"student": [world.student.pk], "state": "on"})
    assert response.json()["skipped"] == [world.student.pk]
    assert not NotAssessed.objects.exists()


def test_not_assessed_is_refused_for_other_teachers_and_strangers() -> None:
    world = make_world()
    other = make_world("other")
    url = f"/assessments/{world.assessment.pk}/not-assessed/"
    assert _client_for(other).post(url, {"student": [world.student.pk]}).status_code == 404
    assert _client_for(world).post(url, {"student": [other.student.pk]}).status_code == 404
