"""The leaders' other pages, each checked with axe-core and looked at: the district overview, a school's student
list by grade, its growth, its intervention plans, the strategy library, and an improvement cycle started by
keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from proficio.demo.writer import DemoResult
from tests.browser.conftest import axe_violations, log_in, screenshot
from tests.conftest import DEMO_TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_district_admin_drills_down_and_starts_an_improvement_cycle(
    page: Page, live_server: object, live_server_district: DemoResult
) -> None:
    base = str(live_server)
    log_in(page, base, live_server_district.usernames["district_admin"][0], DEMO_TEST_PASSWORD)
    page.goto(f"{base}/insights/")
    expect(page.get_by_role("heading", name="its high schools")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "insights-district")

    page.locator("section[aria-labelledby^=district-] tbody a").first.click()
    page.get_by_role("link", name="Every student, by grade").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Students — Northfield High School")
    expect(page.locator("main tbody tr").first).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "insights-students")
    page.go_back()

    page.get_by_role("link", name="growth term over term").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Growth term over term")
    expect(page.locator("main")).to_contain_text("Semester 1")
    assert axe_violations(page) == []
    screenshot(page, "insights-growth")
    page.go_back()

    page.get_by_role("link", name="Intervention plans").click()
    expect(page.get_by_role("heading", name="Which interventions work")).to_be_visible()
    assert axe_violations(page) == []
    page.go_back()

    page.get_by_role("link", name="Improvement cycles").click()
    page.get_by_label("The change to test").fill("Exit tickets every Friday in grade 9")
    page.get_by_label("Measured by").select_option("on_track")
    page.get_by_label("Plan: what you will do and what you predict").fill("More ninth-graders on track by spring.")
    page.get_by_label("Plan: what you will do and what you predict").press("Tab")
    page.keyboard.press("Enter")  # the submit button, by keyboard
    expect(page.get_by_role("heading", level=1)).to_have_text("Exit tickets every Friday in grade 9")
    expect(page.locator("dl.facts")).to_contain_text("Share of high-school students on track to graduate")
    assert axe_violations(page) == []
    screenshot(page, "insights-cycle")

    school_link = page.locator("nav.crumbs a[href^='/insights/schools/']").first.get_attribute("href") or ""
    school_id = school_link.rstrip("/").split("/")[-1]
    page.goto(f"{base}/programs/schools/{school_id}/grid/")
    activity = page.locator("section[aria-labelledby=activity-18]")
    activity.locator("summary").click()
    activity.get_by_label("Status").select_option("in_progress")
    activity.get_by_label("Evidence").fill("An intervention block is scheduled for every student from January.")
    activity.get_by_role("button", name="Save").click()
    expect(page.locator("section[aria-labelledby=activity-18] p strong").first).to_contain_text("In progress")
    assert axe_violations(page) == []
    screenshot(page, "programs-grid")

    page.goto(f"{base}/insights/strategies/")
    page.get_by_role("button", name="Add the suggested starter strategies").click()
    expect(page.get_by_role("heading", name="Mathematics")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "insights-strategies")
