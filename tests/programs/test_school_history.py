"""A school's programs hub: every section of its history, a grid status change appearing in it, who reaches it,
that its queries do not grow with the history, and that it names no student."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from proficio.accounts.models import Membership, Role, User
from proficio.programs.models import (
    ActionPlan,
    ActionStep,
    ChangeStory,
    ClassroomVisit,
    CoachingSession,
    GbpAdministration,
    GbpDimension,
    GbpEdition,
    GbpScore,
    GbpStrand,
    GridActivity,
    Phase,
    PhaseKind,
    Plg,
    PlgMeeting,
    SiteVisit,
)
from tests.factories import make_user
from tests.insights.test_views import _client, _member
from tests.programs.test_network_pages import League, make_league

pytestmark = pytest.mark.django_db


def _self_assessments(league: League) -> None:
    edition = GbpEdition.objects.create(name="GBP 1st edition")
    strand = GbpStrand.objects.create(edition=edition, position=1, title="Teaching & Learning")
    personal = GbpDimension.objects.create(strand=strand, code="1.1", title="Personalization", descriptors=[])
    shared = GbpDimension.objects.create(strand=strand, code="1.2", title="Shared leadership", descriptors=[])
    school = league.world.school
    baseline = GbpAdministration.objects.create(
        school=school, edition=edition, label="Baseline", taken_on=date(2024, 9, 1)
    )
    end = GbpAdministration.objects.create(school=school, edition=edition, label="End-point", taken_on=date(2026, 5, 1))
    GbpScore.objects.create(administration=baseline, dimension=personal, level=1)
    GbpScore.objects.create(administration=baseline, dimension=shared, level=3)
    GbpScore.objects.create(administration=end, dimension=personal, level=3)


def _history(league: League, coach: User, *, sessions: int = 1, phase: bool = True) -> None:
    school = league.world.school
    today = timezone.localdate()
    if phase:
        _current_phase(league, today)
    n = ActionPlan.objects.count()
    plan = ActionPlan.objects.create(school=school, title=f"Plan {n}", school_year=f"{2020 + n}-{21 + n}")
    ActionStep.objects.create(plan=plan, action="Draft the graduation policy.", owner="the principal")
    for i in range(sessions):
        CoachingSession.objects.create(
            school=school, coach=coach, held_on=today - timedelta(days=5 + i), days=Decimal("0.5"), notes=f"Note {i}."
        )
    SiteVisit.objects.create(
        school=school, visited_on=date(2025, 11, 3), team="A. Visitor\nB. Visitor", summary="Targets posted."
    )
    plg = Plg.objects.create(school=school, name="Grade 9 team", facilitator="T. Teacher")
    PlgMeeting.objects.create(plg=plg, met_on=date(2025, 10, 1), protocol="Tuning")
    PlgMeeting.objects.create(plg=plg, met_on=date(2025, 11, 5), protocol="Looking at student work")
    ClassroomVisit.objects.create(school=school, observer=coach, visited_on=date(2025, 10, 2))
    ChangeStory.objects.create(
        school=school, told_by="a teacher", collected_on=date(2026, 4, 1), title="Students own their goals", text="…"
    )


def _current_phase(league: League, today: date) -> None:
    Phase.objects.create(
        cohort=league.cohort_1,
        kind=PhaseKind.YEAR_2,
        starts_on=today - timedelta(days=10),
        ends_on=today + timedelta(days=300),
        coaching_days_min=20,
        coaching_days_max=30,
    )


def _league_with_coach() -> tuple[League, User]:
    league = make_league()
    coach = _member(league.world, "coach", Role.COACH)
    coach.first_name, coach.last_name = "Cora", "Coach"
    coach.save()
    return league, coach


def test_the_hub_shows_every_section_of_the_schools_history() -> None:
    league, coach = _league_with_coach()
    _self_assessments(league)
    _history(league, coach)
    response = _client(league.staff).get(f"/programs/schools/{league.world.school.pk}/")
    assert response.status_code == 200
    history = response.context["history"]
    [placement] = history.placements
    assert (placement.cohort, placement.phase) == ("Cohort 1", "Implementation year 2")
    assert [a.label for a in history.gbp.administrations] == ["Baseline", "End-point"]
    assert [(r.code, r.levels) for r in history.gbp.rows] == [("1.1", (1, 3)), ("1.2", (3, None))]
    assert [p.plan.title for p in history.plans] == ["Plan 0"]
    assert [s.notes for s in history.sessions] == ["Note 0."]
    assert history.sessions[0].coach == "Cora Coach"
    assert (len(history.plgs), history.plg_meetings, history.classroom_visits) == (1, 2, 1)
    text = response.content.decode()
    for expected in ("Draft the graduation policy.", "Targets posted.", "Students own their goals", "Cora Coach"):
        assert expected in text
    school = league.world.school.pk
    for section in ("gbp", "grid", "coaching", "site-visits", "action-plan", "plgs", "classroom-visits", "stories"):
        assert f'href="/programs/schools/{school}/{section}/"' in text, section
    assert f'href="/programs/schools/{school}/final-report/"' in text


def test_a_grid_status_change_appears_in_the_hubs_history_with_who_made_it() -> None:
    league, coach = _league_with_coach()
    activity = GridActivity.objects.create(network=league.network, number=1, criterion="Bandwidth.", change="technical")
    school = league.world.school
    client = _client(coach)
    grid_url = f"/programs/schools/{school.pk}/grid/"
    for status in ("in_progress", "complete"):
        data = {"activity": activity.pk, "status": status, "benchmark": "Every room.", "evidence": "Survey."}
        assert client.post(grid_url, data).status_code == 302
    history = client.get(f"/programs/schools/{school.pk}/").context["history"]
    [line] = history.grid
    assert (line.status, line.benchmark, line.evidence) == ("Complete", "Every room.", "Survey.")
    assert [(c.status, c.by) for c in line.changes] == [("Complete", "Cora Coach"), ("In progress", "Cora Coach")]
    assert str(history.grid_completion) == "1/1"


def test_the_hub_shows_only_the_newest_coaching_notes_and_how_many_there_are() -> None:
    league, coach = _league_with_coach()
    _history(league, coach, sessions=12)
    history = _client(league.staff).get(f"/programs/schools/{league.world.school.pk}/").context["history"]
    assert history.session_count == 12
    assert [s.notes for s in history.sessions][:2] == ["Note 0.", "Note 1."]
    assert len(history.sessions) == 10


def test_a_coach_reaches_the_hub_of_an_assigned_school_only() -> None:
    league, coach = _league_with_coach()
    client = _client(coach)
    assert client.get(f"/programs/schools/{league.world.school.pk}/").status_code == 200
    assert client.get(f"/programs/schools/{league.partner.pk}/").status_code == 404


def test_network_staff_reach_the_hub_of_every_network_school_and_no_other() -> None:
    league, elsewhere = make_league(), make_league("x")
    client = _client(league.staff)
    for school in (league.world.school, league.partner, league.middle):
        assert client.get(f"/programs/schools/{school.pk}/").status_code == 200
    assert client.get(f"/programs/schools/{elsewhere.world.school.pk}/").status_code == 404


def test_a_coach_reads_only_the_site_visits_shared_with_coaches() -> None:
    league, coach = _league_with_coach()
    school = league.world.school
    SiteVisit.objects.create(school=school, visited_on=date(2025, 11, 3), team="A\nB", summary="Not yet shared.")
    SiteVisit.objects.create(
        school=school, visited_on=date(2025, 12, 3), team="A\nB", summary="Shared.", shared_with_coach_at=timezone.now()
    )
    coach_text = _client(coach).get(f"/programs/schools/{school.pk}/").content.decode()
    staff_text = _client(league.staff).get(f"/programs/schools/{school.pk}/").content.decode()
    assert "Shared." in coach_text and "Not yet shared." not in coach_text
    assert "Not yet shared." in staff_text


def test_the_hubs_queries_do_not_grow_with_the_history() -> None:
    league, coach = _league_with_coach()
    _self_assessments(league)
    _history(league, coach, sessions=1)
    client = _client(league.staff)
    url = f"/programs/schools/{league.world.school.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    activities = [
        GridActivity.objects.create(network=league.network, number=n, criterion=f"A{n}.", change="adaptive")
        for n in range(1, 6)
    ]
    other_coach = make_user("coach2")
    Membership.objects.create(user=other_coach, role=Role.COACH, school=league.world.school)
    for activity in activities:
        client.post(
            f"/programs/schools/{league.world.school.pk}/grid/", {"activity": activity.pk, "status": "complete"}
        )
    _history(league, coach, sessions=6, phase=False)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_no_student_is_named_on_the_hub() -> None:
    league, coach = _league_with_coach()
    _history(league, coach)
    student = league.world.student.user
    text = _client(league.staff).get(f"/programs/schools/{league.world.school.pk}/").content.decode()
    assert student.get_full_name() not in text and student.username not in text
