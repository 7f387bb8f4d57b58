"""An advisor finds a flagged advisee, starts an intervention plan from the flag, and writes its first check-in —
by keyboard where a person would, with axe-core checking each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from proficio.demo.writer import DemoResult
from tests.browser.conftest import axe_violations, log_in, screenshot
from tests.conftest import DEMO_TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_advisor_creates_an_intervention_plan_from_a_flag(
    page: Page, live_server: object, live_server_district: DemoResult
) -> None:
    base = str(live_server)
    log_in(page, base, live_server_district.usernames["advisor"][0], DEMO_TEST_PASSWORD)
    page.get_by_role("link", name="Flags and plans").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My students' flags and plans")
    assert axe_violations(page) == []
    start = page.get_by_role("link", name="Start a plan").first
    start.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("New intervention plan for")
    assert axe_violations(page) == []
    screenshot(page, "intervention-plan-form")

    page.get_by_label("Tier 2 (targeted)").check()
    page.get_by_label("Kind of intervention").select_option("academic")
    page.get_by_label("Intervention block").fill("WIN block, Tue and Thu 10:15")
    page.get_by_label("Responsible staff member").select_option(index=1)
    page.get_by_label("Goal", exact=True).fill("Shows proficiency on the flagged indicator with a new task.")
    goal = page.locator("fieldset:has(legend:text-is(\"The goal's performance indicators\")) input").first
    goal.check()
    page.get_by_role("button", name="Start the plan").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Tier 2 other academic plan for")
    expect(page.get_by_role("heading", name="The goal against the evidence")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Proficient on")
    page.get_by_label("Progress note").fill("First session: re-taught the indicator; a new task is set for Friday.")
    page.get_by_role("button", name="Add the note").click()
    expect(page.locator("ol.notes")).to_contain_text("re-taught the indicator")
    assert axe_violations(page) == []
    screenshot(page, "intervention-plan")
