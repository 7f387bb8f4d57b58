"""The practice library: read by the network's staff and by whoever reads a member school's programs pages; added
to by staff and member schools' leaders (with their own school as the source); adopted by a member school."""

from __future__ import annotations

from datetime import date

import pytest

from proficio.accounts.models import Membership, Role, User
from proficio.programs import practices
from proficio.programs.models import SharedPractice
from proficio.roster.models import Network, School
from tests.factories import World, make_user, make_world
from tests.insights.test_views import _client, _member

pytestmark = pytest.mark.django_db


def _networked(prefix: str = "w", network: Network | None = None) -> World:
    world = make_world(prefix)
    world.district.network = network or Network.objects.create(name=f"{prefix} league")
    world.district.save()
    return world


def _staff(network: Network) -> User:
    user = make_user(f"staff.{network.pk}")
    Membership.objects.create(user=user, role=Role.NETWORK_STAFF, network=network)
    return user


def _practice(world: World, source: School | None = None) -> SharedPractice:
    assert world.district.network is not None
    return SharedPractice.objects.create(
        network=world.district.network,
        title="Standards-based transcript",
        topic="Transcript design",
        description="One line per standard.",
        source_school=source or world.school,
        added_on=date(2025, 10, 1),
    )


def test_staff_and_readers_of_a_member_school_read_the_library_and_no_one_else() -> None:
    world = _networked()
    other = _networked("other")
    network = world.district.network
    assert network is not None
    readers = [
        _staff(network),
        *(_member(world, r, role) for r, role in [("c", Role.COACH), ("a", Role.DISTRICT_ADMIN)]),
    ]
    assert all(practices.may_read_library(user, network) for user in readers)
    assert other.district.network is not None
    outsiders = [_staff(other.district.network), _member(other, "leader", Role.SCHOOL_LEADER), world.teacher]
    assert not any(practices.may_read_library(user, network) for user in outsiders)


def test_a_leader_of_a_partner_school_in_another_district_reads_and_adds_with_their_school_as_source() -> None:
    world = _networked()
    partner = _networked("partner", network=world.district.network)
    leader = _client(_member(partner, "leader", Role.SCHOOL_LEADER))
    url = f"/programs/networks/{world.district.network_id}/practices/"
    assert leader.get(url).status_code == 200
    practice = {"title": "Intervention block", "topic": "Scheduling", "description": "Daily, 30 minutes."}
    assert leader.post(url, practice | {"source_school": world.school.pk}).status_code == 400
    assert not SharedPractice.objects.exists()
    assert leader.post(url, practice | {"source_school": partner.school.pk}).status_code == 302
    assert SharedPractice.objects.get().source_school == partner.school


def test_the_library_filters_by_topic() -> None:
    world = _networked()
    _practice(world)
    assert world.district.network is not None
    SharedPractice.objects.create(
        network=world.district.network,
        title="Advisory",
        topic="Advisory time",
        description="…",
        source_school=world.school,
    )
    page = _client(_staff(world.district.network)).get(
        f"/programs/networks/{world.district.network_id}/practices/?topic=Advisory+time"
    )
    text = page.content.decode()
    assert "Practices on “Advisory time”" in text and "Standards-based transcript" not in text


def test_a_member_school_adopts_a_practice_once_and_the_source_cannot_adopt_its_own() -> None:
    world = _networked()
    partner = _networked("partner", network=world.district.network)
    practice = _practice(world)
    url = f"/programs/networks/{world.district.network_id}/practices/{practice.pk}/"
    partner_leader = _client(_member(partner, "team", Role.LEADERSHIP_TEAM))
    assert partner_leader.post(url).status_code == 302
    assert list(practice.adopting_schools.all()) == [partner.school]
    assert partner_leader.post(url).status_code == 400
    source_leader = _client(_member(world, "leader", Role.SCHOOL_LEADER))
    assert source_leader.post(url).status_code == 400
    assert practice.adopting_schools.count() == 1
    page = source_leader.get(url).content.decode()
    assert "partner high" in page and "This practice comes from your school." in page


def test_coaches_and_district_admins_read_a_practice_but_neither_add_nor_adopt() -> None:
    world = _networked()
    practice = _practice(world)
    base = f"/programs/networks/{world.district.network_id}/practices/"
    for role in (Role.COACH, Role.DISTRICT_ADMIN):
        client = _client(_member(world, role.value, role))
        assert client.get(f"{base}{practice.pk}/").status_code == 200
        assert client.post(base, {"title": "X", "topic": "Y", "description": "Z"}).status_code == 404
        assert client.post(f"{base}{practice.pk}/").status_code == 404
    assert SharedPractice.objects.count() == 1
