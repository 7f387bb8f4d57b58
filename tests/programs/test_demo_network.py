"""The demo's network: two cohorts with the demo district's schools in the first, and a history for every page."""

from __future__ import annotations

import pytest
from django.db.models import Sum

from proficio.accounts.models import Role, User
from proficio.demo.writer import DemoResult
from proficio.insights.scope import insight_schools, sees_students
from proficio.programs import grid
from proficio.programs.access import program_schools
from proficio.programs.models import (
    ActionPlan,
    ChangeStory,
    ClassroomVisit,
    CoachingSession,
    Cohort,
    CompositeRanking,
    EventAttendance,
    GbpAdministration,
    GridStatus,
    Phase,
    PhaseKind,
    PlgMeeting,
    SiteVisit,
)
from proficio.roster.models import School, Student

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_demo_district")]


def test_the_demo_districts_schools_are_in_the_first_cohort_beside_partner_schools(demo_district: DemoResult) -> None:
    first, second = Cohort.objects.order_by("name")
    own = set(School.objects.filter(students__isnull=False).values_list("name", flat=True))
    assert own <= set(first.schools.values_list("name", flat=True))
    assert first.schools.count() == 3 and second.schools.count() == 3
    assert not Student.objects.filter(school__in=second.schools.all()).exists()


def test_each_cohort_has_the_three_phases_of_table_1(demo_district: DemoResult) -> None:
    for cohort in Cohort.objects.all():
        kinds = list(cohort.phases.values_list("kind", flat=True))
        assert kinds == [PhaseKind.DESIGN, PhaseKind.YEAR_1, PhaseKind.YEAR_2]
    year_2 = Phase.objects.get(cohort__name="Cohort 1", kind=PhaseKind.YEAR_2)
    assert (year_2.coaching_days_min, year_2.coaching_days_max) == (20, 30)


def test_every_new_role_has_a_demo_login(demo_district: DemoResult) -> None:
    staff = User.objects.get(username=demo_district.usernames["network_staff"][0])
    assert staff.memberships.get().role == Role.NETWORK_STAFF
    team = User.objects.get(username=demo_district.usernames["leadership_team"][0])
    assert team.memberships.filter(role=Role.LEADERSHIP_TEAM).exists()
    assert program_schools(staff).count() == 6


def test_network_staff_see_the_networks_schools_in_aggregate_and_never_a_student(demo_district: DemoResult) -> None:
    staff = User.objects.get(username=demo_district.usernames["network_staff"][0])
    schools = list(insight_schools(staff))
    assert len(schools) == 6
    assert not any(sees_students(staff, school) for school in schools)
    assert not Student.objects.for_user(staff).exists()


def test_the_history_fills_every_page(demo_district: DemoResult) -> None:
    schools = School.objects.filter(cohort_memberships__isnull=False)
    for school in schools:
        assert GridStatus.objects.filter(school=school).count() == 10
        assert SiteVisit.objects.filter(school=school).exists()
        assert ActionPlan.objects.filter(school=school).exists()
        assert PlgMeeting.objects.filter(plg__school=school).exists()
        assert ClassroomVisit.objects.filter(school=school).count() > 100
    assert CoachingSession.objects.aggregate(days=Sum("days"))["days"] > 100
    assert EventAttendance.objects.exists()
    assert ChangeStory.objects.filter(composite__isnull=True).count() == 0
    assert list(CompositeRanking.objects.values_list("rank", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_the_networks_grid_tells_seed_000s_story_technical_first_adaptive_last(demo_district: DemoResult) -> None:
    school_ids = list(School.objects.filter(cohort_memberships__isnull=False).values_list("pk", flat=True))
    network_id = School.objects.get(pk=school_ids[0]).district.network_id
    ranked = grid.activity_completion(grid.load_cells(school_ids), school_ids, grid.activity_kinds(network_id))
    highest, lowest = grid.highest_and_lowest(ranked, n=3)
    assert {row.change for row in highest} == {"technical"}
    assert {row.change for row in lowest} == {"adaptive"}


def test_cohort_1_rated_itself_twice_and_cohort_2_once_on_the_second_edition(demo_district: DemoResult) -> None:
    first = Cohort.objects.get(name="Cohort 1")
    for school in first.schools.all():
        baseline, later = GbpAdministration.objects.filter(school=school).order_by("taken_on")
        assert (baseline.label, later.label) == ("Baseline", "End of year 1")
        assert (baseline.scores.count(), later.scores.count()) == (20, 22)  # the 2nd edition rated whole
    for school in Cohort.objects.get(name="Cohort 2").schools.all():
        [baseline] = GbpAdministration.objects.filter(school=school)
        assert baseline.scores.count() == 22  # the 2nd edition's two district dimensions too


def test_every_grid_status_has_the_history_of_how_it_got_there(demo_district: DemoResult) -> None:
    complete = GridStatus.objects.filter(status=GridStatus.Status.COMPLETE).first()
    assert complete is not None
    steps = list(complete.history.order_by("history_date").values_list("status", flat=True))
    assert steps == ["not_started", "in_progress", "complete"]
    assert complete.history.filter(history_user__isnull=False).count() == 3
