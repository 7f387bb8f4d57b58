"""The network's pages as its staff see them — initiatives and entitlements, the grid across schools, events and
attendance — and the 404 everyone else gets, with bad input answered 400 and nothing changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from proficio.accounts.models import Membership, Role, User
from proficio.programs.models import (
    Cohort,
    CohortSchool,
    Event,
    EventAttendance,
    EventKind,
    GridActivity,
    GridStatus,
    Initiative,
    Phase,
    PhaseKind,
)
from proficio.programs.school_years import school_year_of
from proficio.roster.models import District, Network, School
from tests.factories import World, make_user, make_world
from tests.insights.test_views import _client, _member

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class League:
    world: World
    network: Network
    partner: School  # a member school of another district of the network
    middle: School
    cohort_1: Cohort
    cohort_2: Cohort
    staff: User


def make_league(prefix: str = "w") -> League:
    """A network of three schools (the world's high school, a partner high school, a middle school) in two cohorts
    of one initiative, with its staff member."""
    world = make_world(prefix)
    network = Network.objects.create(name=f"{prefix} league")
    world.district.network = network
    world.district.save()
    other = District.objects.create(name=f"{prefix} partners", network=network)
    partner = School.objects.create(district=other, name="Partner High", lowest_grade=9, highest_grade=12)
    middle = School.objects.create(district=other, name="Cedar Middle", lowest_grade=5, highest_grade=8)
    initiative = Initiative.objects.create(network=network, name="Personalized learning", started_on=date(2024, 8, 1))
    first = Cohort.objects.create(initiative=initiative, name="Cohort 1")
    second = Cohort.objects.create(initiative=initiative, name="Cohort 2")
    for cohort, school in ((first, world.school), (first, partner), (second, middle)):
        CohortSchool.objects.create(cohort=cohort, school=school, joined_on=date(2024, 8, 1))
    staff = make_user(f"{prefix}.staff", first_name="Nia", last_name="Staff")
    Membership.objects.create(user=staff, role=Role.NETWORK_STAFF, network=network)
    return League(world, network, partner, middle, first, second, staff)


def _phases(cohort: Cohort) -> None:
    """Table 1's cohort 1: a design year, year 1 with 60 days and $25,000, year 2 with 20–30 days."""
    rows = [
        (PhaseKind.DESIGN, 2024, 0, 4, 4, ["Design Institute"]),
        (PhaseKind.YEAR_1, 2025, 25000, 60, 60, ["Principals' PLG", "PLG Facilitator Training"]),
        (PhaseKind.YEAR_2, 2026, 0, 20, 30, ["Celebration Event"]),
    ]
    for kind, year, grant, low, high, supports in rows:
        Phase.objects.create(
            cohort=cohort,
            kind=kind,
            starts_on=date(year, 7, 1),
            ends_on=date(year + 1, 6, 30),
            grant_amount=Decimal(grant),
            coaching_days_min=low,
            coaching_days_max=high,
            supports=supports,
        )


def _status(school: School, activity: GridActivity, status: str, *, priority: bool = False) -> None:
    GridStatus.objects.create(school=school, activity=activity, status=status, is_priority=priority)


def _grid(league: League) -> None:
    """Four activities; the middle school marks the fourth not applicable."""
    a = [
        GridActivity.objects.create(network=league.network, number=n, criterion=text, change=kind)
        for n, text, kind in (
            (1, "Bandwidth for every classroom.", "technical"),
            (2, "A proficiency-based transcript.", "technical"),
            (3, "Students lead their conferences.", "adaptive"),
            (4, "Graduation by proficiency.", "adaptive"),
        )
    ]
    high, partner, middle = league.world.school, league.partner, league.middle
    for activity in [*a[:2], a[3]]:
        _status(high, activity, "complete", priority=activity.number == 1)
    _status(high, a[2], "in_progress")
    _status(partner, a[0], "complete", priority=True)
    _status(partner, a[1], "in_progress")
    _status(middle, a[0], "complete")
    _status(middle, a[2], "in_progress", priority=True)
    _status(middle, a[3], "not_applicable")


def test_the_network_page_lists_cohorts_schools_and_each_phases_entitlements() -> None:
    league = make_league()
    _phases(league.cohort_1)
    response = _client(league.staff).get(f"/programs/networks/{league.network.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    for expected in ("Cohort 1 (2 schools)", "Cohort 2 (1 school)", "$25,000", "20–30", "PLG Facilitator Training"):
        assert expected in text
    for school in (league.world.school, league.partner, league.middle):
        assert f'href="/programs/schools/{school.pk}/"' in text


@pytest.mark.parametrize("role", [Role.SCHOOL_LEADER, Role.LEADERSHIP_TEAM, Role.COACH, Role.DISTRICT_ADMIN])
def test_a_schools_people_get_404_on_every_network_page(role: Role) -> None:
    league = make_league()
    client = _client(_member(league.world, role.value, role))
    event = Event.objects.create(network=league.network, kind=EventKind.CELEBRATION, title="C", held_on=date.today())
    base = f"/programs/networks/{league.network.pk}"
    for url in (f"{base}/", f"{base}/grid/", f"{base}/events/", f"{base}/events/{event.pk}/"):
        assert client.get(url).status_code == 404, url


def test_another_networks_staff_get_404_and_cannot_add_an_event() -> None:
    league, elsewhere = make_league(), make_league("x")
    client = _client(elsewhere.staff)
    base = f"/programs/networks/{league.network.pk}"
    assert client.get(f"{base}/").status_code == 404
    assert client.get(f"{base}/grid/").status_code == 404
    response = client.post(f"{base}/events/", {"title": "Raid", "kind": "institute", "held_on": "2026-01-01"})
    assert response.status_code == 404
    assert not Event.objects.exists()


def test_the_grid_page_counts_schools_and_ranks_activities_across_the_network() -> None:
    league = make_league()
    _grid(league)
    response = _client(league.staff).get(f"/programs/networks/{league.network.pk}/grid/")
    assert response.status_code == 200
    analytics = response.context["analytics"]
    assert [(line.name, str(line.completion), line.in_progress) for line in analytics.schools] == [
        ("w high", "3/4", 1),
        ("Cedar Middle", "1/3", 1),
        ("Partner High", "1/4", 1),
    ]
    assert [(a.complete, a.schools) for a in analytics.at_least] == [(2, 1), (4, 0)]
    assert [(r.number, str(r.completion), r.priorities) for r in analytics.ranked] == [
        (1, "3/3", 2),
        (4, "1/2", 0),
        (2, "1/3", 0),
        (3, "0/3", 1),
    ]
    text = response.content.decode()
    assert "Schools with at least 2 of 4 complete" in text
    assert "of the 2 least completed, 1 is adaptive" in text
    assert response.context["spec"] is not None


def test_the_grid_page_filters_by_cohort_and_ignores_a_cohort_of_another_network() -> None:
    league, elsewhere = make_league(), make_league("x")
    _grid(league)
    client = _client(league.staff)
    url = f"/programs/networks/{league.network.pk}/grid/"
    second = client.get(url, {"cohort": league.cohort_2.pk})
    assert [line.name for line in second.context["analytics"].schools] == ["Cedar Middle"]
    foreign = client.get(url, {"cohort": elsewhere.cohort_1.pk})
    assert foreign.status_code == 200
    assert len(foreign.context["analytics"].schools) == 3
    assert "That cohort is not one of this network" in foreign.content.decode()


def test_staff_add_an_event_and_bad_input_adds_nothing() -> None:
    league = make_league()
    client = _client(league.staff)
    url = f"/programs/networks/{league.network.pk}/events/"
    bad = client.post(url, {"title": "", "kind": "picnic", "held_on": "not a date"})
    assert bad.status_code == 400
    assert not Event.objects.exists()
    data = {"title": "Design Institute", "kind": "institute", "held_on": "2026-07-10", "cohort": league.cohort_2.pk}
    response = client.post(url, data)
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/programs/networks/{league.network.pk}/events/{event.pk}/"
    assert (event.network, event.cohort, event.kind) == (league.network, league.cohort_2, "institute")


def test_a_cohort_of_another_network_is_refused_for_an_event() -> None:
    league, elsewhere = make_league(), make_league("x")
    data = {"title": "T", "kind": "institute", "held_on": "2026-07-10", "cohort": elsewhere.cohort_1.pk}
    response = _client(league.staff).post(f"/programs/networks/{league.network.pk}/events/", data)
    assert response.status_code == 400
    assert not Event.objects.exists()


def _attendance_client(league: League) -> tuple[Client, Event, str]:
    event = Event.objects.create(
        network=league.network, kind=EventKind.CONFERENCE, title="Spring conference", held_on=timezone.localdate()
    )
    EventAttendance.objects.create(event=event, school=league.partner, attendees=2)
    return _client(league.staff), event, f"/programs/networks/{league.network.pk}/events/{event.pk}/"


def test_attendance_is_saved_for_every_school_at_once() -> None:
    league = make_league()
    client, event, url = _attendance_client(league)
    data = {
        f"school_{league.world.school.pk}": "4",
        f"school_{league.partner.pk}": "0",
        f"school_{league.middle.pk}": 1,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    saved = dict(EventAttendance.objects.filter(event=event).values_list("school__name", "attendees"))
    assert saved == {"w high": 4, "Cedar Middle": 1}  # 0: the partner did not come after all


def test_attendance_with_one_bad_count_saves_nothing() -> None:
    league = make_league()
    client, event, url = _attendance_client(league)
    data = {
        f"school_{league.world.school.pk}": "4",
        f"school_{league.partner.pk}": "-1",
        f"school_{league.middle.pk}": 1,
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert dict(EventAttendance.objects.filter(event=event).values_list("school__name", "attendees")) == {
        "Partner High": 2
    }
    assert client.post(url, {}).status_code == 400


def test_an_event_of_another_network_is_404_even_under_ones_own_network() -> None:
    league, elsewhere = make_league(), make_league("x")
    foreign = Event.objects.create(network=elsewhere.network, kind=EventKind.INSTITUTE, title="X", held_on=date.today())
    assert _client(league.staff).get(f"/programs/networks/{league.network.pk}/events/{foreign.pk}/").status_code == 404


def test_the_events_page_lists_events_and_a_matrix_of_this_school_years_attendance() -> None:
    league = make_league()
    today = timezone.localdate()
    start = date(school_year_of(today), 8, 1)
    this_year = Event.objects.create(
        network=league.network,
        kind=EventKind.PRINCIPALS_PLG,
        title="Principals meet",
        held_on=start,
        cohort=league.cohort_1,
    )
    last_year = Event.objects.create(
        network=league.network, kind=EventKind.CELEBRATION, title="Old celebration", held_on=start - timedelta(days=30)
    )
    EventAttendance.objects.create(event=this_year, school=league.partner, attendees=3)
    EventAttendance.objects.create(event=last_year, school=league.world.school, attendees=5)
    response = _client(league.staff).get(f"/programs/networks/{league.network.pk}/events/")
    assert [line.event.title for line in response.context["lines"]] == ["Old celebration", "Principals meet"]
    assert [e.title for e in response.context["this_year"]] == ["Principals meet"]
    matrix = {row.name: row.cells for row in response.context["matrix"]}
    assert matrix == {"Cedar Middle": (None,), "Partner High": (3,), "w high": (None,)}
    text = response.content.decode()
    assert "Cohort 1" in text and "Principals&#x27; network (PLG) meeting" in text


def test_no_network_page_names_a_student() -> None:
    league = make_league()
    _phases(league.cohort_1)
    _grid(league)
    event = Event.objects.create(network=league.network, kind=EventKind.INSTITUTE, title="I", held_on=date.today())
    EventAttendance.objects.create(event=event, school=league.world.school, attendees=2)
    student = league.world.student.user
    client = _client(league.staff)
    base = f"/programs/networks/{league.network.pk}"
    for url in (f"{base}/", f"{base}/grid/", f"{base}/events/", f"{base}/events/{event.pk}/"):
        text = client.get(url).content.decode()
        assert student.get_full_name() not in text and student.username not in text, url
