"""PLGs: the "at least monthly" rule over the school year's ended months, facilitators' training, the principals'
network attendance, and the PLG pages' writers and readers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from proficio.accounts.models import Membership, Role
from proficio.programs import plgs
from proficio.programs.models import Event, EventAttendance, EventKind, Plg, PlgMeeting
from proficio.roster.models import Network
from tests.factories import World, make_user, make_world
from tests.insights.test_views import _client, _member


def _labels(months: tuple[plgs.Month, ...] | list[plgs.Month]) -> list[str]:
    return [m.first_day.strftime("%Y-%m") for m in months]


def test_only_ended_months_from_september_to_june_count() -> None:
    assert _labels(plgs.ended_meeting_months(date(2025, 12, 4))) == ["2025-09", "2025-10", "2025-11"]
    assert plgs.ended_meeting_months(date(2025, 9, 30)) == []
    assert plgs.ended_meeting_months(date(2025, 8, 20)) == []  # August opens the new school year
    assert len(plgs.ended_meeting_months(date(2026, 7, 15))) == 10  # July closes the old one: all ten ended


def test_a_month_with_any_meeting_is_met_and_the_others_are_listed_as_missed() -> None:
    met = [date(2025, 9, 12), date(2025, 9, 26), date(2025, 11, 3), date(2026, 1, 30)]
    missed = plgs.missed_months(met_on=met, today=date(2026, 3, 10))
    assert _labels(missed) == ["2025-10", "2025-12", "2026-02"]
    assert missed[0].label == "October 2025"


def test_a_meeting_of_last_school_year_does_not_fill_this_year_s_month() -> None:
    assert _labels(plgs.missed_months(met_on=[date(2024, 10, 1)], today=date(2025, 11, 1))) == ["2025-09", "2025-10"]


def _networked(prefix: str = "w") -> World:
    world = make_world(prefix)
    world.district.network = Network.objects.create(name=f"{prefix} league")
    world.district.save()
    return world


@pytest.mark.django_db
def test_a_plg_line_counts_meetings_names_the_training_and_the_gaps() -> None:
    world = _networked()
    network = world.district.network
    assert network is not None
    training = Event.objects.create(
        network=network, kind=EventKind.FACILITATOR_TRAINING, title="Facilitator training", held_on=date(2025, 8, 12)
    )
    trained = Plg.objects.create(school=world.school, name="Grade 9", facilitator="A", facilitator_training=training)
    untrained = Plg.objects.create(school=world.school, name="Science", facilitator="B")
    for day in (date(2025, 9, 10), date(2025, 11, 5), date(2024, 10, 1)):
        PlgMeeting.objects.create(plg=trained, met_on=day, protocol="Tuning")
    lines = {line.plg.name: line for line in plgs.plg_lines(school=world.school, today=date(2025, 12, 4))}
    assert (lines["Grade 9"].meetings, lines["Grade 9"].last_met_on, lines["Grade 9"].trained) == (
        3,
        date(2025, 11, 5),
        True,
    )
    assert _labels(lines["Grade 9"].missed_months) == ["2025-10"]
    assert (lines["Science"].meetings, lines["Science"].trained) == (0, False)
    assert _labels(lines["Science"].missed_months) == ["2025-09", "2025-10", "2025-11"]
    assert plgs.plg_line(plg=untrained, today=date(2025, 12, 4)) == lines["Science"]


@pytest.mark.django_db
def test_the_principals_network_meetings_of_this_school_year_say_whether_the_school_came() -> None:
    world = _networked()
    network = world.district.network
    assert network is not None

    def meeting(day: date) -> Event:
        return Event.objects.create(network=network, kind=EventKind.PRINCIPALS_PLG, title=f"PLG {day}", held_on=day)

    meeting(date(2025, 5, 1))  # last school year
    came = meeting(date(2025, 9, 20))
    meeting(date(2025, 11, 20))
    meeting(date(2026, 1, 20))
    EventAttendance.objects.create(event=came, school=world.school)
    lines = plgs.principals_meetings(school=world.school, today=date(2025, 12, 4))
    assert [(m.event.held_on.month, m.attended, m.upcoming) for m in lines] == [
        (9, True, False),
        (11, False, False),
        (1, False, True),
    ]


@pytest.mark.django_db
def test_a_leader_adds_a_plg_and_records_its_meetings() -> None:
    world = _networked()
    leader = _client(_member(world, "leader", Role.SCHOOL_LEADER))
    url = f"/programs/schools/{world.school.pk}/plgs/"
    assert "no PLG yet" in leader.get(url).content.decode()
    response = leader.post(url, {"name": "Grade 10 team", "facilitator": "C. Teacher", "members": 7})
    plg = Plg.objects.get(school=world.school)
    assert response.status_code == 302 and response["Location"] == f"{url}{plg.pk}/"
    meeting = {"met_on": "2025-10-02", "protocol": "Looking at student work", "artifacts": "Lab reports"}
    meeting["attendance"] = "6"
    assert leader.post(f"{url}{plg.pk}/", meeting).status_code == 302
    page = leader.get(f"{url}{plg.pk}/").content.decode()
    assert "Looking at student work" in page and "Lab reports" in page and "not trained yet" in page


@pytest.mark.django_db
def test_a_meeting_in_the_future_or_without_a_protocol_is_refused_and_nothing_is_written() -> None:
    world = _networked()
    coach = _client(_member(world, "coach", Role.COACH))
    plg = Plg.objects.create(school=world.school, name="Grade 9", facilitator="A")
    url = f"/programs/schools/{world.school.pk}/plgs/{plg.pk}/"
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = coach.post(url, {"met_on": tomorrow, "protocol": "Tuning", "attendance": 3})
    assert response.status_code == 400 and "That date is in the future." in response.content.decode()
    assert coach.post(url, {"met_on": "2025-10-02", "attendance": 3}).status_code == 400
    assert not PlgMeeting.objects.exists()


@pytest.mark.django_db
def test_network_staff_and_district_admins_read_but_do_not_write_and_strangers_find_nothing() -> None:
    world = _networked()
    staff = make_user("staff")
    Membership.objects.create(user=staff, role=Role.NETWORK_STAFF, network=world.district.network)
    admin = _member(world, "admin", Role.DISTRICT_ADMIN)
    url = f"/programs/schools/{world.school.pk}/plgs/"
    for reader in (_client(staff), _client(admin)):
        page = reader.get(url)
        assert page.status_code == 200 and "Add a PLG" not in page.content.decode()
        assert reader.post(url, {"name": "X", "facilitator": "Y", "members": 1}).status_code == 404
    other = _networked("other")
    assert _client(_member(other, "leader", Role.SCHOOL_LEADER)).get(url).status_code == 404
    assert not Plg.objects.exists()
