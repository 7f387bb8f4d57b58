"""Action plans: the leadership team with the coach creates the year's plan, adds steps tied to the grid and the
self-assessment, and updates them — every change kept with who made it; network staff and district admins read;
a step is found only through its own school; an earlier year's plan is read only."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from proficio.accounts.models import Membership, Role
from proficio.programs import action_plans
from proficio.programs.models import (
    ActionPlan,
    ActionStep,
    GbpAdministration,
    GbpDimension,
    GbpEdition,
    GbpStrand,
    GridActivity,
)
from proficio.roster.models import Network
from tests.factories import World, make_user, make_world
from tests.insights.test_views import _client, _member

pytestmark = pytest.mark.django_db


def _networked(prefix: str = "w") -> World:
    world = make_world(prefix)
    world.district.network = Network.objects.create(name=f"{prefix} league")
    world.district.save()
    GridActivity.objects.create(network=world.district.network, number=1, criterion="Bandwidth.", change="technical")
    return world


def _dimension(edition: str, code: str) -> GbpDimension:
    strand = GbpStrand.objects.create(edition=GbpEdition.objects.create(name=edition), position=1, title="T&L")
    return GbpDimension.objects.create(strand=strand, code=code, title=f"Dimension {code}")


def _this_year() -> str:
    return action_plans.current_school_year(timezone.localdate())


def test_school_years_are_written_as_two_years_that_follow_each_other() -> None:
    assert action_plans.current_school_year(date(2026, 12, 4)) == "2026-27"
    assert action_plans.current_school_year(date(2026, 7, 31)) == "2025-26"  # school years begin in August
    assert action_plans.current_school_year(date(2099, 8, 1)) == "2099-00"
    assert [action_plans.parse_school_year(t) for t in ("2026-27", "2099-00", "2026-28", "2026/27", "26-27")] == [
        2026,
        2099,
        None,
        None,
        None,
    ]


def test_the_leadership_team_creates_the_plan_adds_a_step_and_each_change_is_kept() -> None:
    world = _networked()
    team = _member(world, "team", Role.LEADERSHIP_TEAM)
    client = _client(team)
    url = f"/programs/schools/{world.school.pk}/action-plan/"
    assert "Create the plan" in client.get(url).content.decode()
    assert client.post(url, {"title": "Year 1", "school_year": _this_year()}).status_code == 302
    plan = ActionPlan.objects.get(school=world.school)
    activity = GridActivity.objects.get()
    dimension = _dimension("GBP 1st edition", "1.1")
    step = {"action": "Map the standards.", "owner": "Ms. Rivera", "status": "planned", "activity": activity.pk}
    step |= {"dimension": dimension.pk, "due_on": "2027-01-15"}
    assert client.post(f"{url}{plan.pk}/steps/", step).status_code == 302
    added = ActionStep.objects.get()
    assert (added.plan, added.activity, added.dimension) == (plan, activity, dimension)
    coach = _member(world, "coach", Role.COACH)
    step_url = f"{url}steps/{added.pk}/"
    update = {"status": "under_way", "progress_note": "Half the departments mapped."}
    assert _client(coach).post(step_url, update).status_code == 302
    added.refresh_from_db()
    assert (added.status, added.progress_note) == ("under_way", "Half the departments mapped.")
    versions = list(added.history.order_by("history_date"))
    assert [(v.status, v.history_user) for v in versions] == [("planned", team), ("under_way", coach)]
    page = client.get(url).content.decode()
    assert "Under way" in page and f"by {coach.get_full_name() or coach.username}" in page
    history = client.get(step_url).content.decode()
    assert "Half the departments mapped." in history and "Planned" in history


def test_network_staff_and_district_admins_read_the_plan_but_do_not_write_it() -> None:
    world = _networked()
    plan = ActionPlan.objects.create(school=world.school, title="Year 1", school_year=_this_year())
    step = ActionStep.objects.create(plan=plan, action="Map the standards.", owner="x")
    staff = make_user(f"staff.{world.district.pk}")
    Membership.objects.create(user=staff, role=Role.NETWORK_STAFF, network=world.district.network)
    url = f"/programs/schools/{world.school.pk}/action-plan/"
    for user in (staff, _member(world, "admin", Role.DISTRICT_ADMIN)):
        client = _client(user)
        page = client.get(url).content.decode()
        assert "Map the standards." in page and "Add a step" not in page
        assert client.get(f"{url}steps/{step.pk}/").status_code == 200
        assert (
            client.post(f"{url}{plan.pk}/steps/", {"action": "x", "owner": "y", "status": "planned"}).status_code == 404
        )
        assert client.post(f"{url}steps/{step.pk}/", {"status": "done"}).status_code == 404
    step.refresh_from_db()
    assert step.status == "planned" and ActionStep.objects.count() == 1


def test_a_step_of_another_school_s_plan_is_not_found_through_this_school() -> None:
    world, other = _networked(), _networked("other")
    plan = ActionPlan.objects.create(school=other.school, title="Theirs", school_year=_this_year())
    theirs = ActionStep.objects.create(plan=plan, action="Their step.", owner="x")
    leader = _client(_member(world, "leader", Role.SCHOOL_LEADER))
    url = f"/programs/schools/{world.school.pk}/action-plan/"
    assert leader.get(f"{url}steps/{theirs.pk}/").status_code == 404
    assert leader.post(f"{url}steps/{theirs.pk}/", {"status": "done"}).status_code == 404
    assert leader.post(f"{url}{plan.pk}/steps/", {"action": "x", "owner": "y", "status": "planned"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "planned" and ActionStep.objects.count() == 1


def test_a_step_serves_only_this_network_s_activities_and_the_assessed_editions_dimensions() -> None:
    world, other = _networked(), _networked("other")
    assessed, unassessed = _dimension("GBP 2nd edition", "2.1"), _dimension("GBP 1st edition", "1.1")
    GbpAdministration.objects.create(
        school=world.school, edition=assessed.strand.edition, label="Baseline", taken_on=date(2025, 9, 1)
    )
    choices = list(action_plans.dimension_choices(world.school))
    assert choices == [assessed]
    assert list(action_plans.dimension_choices(other.school)) == [unassessed, assessed]  # none assessed: all
    plan = ActionPlan.objects.create(school=world.school, title="Year 1", school_year=_this_year())
    client = _client(_member(world, "leader", Role.SCHOOL_LEADER))
    url = f"/programs/schools/{world.school.pk}/action-plan/{plan.pk}/steps/"
    foreign = GridActivity.objects.get(network=other.district.network)
    for bad in ({"activity": foreign.pk}, {"dimension": unassessed.pk}, {"owner": ""}):
        form = {"action": "Map the standards.", "owner": "x", "status": "planned"} | bad
        response = client.post(url, form)
        assert response.status_code == 400 and "The step was not added" in response.content.decode()
    assert not ActionStep.objects.exists()


def test_an_earlier_year_s_plan_is_read_only_and_a_second_plan_for_the_year_is_refused() -> None:
    world = _networked()
    old = ActionPlan.objects.create(school=world.school, title="Design year", school_year="2001-02")
    step = ActionStep.objects.create(plan=old, action="Old step.", owner="x")
    client = _client(_member(world, "team", Role.LEADERSHIP_TEAM))
    url = f"/programs/schools/{world.school.pk}/action-plan/"
    page = client.get(url).content.decode()
    assert "an earlier year's plan, read only" in page and "Old step." in page
    refused = client.post(f"{url}steps/{step.pk}/", {"status": "done", "progress_note": ""})
    assert refused.status_code == 400 and "it is kept as it was" in refused.content.decode()
    assert client.post(f"{url}{old.pk}/steps/", {"action": "x", "owner": "y", "status": "planned"}).status_code == 400
    step.refresh_from_db()
    assert step.status == "planned" and step.history.count() == 1
    for year in ("2001-02", "2026/27", "2026-28"):
        assert client.post(url, {"title": "Again", "school_year": year}).status_code == 400
    assert client.post(url, {"title": "Year 1", "school_year": _this_year()}).status_code == 302
    again = client.post(url, {"title": "Again", "school_year": _this_year()})
    assert again.status_code == 400 and "already has its plan" in again.content.decode()
    assert ActionPlan.objects.count() == 2
