"""In a real browser: a student reads their progress and opens an explanation; a guardian switches to Spanish
and reads their child's progress. Both pages pass axe-core (no serious or critical violations), draw their
growth charts under the Content-Security-Policy, and leave screenshots in test-artifacts/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from proficio.demo.writer import DemoResult
from tests.browser.conftest import axe_violations, log_in, screenshot
from tests.conftest import DEMO_TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _serious(page: Page) -> list[str]:
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"  # type: ignore[arg-type]
        for v in axe_violations(page)
        if v.get("impact") in ("serious", "critical")
    ]


def _errors(page: Page) -> list[str]:
    errors: list[str] = []

    def keep(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", keep)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_a_student_opens_the_explanation_of_a_level(
    page: Page, live_server: object, live_server_district: DemoResult
) -> None:
    base = str(live_server)
    errors = _errors(page)
    log_in(page, base, live_server_district.usernames["student"][0], DEMO_TEST_PASSWORD)
    page.get_by_role("link", name="My progress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My progress")
    # The first indicator with a level: its summary shows the level; opening it shows the sentence and evidence.
    indicator = page.locator("details.indicator").filter(has=page.locator("summary .level:not(.none)")).first
    expect(indicator.locator("summary .level")).to_have_text(re.compile(r"^\d"))
    indicator.locator("summary").click()
    expect(indicator.locator(".sentence")).to_be_visible()
    expect(indicator.locator(".sentence")).to_contain_text("Your level for")
    expect(indicator.locator("table.evidence-table")).to_be_visible()
    # The growth charts are drawn (SVG) without eval, inline script or inline style.
    expect(page.locator("[data-growth-chart] svg").first).to_be_visible()
    screenshot(page, "progress-student")
    assert _serious(page) == []
    assert [e for e in errors if "Content Security Policy" in e or "Refused" in e] == []


def test_a_guardian_switches_to_spanish(page: Page, live_server: object, live_server_district: DemoResult) -> None:
    base = str(live_server)
    errors = _errors(page)
    log_in(page, base, live_server_district.usernames["guardian"][0], DEMO_TEST_PASSWORD)
    page.get_by_role("link", name="Your family").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your family")
    page.locator("ul.family a").first.click()
    page.get_by_label("Language", exact=True).select_option("es")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Progreso de")
    expect(page.get_by_role("heading", name="Hábitos de trabajo")).to_be_visible()
    indicator = page.locator("details.indicator").filter(has=page.locator("summary .level:not(.none)")).first
    indicator.locator("summary").click()
    expect(indicator.locator(".sentence")).to_contain_text(re.compile(r"^El nivel de .+ en .+ es "))
    expect(page.locator("[data-growth-chart] svg").first).to_be_visible()
    screenshot(page, "progress-guardian-es")
    assert _serious(page) == []
    assert [e for e in errors if "Content Security Policy" in e or "Refused" in e] == []
