"""The classroom-visit tool: shares of visits per half school year with the visits behind them, no share below
five visits, the faculty-sharing reminder, the default practices, and who records a visit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from proficio.accounts.models import Role
from proficio.programs import classroom_visits as visits
from proficio.programs.models import ClassroomVisit, FacultySharing, ObservedPractice
from proficio.roster.models import Network
from tests.factories import World, make_world
from tests.insights.test_views import _client, _member

PRACTICES = [(1, "Targets"), (2, "Choice")]


def _visit(day: date, *seen: int) -> visits.VisitRecord:
    return visits.VisitRecord(day, frozenset(seen))


def test_a_share_is_the_visits_where_the_practice_was_seen_over_the_window_s_visits() -> None:
    fall = [_visit(date(2025, 9, d), 1) for d in (1, 2, 3)] + [_visit(date(2025, 10, 1), 1, 2)]
    fall += [_visit(date(2025, 12, 31), 2), _visit(date(2025, 8, 1))]
    [window] = visits.patterns(visits=fall, practices=PRACTICES)
    assert (window.window.label, window.visits, window.enough) == ("2025-26, Aug–Dec", 6, True)
    assert [(s.seen, s.share) for s in window.shares] == [(4, 4 / 6), (2, 2 / 6)]


def test_below_five_visits_a_window_shows_counts_but_no_share_and_windows_come_newest_first() -> None:
    records = [_visit(date(2026, 1, d), 1) for d in (5, 6, 7, 8)] + [_visit(date(2025, 9, d), 2) for d in range(1, 6)]
    spring, fall = visits.patterns(visits=records, practices=PRACTICES)
    assert (spring.window.label, spring.visits, spring.enough) == ("2025-26, Jan–Jul", 4, False)
    assert [(s.seen, s.share) for s in spring.shares] == [(4, None), (0, None)]
    assert [s.share for s in fall.shares] == [0.0, 1.0]
    rows = visits.pattern_rows([spring, fall])
    assert [(c.percent, c.seen, c.visits) for c in rows[1].cells] == [("", 0, 4), ("100%", 5, 5)]
    spec = visits.chart_spec([spring, fall])
    assert spec is not None and {v["window"] for v in spec["data"]["values"]} == {"2025-26, Aug–Dec"}
    assert visits.chart_spec([spring]) is None


def test_the_reminder_shows_until_the_faculty_heard_the_patterns_twice_this_school_year() -> None:
    today = date(2026, 3, 1)
    last_year = [date(2025, 3, 1), date(2025, 6, 1)]
    assert visits.sharing_status(shared_on=last_year, today=today).reminder
    once = visits.sharing_status(shared_on=[*last_year, date(2025, 11, 1)], today=today)
    assert (once.this_year, once.reminder) == (1, True)
    assert not visits.sharing_status(shared_on=[date(2025, 11, 1), date(2026, 2, 1)], today=today).reminder


def _networked(prefix: str = "w") -> World:
    world = make_world(prefix)
    world.district.network = Network.objects.create(name=f"{prefix} league")
    world.district.save()
    return world


@pytest.mark.django_db
def test_the_default_practices_are_added_once_after_the_network_s_own() -> None:
    world = _networked()
    network = world.district.network
    assert network is not None
    ObservedPractice.objects.create(network=network, position=1, title="Flexible grouping")
    assert visits.add_default_practices(network=network) == len(visits.DEFAULT_PRACTICES) - 1
    assert visits.add_default_practices(network=network) == 0
    positions = list(ObservedPractice.objects.filter(network=network).values_list("position", flat=True))
    assert positions == list(range(1, len(visits.DEFAULT_PRACTICES) + 1))


@pytest.mark.django_db
def test_a_coach_starts_from_the_default_practices_and_records_a_visit() -> None:
    world = _networked()
    coach_user = _member(world, "coach", Role.COACH)
    coach = _client(coach_user)
    url = f"/programs/schools/{world.school.pk}/classroom-visits/"
    page = coach.get(url).content.decode()
    assert "Use the suggested practices" in page and "No visit recorded yet." in page
    assert coach.post(f"{url}default-practices/").status_code == 302
    page = coach.get(url).content.decode()
    assert "Never write a student&#x27;s name." in page
    targets = ObservedPractice.objects.order_by("position")[0]
    form = {"visited_on": "2025-10-02", "context": "Grade 9 math", "minutes": 10, "practices_seen": [targets.pk]}
    assert coach.post(url, form).status_code == 302
    visit = ClassroomVisit.objects.get()
    assert (visit.observer, list(visit.practices_seen.all())) == (coach_user, [targets])
    page = coach.get(url).content.decode()
    assert "too few visits to show a pattern" in page and "1 visit" in page


@pytest.mark.django_db
def test_five_visits_show_shares_and_two_sharings_end_the_reminder() -> None:
    world = _networked()
    network = world.district.network
    assert network is not None
    visits.add_default_practices(network=network)
    leader_user = _member(world, "leader", Role.SCHOOL_LEADER)
    targets = ObservedPractice.objects.get(network=network, position=1)
    day = timezone.localdate()
    for n in range(5):
        visit = ClassroomVisit.objects.create(school=world.school, observer=leader_user, visited_on=day)
        if n < 3:
            visit.practices_seen.add(targets)
    leader = _client(leader_user)
    url = f"/programs/schools/{world.school.pk}/classroom-visits/"
    page = leader.get(url).content.decode()
    assert '60% <span class="muted">(3 of 5)</span>' in page and "too few visits" not in page.split("<tbody>")[1]
    assert "Share the patterns with the faculty:" in page
    for days_ago in (0, 1):
        shared = {"shared_on": (day - timedelta(days=days_ago)).isoformat(), "how": "Faculty meeting"}
        assert leader.post(f"{url}sharing/", shared).status_code == 302
    assert "Share the patterns with the faculty:" not in leader.get(url).content.decode()


@pytest.mark.django_db
def test_a_visit_in_the_future_or_another_network_s_practice_is_refused_and_readers_may_not_record() -> None:
    world = _networked()
    other = _networked("other")
    assert other.district.network is not None
    visits.add_default_practices(network=other.district.network)
    foreign = ObservedPractice.objects.filter(network=other.district.network).first()
    assert foreign is not None
    leader = _client(_member(world, "leader", Role.SCHOOL_LEADER))
    url = f"/programs/schools/{world.school.pk}/classroom-visits/"
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert leader.post(url, {"visited_on": tomorrow, "minutes": 10}).status_code == 400
    foreign_visit = {"visited_on": "2025-10-01", "minutes": 10, "practices_seen": [foreign.pk]}
    assert leader.post(url, foreign_visit).status_code == 400
    assert leader.post(f"{url}sharing/", {"shared_on": "2025-10-01"}).status_code == 400
    admin = _client(_member(world, "admin", Role.DISTRICT_ADMIN))
    assert admin.get(url).status_code == 200
    assert admin.post(url, {"visited_on": "2025-10-01", "minutes": 10}).status_code == 404
    assert not ClassroomVisit.objects.exists() and not FacultySharing.objects.exists()
