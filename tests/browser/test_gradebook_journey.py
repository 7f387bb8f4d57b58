"""A teacher opens a section's gradebook and, by keyboard alone, the evidence behind a level."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from proficio.accounts.models import User
from proficio.demo.writer import DemoResult
from tests.browser.conftest import axe_violations, log_in, screenshot
from tests.conftest import DEMO_TEST_PASSWORD
from tests.factories import first_scored_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _serious(violations: list[dict[str, object]]) -> list[str]:
    return [f"{v['id']}: {v['help']}" for v in violations if v.get("impact") in ("serious", "critical")]


def test_teacher_reads_the_gradebook_and_a_cell_explanation_by_keyboard(
    page: Page, live_server: object, teaching_district: DemoResult
) -> None:
    base = str(live_server)
    teacher = User.objects.get(username=teaching_district.usernames["teacher"][0])
    section = first_scored_section(teacher)
    log_in(page, base, teacher.username, DEMO_TEST_PASSWORD)
    page.get_by_role("link", name=section.name).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(section.name)
    grid = page.get_by_role("region", name="Gradebook grid, scrollable")
    expect(grid).to_be_visible()
    assert _serious(axe_violations(page)) == []
    screenshot(page, "gradebook")

    # Keyboard only: focus the first level and press Enter; the evidence opens in a panel beside the grid.
    first_cell = grid.locator("a.level").first
    label = first_cell.get_attribute("aria-label") or ""
    first_cell.focus()
    expect(first_cell).to_be_focused()
    page.keyboard.press("Enter")
    panel = page.get_by_role("complementary", name="Evidence behind the selected level")
    expect(panel).to_be_visible()
    expect(panel.locator(".sentence")).to_contain_text("level for")
    student_name = label.split(",")[0]
    heading = panel.get_by_role("heading", level=2)
    expect(heading).to_contain_text(student_name)
    expect(heading).to_be_focused()
    expect(page).to_have_url(f"{base}/sections/{section.pk}/gradebook/")  # stayed on the gradebook
    expect(first_cell).to_have_attribute("aria-current", "true")
    assert _serious(axe_violations(page)) == []
    screenshot(page, "gradebook-cell-panel")

    # Escape closes the panel and gives focus back to the cell.
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(first_cell).to_be_focused()

    # The same explanation has a page of its own (for a new tab, or without JavaScript).
    panel_href = first_cell.get_attribute("href") or ""
    page.goto(base + panel_href)
    expect(page.locator(".sentence")).to_contain_text("level for")
    expect(page.get_by_role("heading", level=2)).to_contain_text(student_name)
    assert _serious(axe_violations(page)) == []
    screenshot(page, "gradebook-cell")

    # Filters work from the keyboard too.
    page.go_back()
    page.get_by_label("Only students below proficient").check()
    page.get_by_role("button", name="Show").press("Enter")
    expect(page).to_have_url(f"{base}/sections/{section.pk}/gradebook/?standard=&assessment=&below=1")
