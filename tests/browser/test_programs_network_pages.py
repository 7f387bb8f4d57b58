"""The network's pages and a school's hub and final report, each checked with axe-core and looked at: the network
staff's initiative, grid, events and an event's attendance, then a school leader's hub and final report."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from proficio.accounts.models import Role, User
from proficio.demo.writer import DemoResult
from proficio.programs.models import Event
from proficio.roster.models import School
from tests.browser.conftest import axe_violations, log_in, screenshot
from tests.conftest import DEMO_TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _look(page: Page, name: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, name)


def test_the_network_staff_and_a_leader_read_the_network_and_school_pages(
    page: Page, live_server: object, live_server_district: DemoResult
) -> None:
    base = str(live_server)
    leader = User.objects.get(username=live_server_district.usernames["school_leader"][0])
    school = School.objects.get(memberships__user=leader, memberships__role=Role.SCHOOL_LEADER)
    network_id = school.district.network_id
    assert network_id is not None

    log_in(page, base, live_server_district.usernames["network_staff"][0], DEMO_TEST_PASSWORD)
    page.goto(f"{base}/programs/networks/{network_id}/")
    expect(page.locator("main")).to_contain_text("20–30")
    _look(page, "programs-network")
    page.goto(f"{base}/programs/networks/{network_id}/grid/")
    expect(page.locator("[data-growth-chart] svg")).to_be_visible()
    _look(page, "programs-network-grid")
    page.goto(f"{base}/programs/networks/{network_id}/events/")
    _look(page, "programs-network-events")
    event = Event.objects.filter(network_id=network_id).order_by("-held_on").first()
    assert event is not None
    page.goto(f"{base}/programs/networks/{network_id}/events/{event.pk}/")
    page.get_by_role("button", name="Save the attendance").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Events and attendance")
    page.goto(f"{base}/programs/networks/{network_id}/events/{event.pk}/")
    _look(page, "programs-event-attendance")

    page.goto(f"{base}/")
    page.get_by_role("button", name="Log out").click()
    log_in(page, base, leader.username, DEMO_TEST_PASSWORD)
    page.goto(f"{base}/programs/schools/{school.pk}/")
    _look(page, "programs-school-hub")
    page.get_by_role("link", name="Final report").first.click()
    page.get_by_label("What was the most valuable aspect of this initiative?").fill("The coaching days.")
    page.get_by_role("button", name="Save the answers").click()
    expect(page.get_by_label("What was the most valuable aspect of this initiative?")).to_have_value(
        "The coaching days."
    )
    _look(page, "programs-final-report")
