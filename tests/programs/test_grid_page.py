"""A school's Implementation Grid page: its leaders and coaches update a status, which keeps its history; another
district's leader finds no such school, and another network's activity is refused."""

from __future__ import annotations

import pytest

from proficio.accounts.models import Role
from proficio.programs.catalogue import add_quoted_activities
from proficio.programs.models import GridActivity, GridStatus
from proficio.roster.models import Network
from tests.factories import World, make_world
from tests.insights.test_views import _client, _member

pytestmark = pytest.mark.django_db


def _networked(prefix: str = "w") -> World:
    world = make_world(prefix)
    world.district.network = Network.objects.create(name=f"{prefix} league")
    world.district.save()
    add_quoted_activities(network=world.district.network)
    return world


def test_a_coach_updates_a_status_with_its_evidence_and_the_change_is_kept() -> None:
    world = _networked()
    coach = _member(world, "coach", Role.COACH)
    client = _client(coach)
    url = f"/programs/schools/{world.school.pk}/grid/"
    page = client.get(url).content.decode()
    assert "0 of the 10 activities that apply to this school are complete" in page
    activity = GridActivity.objects.get(number=18)
    form = {"activity": activity.pk, "status": "in_progress", "benchmark": "", "evidence": "Blocks scheduled."}
    assert client.post(url, form).status_code == 302
    form |= {"status": "complete", "evidence": "Every student has an intervention block.", "is_priority": "on"}
    assert client.post(url, form).status_code == 302
    status = GridStatus.objects.get(school=world.school, activity=activity)
    assert (status.status, status.is_priority, status.updated_by) == ("complete", True, coach)
    assert status.history.count() == 2
    assert "1 of the 10 activities" in client.get(url).content.decode()


def test_another_network_s_activity_and_another_district_s_leader_are_refused() -> None:
    world = _networked()
    other = _networked("other")
    leader = _client(_member(world, "leader", Role.SCHOOL_LEADER))
    foreign = GridActivity.objects.filter(network=other.district.network).first()
    assert foreign is not None
    url = f"/programs/schools/{world.school.pk}/grid/"
    refused = leader.post(url, {"activity": foreign.pk, "status": "complete"})
    assert refused.status_code == 400 and not GridStatus.objects.exists()
    stranger = _client(_member(other, "leader", Role.SCHOOL_LEADER))
    assert stranger.get(url).status_code == 404
