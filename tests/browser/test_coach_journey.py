"""A coach records a site visit by keyboard, sees it listed, follows a link to the Implementation Grid and updates an
activity with its evidence, logs a coaching session and moves an action-plan step along; network staff read the
network's coaching overview. axe-core checks each page; screenshots go to test-artifacts/."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from proficio.accounts.models import Membership, Role, User
from proficio.demo.writer import DemoResult
from proficio.programs.catalogue import add_quoted_activities
from proficio.programs.models import Cohort, CohortSchool, GridActivity, Initiative, Phase, PhaseKind, SiteVisit
from proficio.roster.models import Network, School
from tests.browser.conftest import axe_violations, log_in, screenshot
from tests.conftest import DEMO_TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _coached_school(coach: User) -> School:
    """The coach's high school, in a network with grid activities and in a cohort with a phase under way today."""
    school = (
        School.objects.filter(memberships__user=coach, memberships__role=Role.COACH)
        .select_related("district")
        .order_by("-highest_grade", "name")
        .first()
    )
    assert school is not None
    district = school.district
    if district.network is None:
        district.network = Network.objects.create(name="Journey league")
        district.save()
    network = district.network
    if not GridActivity.objects.filter(network=network).exists():
        add_quoted_activities(network=network)
    today = timezone.localdate()
    if not Phase.objects.filter(cohort__memberships__school=school, starts_on__lte=today, ends_on__gte=today):
        initiative = Initiative.objects.create(network=network, name="Journey initiative", started_on=today)
        cohort = Cohort.objects.create(initiative=initiative, name="Journey cohort")
        CohortSchool.objects.create(cohort=cohort, school=school, joined_on=today)
        Phase.objects.create(
            cohort=cohort,
            kind=PhaseKind.YEAR_1,
            starts_on=today - timedelta(days=60),
            ends_on=today + timedelta(days=300),
            coaching_days_min=20,
            coaching_days_max=30,
        )
    return school


def test_a_coach_records_a_site_visit_updates_the_grid_and_logs_a_session(
    page: Page, live_server: object, live_server_district: DemoResult
) -> None:
    base = str(live_server)
    coach = User.objects.get(username=live_server_district.usernames["coach"][0])
    school = _coached_school(coach)
    log_in(page, base, coach.username, DEMO_TEST_PASSWORD)
    card = page.locator("#panel-coaching article").filter(has=page.get_by_role("heading", name=school.name))
    expect(card).to_contain_text("Coaching days this phase")
    assert axe_violations(page) == []
    screenshot(page, "coach-home")

    card.get_by_role("link", name="Site visits").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Site visits — {school.name}")
    assert axe_violations(page) == []
    screenshot(page, "coach-site-visits")
    visited_on = (timezone.localdate() - timedelta(days=1)).isoformat()
    page.get_by_label("Visited on").fill(visited_on)
    page.get_by_label("Visiting team").focus()  # Tab would step through the date's own parts first
    page.keyboard.type("Ana Visitor")
    page.keyboard.press("Enter")
    page.keyboard.type("Ben Visitor")
    page.keyboard.press("Tab")
    page.keyboard.type("Learning targets posted in most rooms; students could say what proficient means.")
    page.keyboard.press("Tab")  # focus groups: left empty
    page.keyboard.press("Tab")
    page.keyboard.type("A strong start on learning targets; the grading policy is still a draft.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Record the visit")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Site visit of")
    expect(page.locator("main")).to_contain_text("Ana Visitor, Ben Visitor")
    assert SiteVisit.objects.filter(school=school, recorded_by=coach).count() == 1
    assert axe_violations(page) == []
    screenshot(page, "coach-site-visit")
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Site visits").click()
    expect(page.locator("table")).to_contain_text("Ana Visitor, Ben Visitor")

    page.get_by_role("link", name="Implementation Grid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Implementation Grid — {school.name}")
    card = page.locator("section.card").first
    card.locator("summary").click()
    card.get_by_label("Status").select_option(label="In progress")
    card.get_by_label("Evidence").fill("Intervention blocks scheduled for grade 9 this semester.")
    card.get_by_role("button", name="Save").click()
    card = page.locator("section.card").first
    expect(card).to_contain_text("Status: In progress")
    expect(card).to_contain_text("Intervention blocks scheduled")
    assert axe_violations(page) == []

    page.goto(f"{base}/programs/schools/{school.pk}/coaching/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Coaching log — {school.name}")
    assert axe_violations(page) == []
    page.get_by_label("Held on").fill(visited_on)
    page.get_by_label("Days", exact=True).fill("1.5")
    page.get_by_label("Policy").check()
    page.get_by_label("Capacity building").check()
    page.get_by_label("Notes", exact=True).fill("Grading policy draft with the leadership team.")
    page.get_by_label("Teachers checked in with").fill("3")
    page.get_by_role("button", name="Log the session").click()
    expect(page.locator("main")).to_contain_text("Grading policy draft with the leadership team.")
    assert axe_violations(page) == []
    screenshot(page, "coach-coaching-log")

    page.get_by_role("link", name="Action plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Action plan — {school.name}")
    if page.get_by_role("button", name="Create the plan").count():
        page.get_by_label("Title").fill("Year 1: proficiency-based grading")
        page.get_by_role("button", name="Create the plan").click()
    page.get_by_label("Action", exact=True).fill("Adopt a common 1–4 rubric in every department.")
    page.get_by_label("Owner").fill("The leadership team")
    page.get_by_label("Implementation Grid activity it serves").select_option(index=1)
    page.get_by_role("button", name="Add the step").click()
    page.get_by_role("link", name="Adopt a common 1–4 rubric in every department.").click()
    page.get_by_label("Status", exact=True).select_option(label="Under way")
    page.get_by_label("Progress note").fill("Math and science use it; English next month.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("table")).to_contain_text("Math and science use it")
    assert axe_violations(page) == []
    screenshot(page, "coach-action-step")
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Action plan").click()
    expect(page.locator("main")).to_contain_text("Under way")
    assert axe_violations(page) == []
    screenshot(page, "coach-action-plan")


def test_network_staff_read_the_network_s_coaching_overview(
    page: Page, live_server: object, live_server_district: DemoResult
) -> None:
    base = str(live_server)
    coach = User.objects.get(username=live_server_district.usernames["coach"][0])
    school = _coached_school(coach)
    network = school.district.network
    assert network is not None
    staff = User.objects.create_user(username="journey.network_staff", password=DEMO_TEST_PASSWORD)
    Membership.objects.create(user=staff, role=Role.NETWORK_STAFF, network=network)
    log_in(page, base, staff.username, DEMO_TEST_PASSWORD)
    page.goto(f"{base}/programs/networks/{network.pk}/coaching/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Coaching days planned and used")
    expect(page.locator("table")).to_contain_text(school.name)
    page.wait_for_selector("[data-growth-chart] svg")
    assert axe_violations(page) == []
    screenshot(page, "network-coaching")
    page.get_by_role("link", name=school.name).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Coaching log — {school.name}")
    assert axe_violations(page) == []
