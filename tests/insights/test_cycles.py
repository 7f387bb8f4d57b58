"""Improvement cycles: the figure is measured at the start and when studied, the change is computed, and an
ended cycle is a closed record; coaches run cycles too (figures only)."""

from __future__ import annotations

import pytest

from proficio.accounts.models import Role
from proficio.insights import cycles, metrics
from proficio.insights.models import ImprovementCycle
from proficio.proficiency.models import StandardResult
from tests.factories import World, make_world
from tests.insights.test_views import _client, _member

pytestmark = pytest.mark.django_db


def _proficient(world: World, value: bool) -> None:
    StandardResult.objects.update_or_create(
        student=world.student,
        standard=world.standard,
        defaults={"framework": world.framework, "is_proficient": value, "policy_version": 1},
    )


def test_a_cycle_measures_its_figure_before_and_after_and_reports_the_change() -> None:
    world = make_world()
    world.student.grade = 10
    world.student.save()
    _proficient(world, False)
    leader = _member(world, "leader", Role.SCHOOL_LEADER)
    key = f"proficient:{world.standard.pk}"
    cycle = cycles.start_cycle(school=world.school, by=leader, title="Peer review", metric=key, plan="Drafts improve.")
    assert cycle.value_before == 0.0 and cycle.metric_label.endswith("ELA.1 Reading")
    _proficient(world, True)
    cycles.record_progress(cycle=cycle, do="Ran it.", study="It worked.", measure_again=False, decision="adopt")
    cycle.refresh_from_db()
    assert cycle.value_after == 1.0 and cycle.ended_on is not None  # a decision measures when nobody did
    line = cycles.cycle_line(cycle)
    assert (line.before, line.after, line.change) == ("0 %", "100 %", "+100 points")
    with pytest.raises(cycles.CycleError):
        cycles.record_progress(cycle=cycle, do="", study="", measure_again=True)


def test_an_unknown_metric_is_refused_and_counts_read_as_counts() -> None:
    world = make_world()
    leader = _member(world, "leader", Role.SCHOOL_LEADER)
    with pytest.raises(cycles.CycleError):
        cycles.start_cycle(school=world.school, by=leader, title="x", metric="proficient:999999", plan="y")
    assert not ImprovementCycle.objects.exists()
    assert metrics.shown(14.0, is_share=False) == "14" and metrics.change(14.0, 11.0, is_share=False) == "−3"
    assert metrics.change(0.5, 0.5, is_share=True) == "±0 points"


def test_a_coach_starts_a_cycle_on_a_coached_school_and_a_stranger_cannot_see_it() -> None:
    world = make_world()
    coach = _client(_member(world, "coach", Role.COACH))
    response = coach.post(
        f"/insights/schools/{world.school.pk}/cycles/",
        {"title": "Exit tickets", "metric": "on_track", "plan": "More on track."},
    )
    cycle = ImprovementCycle.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/insights/cycles/{cycle.pk}/"
    page = coach.get(f"/insights/cycles/{cycle.pk}/").content.decode()
    assert "Share of high-school students on track to graduate" in page
    other = make_world("other")
    stranger = _client(_member(other, "leader", Role.SCHOOL_LEADER))
    assert stranger.get(f"/insights/cycles/{cycle.pk}/").status_code == 404
