"""A school's coaching log and its network's coaching overview: who reads, who logs, and what bad input does."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from proficio.accounts.models import Membership, Role
from proficio.programs.models import CoachingSession, Cohort, CohortSchool, Initiative, Phase, PhaseKind
from proficio.roster.models import Network, School
from tests.factories import World, make_user, make_world
from tests.insights.test_views import _client, _member

pytestmark = pytest.mark.django_db


def _networked(prefix: str = "w") -> World:
    world = make_world(prefix)
    world.district.network = Network.objects.create(name=f"{prefix} league")
    world.district.save()
    return world


def _cohort(world: World, *, today: date) -> Phase:
    """The school in a cohort whose 20–30 day phase began 100 days ago and ends in 265; a design year before it."""
    network = world.district.network
    assert network is not None
    initiative = Initiative.objects.create(network=network, name="PL", started_on=today - timedelta(days=500))
    cohort = Cohort.objects.create(initiative=initiative, name="Cohort 1")
    CohortSchool.objects.create(cohort=cohort, school=world.school, joined_on=initiative.started_on)
    Phase.objects.create(
        cohort=cohort,
        kind=PhaseKind.DESIGN,
        starts_on=today - timedelta(days=465),
        ends_on=today - timedelta(days=101),
        coaching_days_min=4,
        coaching_days_max=4,
    )
    return Phase.objects.create(
        cohort=cohort,
        kind=PhaseKind.YEAR_1,
        starts_on=today - timedelta(days=100),
        ends_on=today + timedelta(days=265),
        coaching_days_min=20,
        coaching_days_max=30,
    )


def _staff(world: World, name: str = "staff") -> Membership:
    user = make_user(f"{name}.{world.district.pk}")
    return Membership.objects.create(user=user, role=Role.NETWORK_STAFF, network=world.district.network)


def test_a_coach_logs_a_session_as_themselves_and_the_log_shows_days_planned_against_used() -> None:
    world = _networked()
    today = timezone.localdate()
    phase = _cohort(world, today=today)
    coach = _member(world, "coach", Role.COACH)
    CoachingSession.objects.create(  # in the design year: counts there, not in this phase
        school=world.school,
        coach=coach,
        held_on=phase.starts_on - timedelta(days=1),
        days=Decimal(3),
        notes="Design-year capacity review.",
    )
    client = _client(coach)
    url = f"/programs/schools/{world.school.pk}/coaching/"
    form = {
        "held_on": (today - timedelta(days=2)).isoformat(),
        "days": "1.5",
        "focus_areas": ["policy", "community_engagement"],
        "notes": "Grading policy draft with the leadership team.",
        "teacher_check_ins": "4",
        "check_in_notes": "Math department: rubric calibration.",
    }
    assert client.post(url, form).status_code == 302
    session = CoachingSession.objects.get(held_on=today - timedelta(days=2))
    assert (session.coach, session.days, session.focus_areas) == (coach, Decimal("1.5"), form["focus_areas"])
    page = client.get(url).content.decode()
    assert '<td class="num">20–30</td>' in page and '<td class="num">1.5</td>' in page  # this phase
    assert '<td class="num">4</td>' in page and '<td class="num">3</td>' in page  # the design year
    assert "Grading policy draft" in page and "Math department" in page
    assert page.index("Grading policy draft") < page.index("Design-year capacity review")  # newest first
    assert "Log a session" in page


@pytest.mark.parametrize("days", ["0", "-1", "0.0", "11", "abc"])
def test_a_session_of_zero_negative_or_too_many_days_is_refused_and_nothing_changes(days: str) -> None:
    world = _networked()
    client = _client(_member(world, "coach", Role.COACH))
    form = {"held_on": timezone.localdate().isoformat(), "days": days, "focus_areas": ["policy"]}
    response = client.post(f"/programs/schools/{world.school.pk}/coaching/", form)
    assert response.status_code == 400
    assert "The session was not logged" in response.content.decode()
    assert not CoachingSession.objects.exists()


def test_a_session_needs_a_focus_area_and_a_date_that_has_come() -> None:
    world = _networked()
    client = _client(_member(world, "coach", Role.COACH))
    url = f"/programs/schools/{world.school.pk}/coaching/"
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert client.post(url, {"held_on": tomorrow, "days": "1", "focus_areas": ["policy"]}).status_code == 400
    assert client.post(url, {"held_on": "2026-01-05", "days": "1"}).status_code == 400
    assert not CoachingSession.objects.exists()


def test_only_the_school_s_coaches_log_and_everyone_on_its_programs_pages_reads() -> None:
    world = _networked()
    url = f"/programs/schools/{world.school.pk}/coaching/"
    form = {"held_on": "2026-01-05", "days": "1", "focus_areas": ["policy"]}
    for role in (Role.SCHOOL_LEADER, Role.LEADERSHIP_TEAM, Role.DISTRICT_ADMIN):
        client = _client(_member(world, role.value, role))
        page = client.get(url)
        assert page.status_code == 200 and "Log a session" not in page.content.decode()
        assert client.post(url, form).status_code == 404
    staff = _client(_staff(world).user)
    assert staff.get(url).status_code == 200 and staff.post(url, form).status_code == 404
    other = _networked("other")
    elsewhere = _client(_member(other, "coach", Role.COACH))
    assert elsewhere.get(url).status_code == 404 and elsewhere.post(url, form).status_code == 404
    assert not CoachingSession.objects.exists()


def test_the_network_overview_lists_the_school_furthest_behind_first() -> None:
    world = _networked()
    today = timezone.localdate()
    phase = _cohort(world, today=today)
    behind = world.school
    ahead = School.objects.create(district=world.district, name="Ahead High", lowest_grade=9, highest_grade=12)
    CohortSchool.objects.create(cohort=phase.cohort, school=ahead, joined_on=phase.starts_on)
    School.objects.create(
        district=world.district, name="Aardvark Middle", lowest_grade=6, highest_grade=8
    )  # in no cohort
    coach = _member(world, "coach", Role.COACH)
    for school, days in ((behind, "1"), (ahead, "9")):
        CoachingSession.objects.create(
            school=school, coach=coach, held_on=today - timedelta(days=5), days=Decimal(days)
        )
    staff = _client(_staff(world).user)
    response = staff.get(f"/programs/networks/{world.district.network_id}/coaching/")
    assert response.status_code == 200
    page = response.content.decode()
    # 100 days into 365, 20 × 101 / 365 = 5.5 days are expected: the school with 1 is behind, the one with 9 ahead.
    assert page.index(behind.name) < page.index("Ahead High") < page.index("Aardvark Middle")
    assert '">45%<' in page and '">5%<' in page  # 9 / 20 and 1 / 20
    assert "Of 2 schools in a phase today, 1 is behind" in page
    assert 'data-growth-chart="coaching-chart"' in page


def test_the_network_overview_is_for_the_network_s_staff_only() -> None:
    world = _networked()
    url = f"/programs/networks/{world.district.network_id}/coaching/"
    for role in (Role.COACH, Role.SCHOOL_LEADER, Role.DISTRICT_ADMIN):
        assert _client(_member(world, role.value, role)).get(url).status_code == 404
    other = _networked("other")
    assert _client(_staff(other, "elsewhere").user).get(url).status_code == 404


def test_the_log_lists_the_newest_sessions_and_links_to_all_of_them() -> None:
    world = _networked()
    coach = _member(world, "coach", Role.COACH)
    start = date(2026, 1, 1)
    CoachingSession.objects.bulk_create(
        CoachingSession(school=world.school, coach=coach, held_on=start + timedelta(days=n), notes=f"Session {n}.")
        for n in range(30)
    )
    client = _client(coach)
    url = f"/programs/schools/{world.school.pk}/coaching/"
    page = client.get(url).content.decode()
    assert "The newest 25 of 30 sessions" in page and "Session 29." in page and "Session 4." not in page
    everything = client.get(url, {"all": "1"}).content.decode()
    assert "All 30 sessions" in everything and "Session 0." in everything
