"""Change stories: a school collects them, the network codes them into composites and records the composites'
ranking at an event — every composite once, each rank once, all or nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from proficio.accounts.models import Membership, Role
from proficio.programs import stories
from proficio.programs.models import ChangeStory, CompositeRanking, Event, EventKind, StoryComposite
from proficio.roster.models import Network
from tests.factories import World, make_user, make_world
from tests.insights.test_views import _client, _member

E = stories.RankEntry


def test_a_whole_ranking_has_no_error() -> None:
    assert stories.ranking_errors({"Vision": E(2, 10), "PLGs": E(1, 14), "Systems": E(3, 0)}) == []


def test_a_duplicate_rank_a_missing_rank_and_an_out_of_range_rank_each_say_what_is_wrong() -> None:
    errors = stories.ranking_errors({"Vision": E(1, 10), "PLGs": E(1, 14), "Systems": E(None, 3), "Voice": E(5, None)})
    assert errors == [
        "“Systems” has no rank: every composite is ranked.",
        "“Voice” is ranked 5: ranks go from 1 to 4.",
        "“Voice” has no number of votes (0 if none).",
        "Rank 1 is given to “Vision” and “PLGs”: each rank goes to one composite.",
    ]


def _networked(prefix: str = "w") -> World:
    world = make_world(prefix)
    world.district.network = Network.objects.create(name=f"{prefix} league")
    world.district.save()
    return world


def _staff(world: World) -> Client:
    user = make_user(f"staff.{world.district.pk}")
    Membership.objects.create(user=user, role=Role.NETWORK_STAFF, network=world.district.network)
    return _client(user)


def _composites(world: World) -> tuple[Event, list[StoryComposite]]:
    network = world.district.network
    assert network is not None
    event = Event.objects.create(
        network=network, kind=EventKind.CELEBRATION, title="Celebration", held_on=date(2026, 5, 1)
    )
    return event, [StoryComposite.objects.create(network=network, title=t) for t in ("PLGs", "Systems", "Vision")]


@pytest.mark.django_db
def test_a_duplicate_rank_is_refused_with_a_clear_error_and_nothing_is_written() -> None:
    world = _networked()
    event, (plgs, systems, vision) = _composites(world)
    CompositeRanking.objects.create(event=event, composite=plgs, rank=1, votes=9)
    url = f"/programs/networks/{world.district.network_id}/stories/rankings/{event.pk}/"
    form = {f"rank_{plgs.pk}": 1, f"votes_{plgs.pk}": 12, f"rank_{systems.pk}": 1, f"votes_{systems.pk}": 8}
    form |= {f"rank_{vision.pk}": 3, f"votes_{vision.pk}": 4}
    response = _staff(world).post(url, form)
    assert response.status_code == 400
    assert "Rank 1 is given to “PLGs” and “Systems”: each rank goes to one composite." in response.content.decode()
    assert list(CompositeRanking.objects.values_list("composite_id", "rank", "votes")) == [(plgs.pk, 1, 9)]
    with pytest.raises(ValueError):
        stories.record_ranking(event=event, entries={plgs: E(1, 1), systems: E(1, 1), vision: E(3, 1)})
    assert CompositeRanking.objects.count() == 1


@pytest.mark.django_db
def test_a_whole_ranking_replaces_the_event_s_ranking_and_shows_the_votes() -> None:
    world = _networked()
    event, (plgs, systems, vision) = _composites(world)
    CompositeRanking.objects.create(event=event, composite=plgs, rank=1, votes=9)
    staff = _staff(world)
    url = f"/programs/networks/{world.district.network_id}/stories/rankings/{event.pk}/"
    form = {f"rank_{plgs.pk}": 2, f"votes_{plgs.pk}": 12, f"rank_{systems.pk}": 3, f"votes_{systems.pk}": 0}
    form |= {f"rank_{vision.pk}": 1, f"votes_{vision.pk}": 20}
    assert staff.post(url, form).status_code == 302
    assert [(line.rank, line.title, line.votes) for line in stories.ranking_lines(event=event)] == [
        (1, "Vision", 20),
        (2, "PLGs", 12),
        (3, "Systems", 0),
    ]
    page = staff.get(url).content.decode()
    assert "1. Vision: 20 votes; 2. PLGs: 12 votes; 3. Systems: 0 votes." in page and "votes-chart" in page
    assert staff.post(url, {}).status_code == 400 and CompositeRanking.objects.count() == 3


@pytest.mark.django_db
def test_network_staff_code_a_story_into_a_composite_of_their_network_only() -> None:
    world = _networked()
    other = _networked("other")
    _, (plgs, _, _) = _composites(world)
    assert other.district.network is not None
    foreign = StoryComposite.objects.create(network=other.district.network, title="Elsewhere")
    story = ChangeStory.objects.create(
        school=world.school, told_by="a teacher", collected_on=date(2026, 4, 1), title="We meet", text="…"
    )
    staff = _staff(world)
    base = f"/programs/networks/{world.district.network_id}/stories/"
    assert staff.post(f"{base}{story.pk}/code/", {"composite": foreign.pk}).status_code == 400
    assert staff.post(f"{base}{story.pk}/code/", {"composite": plgs.pk}).status_code == 302
    story.refresh_from_db()
    assert story.composite == plgs
    assert '<td class="num">1</td>' in staff.get(base).content.decode()
    assert _staff(other).get(base).status_code == 404
    assert _client(_member(world, "leader", Role.SCHOOL_LEADER)).get(base).status_code == 404


@pytest.mark.django_db
def test_a_composite_s_theme_is_unique_in_its_network() -> None:
    world = _networked()
    _composites(world)
    staff = _staff(world)
    response = staff.post(f"/programs/networks/{world.district.network_id}/stories/", {"title": "PLGs", "text": ""})
    assert response.status_code == 400 and "already has a composite with that theme" in response.content.decode()
    assert StoryComposite.objects.count() == 3


@pytest.mark.django_db
def test_a_leader_collects_a_story_that_a_teacher_cannot_reach() -> None:
    world = _networked()
    leader_user = _member(world, "leader", Role.SCHOOL_LEADER)
    url = f"/programs/schools/{world.school.pk}/stories/"
    story = {
        "told_by": "the principal",
        "collected_on": "2026-04-02",
        "title": "A shared vision",
        "text": "We agree now.",
        "why_significant": "Everyone pulls the same way.",
    }
    assert _client(leader_user).post(url, story).status_code == 302
    assert ChangeStory.objects.get().collected_by == leader_user
    assert _client(leader_user).post(url, {"title": "No text"}).status_code == 400
    assert ChangeStory.objects.count() == 1
    teacher = world.teacher
    teacher.set_password("a-long-test-password")
    teacher.save()
    assert _client(teacher).get(url).status_code == 404
