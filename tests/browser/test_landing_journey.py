"""Every role logs in through a real browser, lands on its page, and the page passes axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from proficio.demo.writer import DemoResult
from tests.browser.conftest import axe_violations, log_in, screenshot
from tests.conftest import DEMO_TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADINGS = {
    "coach": "coach",
    "district_admin": "Your district",
    "school_leader": "Your school",
    "teacher": "Your sections",
    "advisor": "Your advisees",
    "student": "Your learning",
    "guardian": "Your children",
}


def _describe(violations: list[dict[str, object]]) -> str:
    return "; ".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in violations)  # type: ignore[arg-type]


@pytest.mark.parametrize("role", sorted(HEADINGS))
def test_each_role_logs_in_and_sees_an_accessible_landing_page(
    page: Page, live_server: object, live_server_district: DemoResult, role: str
) -> None:
    base = str(live_server)
    log_in(page, base, live_server_district.usernames[role][0], DEMO_TEST_PASSWORD)
    expect(page.locator("main")).to_contain_text(HEADINGS[role])
    violations = axe_violations(page)
    screenshot(page, f"landing-{role}")
    assert violations == [], _describe(violations)


def test_login_page_is_accessible_and_keyboard_usable(
    page: Page, live_server: object, live_server_district: DemoResult
) -> None:
    base = str(live_server)
    page.goto(f"{base}/login/")
    assert axe_violations(page) == []
    # Keyboard only: the username field has focus; type, Tab to password, Enter submits.
    page.keyboard.type(live_server_district.usernames["teacher"][0])
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_TEST_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def test_a_wrong_password_is_refused_with_a_message(
    page: Page, live_server: object, live_server_district: DemoResult
) -> None:
    base = str(live_server)
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(live_server_district.usernames["teacher"][0])
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("main")).to_contain_text("did not match")
    assert page.url.endswith("/login/")
