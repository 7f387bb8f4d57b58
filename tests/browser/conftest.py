"""Playwright fixtures: Debian's Chromium (never a downloaded browser) against pytest-django's live server."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from proficio.demo.plan import build_plan
from proficio.demo.writer import DemoResult, write_plan
from tests.conftest import DEMO_TEST_PASSWORD, FEW_ASSESSMENTS

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# The `browser` and `page` fixtures live in tests/conftest.py: one Chromium per session for every test
# directory (a second sync_playwright() in the same session would fail).


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/ for a human to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(f"{base_url}/")


def axe_violations(page: Page) -> list[dict[str, object]]:
    from axe_playwright_python.sync_playwright import Axe

    violations: list[dict[str, object]] = Axe().run(page).response["violations"]
    return violations


@pytest.fixture
def teaching_district(flushable_scores: None) -> DemoResult:
    """A demo district big enough for full classes, written so the live server can see it."""
    return write_plan(build_plan(seed=5, students=40, **FEW_ASSESSMENTS), DEMO_TEST_PASSWORD)
