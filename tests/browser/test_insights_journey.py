"""Leaders find the students at risk of not graduating and open one; a coach sees a school's gaps and never a
student. Both pages pass axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from proficio.demo.writer import DemoResult
from tests.browser.conftest import axe_violations, log_in, screenshot
from tests.conftest import DEMO_TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_finds_the_students_at_risk_and_opens_one(
    page: Page, live_server: object, live_server_district: DemoResult
) -> None:
    base = str(live_server)
    log_in(page, base, live_server_district.usernames["school_leader"][0], DEMO_TEST_PASSWORD)
    page.get_by_role("link", name="Graduation readiness").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Graduation readiness")
    at_risk = page.locator("#at-risk-heading")
    expect(at_risk).to_contain_text("Students at risk")
    assert axe_violations(page) == []
    screenshot(page, "insights-school")
    first = page.locator("section[aria-labelledby=at-risk-heading] tbody a").first
    name = first.inner_text()
    first.focus()
    page.keyboard.press("Enter")  # by keyboard
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)


def test_a_coach_sees_a_schools_gaps_and_cannot_reach_a_student(
    page: Page, live_server: object, live_server_district: DemoResult
) -> None:
    base = str(live_server)
    log_in(page, base, live_server_district.usernames["coach"][0], DEMO_TEST_PASSWORD)
    page.get_by_role("link", name="Graduation readiness").first.click()
    expect(page.get_by_role("heading", name="By cohort")).to_be_visible()
    expect(page.locator("#at-risk-heading")).to_have_count(0)
    assert page.locator("a[href*='/progress/']").count() == 0
    assert axe_violations(page) == []
    screenshot(page, "insights-school-coach")
    school_page = page.url
    response = page.request.get(school_page + "at-risk.csv")
    assert response.status == 404
