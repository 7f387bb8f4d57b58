"""Site visits: the visitors (network staff, the school's coaches, district admins) record and share them; the
school's own leaders read but do not record; a coach reads the visits shared with the coach and their own."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from proficio.accounts.models import Membership, Role
from proficio.programs import site_visits
from proficio.programs.models import SiteVisit
from proficio.roster.models import Network
from tests.factories import World, make_user, make_world
from tests.insights.test_views import _client, _member

pytestmark = pytest.mark.django_db

VISIT = {
    "visited_on": "2026-10-20",
    "team": "A. Visitor\n\nB. Visitor\n",
    "observations": "Learning targets posted in most rooms.",
    "focus_groups": "Students describe what proficient means.",
    "summary": "Strong start on targets; grading policy still in draft.",
}


def _networked(prefix: str = "w") -> World:
    world = make_world(prefix)
    world.district.network = Network.objects.create(name=f"{prefix} league")
    world.district.save()
    return world


def _staff(world: World) -> Membership:
    user = make_user(f"staff.{world.district.pk}")
    return Membership.objects.create(user=user, role=Role.NETWORK_STAFF, network=world.district.network)


def test_the_team_is_one_person_per_line_without_blanks_or_repeats() -> None:
    assert site_visits.team_lines(" A. Visitor \n\n a.  visitor\nB. Visitor") == ["A. Visitor", "B. Visitor"]


def test_network_staff_record_a_visit_and_share_it_with_the_coach_once() -> None:
    world = _networked()
    staff = _client(_staff(world).user)
    url = f"/programs/schools/{world.school.pk}/site-visits/"
    response = staff.post(url, VISIT)
    visit = SiteVisit.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{url}{visit.pk}/"
    assert (visit.team_members, visit.shared_with_coach_at) == (["A. Visitor", "B. Visitor"], None)
    page = staff.get(f"{url}{visit.pk}/").content.decode()
    assert "Share with the coach" in page and "Learning targets posted" in page
    assert staff.post(f"{url}{visit.pk}/share/").status_code == 302
    visit.refresh_from_db()
    first = visit.shared_with_coach_at
    assert first is not None
    staff.post(f"{url}{visit.pk}/share/")
    visit.refresh_from_db()
    assert visit.shared_with_coach_at == first
    assert "Share with the coach" not in staff.get(f"{url}{visit.pk}/").content.decode()


@pytest.mark.parametrize("team", ["A. Visitor", "A. Visitor\n\nA. Visitor", "  \n "])
def test_a_team_of_fewer_than_two_people_is_refused_and_nothing_is_recorded(team: str) -> None:
    world = _networked()
    client = _client(_member(world, "admin", Role.DISTRICT_ADMIN))
    response = client.post(f"/programs/schools/{world.school.pk}/site-visits/", VISIT | {"team": team})
    assert response.status_code == 400
    page = response.content.decode()
    assert "The visit was not recorded" in page and "at least two people" in page
    assert not SiteVisit.objects.exists()


def test_the_school_s_own_leaders_read_every_visit_but_neither_record_nor_share() -> None:
    world = _networked()
    visit = SiteVisit.objects.create(school=world.school, visited_on=date(2026, 10, 1), team="A\nB", summary="Seen.")
    url = f"/programs/schools/{world.school.pk}/site-visits/"
    for role in (Role.SCHOOL_LEADER, Role.LEADERSHIP_TEAM):
        client = _client(_member(world, role.value, role))
        listing = client.get(url).content.decode()
        assert "Record a site visit" not in listing and f"{url}{visit.pk}/" in listing
        assert client.get(f"{url}{visit.pk}/").status_code == 200
        assert client.post(url, VISIT).status_code == 404
        assert client.post(f"{url}{visit.pk}/share/").status_code == 404
    assert SiteVisit.objects.count() == 1 and SiteVisit.objects.get().shared_with_coach_at is None


def test_a_coach_reads_the_visits_shared_with_the_coach_and_their_own() -> None:
    world = _networked()
    coach = _member(world, "coach", Role.COACH)
    unshared = SiteVisit.objects.create(school=world.school, visited_on=date(2026, 9, 1), team="A\nB", summary="1")
    shared = SiteVisit.objects.create(
        school=world.school, visited_on=date(2026, 9, 2), team="A\nB", summary="2", shared_with_coach_at=timezone.now()
    )
    client = _client(coach)
    url = f"/programs/schools/{world.school.pk}/site-visits/"
    assert client.post(url, VISIT).status_code == 302
    own = SiteVisit.objects.get(recorded_by=coach)
    listing = client.get(url).content.decode()
    assert f"{url}{shared.pk}/" in listing and f"{url}{own.pk}/" in listing and f"{url}{unshared.pk}/" not in listing
    assert client.get(f"{url}{unshared.pk}/").status_code == 404
    assert client.post(f"{url}{unshared.pk}/share/").status_code == 404
    assert client.get(f"{url}{own.pk}/").status_code == 200


def test_whoever_may_not_see_the_school_finds_no_visit() -> None:
    world = _networked()
    visit = SiteVisit.objects.create(school=world.school, visited_on=date(2026, 10, 1), team="A\nB", summary="x")
    other = _networked("other")
    client = _client(_staff(other).user)
    url = f"/programs/schools/{world.school.pk}/site-visits/"
    assert client.get(url).status_code == 404
    assert client.get(f"{url}{visit.pk}/").status_code == 404
    assert client.post(url, VISIT).status_code == 404
    # A visit of another school is not found through this school's address.
    other_coach = _client(_member(other, "coach", Role.COACH))
    assert other_coach.get(f"/programs/schools/{other.school.pk}/site-visits/{visit.pk}/").status_code == 404
