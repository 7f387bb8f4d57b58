"""A leadership team member rates the school's Global Best Practices end-point by keyboard and compares it with
the baseline, in a real browser; network staff read their cohort's roll-up. Every page passes axe-core.

Both start from the demo network's own history: the school's baseline from its design year, cohort 1's second
rating at the end of its first implementation year. Which dimensions the journey rates up, the same and down is
chosen from the baseline, so the test holds whatever levels the demo drew.
"""

from __future__ import annotations

from statistics import mean

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from proficio.accounts.models import Membership, Role
from proficio.demo.writer import DemoResult
from proficio.programs.models import Cohort, GbpAdministration, GbpScore
from proficio.roster.models import School
from tests.browser.conftest import axe_violations, log_in, screenshot
from tests.conftest import DEMO_TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_EDITION = "Global Best Practices, 1st edition (illustrative)"


def _team_school(username: str) -> School:
    membership = Membership.objects.select_related("school").get(user__username=username, role=Role.LEADERSHIP_TEAM)
    assert membership.school is not None
    return membership.school


def _end_point_plan(baseline: GbpAdministration) -> dict[str, tuple[int, str, str]]:
    """code -> (level to give, evidence, the change expected): one up, one the same, shared leadership (3.2) down
    when its baseline allows, else the first dimension that can go down."""
    levels = dict(baseline.scores.values_list("dimension__code", "level"))
    lower = "3.2" if levels["3.2"] > 1 else next(c for c, level in sorted(levels.items()) if level > 1)
    up = next(c for c, level in sorted(levels.items()) if level < 4 and c != lower)
    same = next(c for c in sorted(levels) if c not in (lower, up))
    return {
        up: (levels[up] + 1, "Every student has a learning plan reviewed in advisory.", "improved"),
        same: (levels[same], "", "no change"),
        lower: (levels[lower] - 1, "", "lower"),
    }


def _describe(violations: list[dict[str, object]]) -> str:
    return "; ".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in violations)  # type: ignore[arg-type]


def _accessible(page: Page, name: str) -> None:
    violations = axe_violations(page)
    screenshot(page, name)
    assert violations == [], _describe(violations)


def _rate_by_keyboard(page: Page, code: str, level: int, evidence: str) -> None:
    """From the dimension's checked radio ("Not rated"), arrow keys move to the level; Tab reaches its note."""
    group = page.get_by_role("group", name=code)
    group.get_by_role("radio", name="Not rated").focus()
    for _ in range(level):
        page.keyboard.press("ArrowDown")
    expect(group.get_by_role("radio").nth(level)).to_be_checked()
    if evidence:
        page.keyboard.press("Tab")
        expect(group.get_by_label(f"Evidence for {code}")).to_be_focused()
        page.keyboard.type(evidence)


def test_the_leadership_team_rates_an_end_point_by_keyboard_and_compares_it_with_the_baseline(
    page: Page, live_server: object, live_server_district: DemoResult
) -> None:
    base = str(live_server)
    username = live_server_district.usernames["leadership_team"][0]
    school = _team_school(username)
    baseline = GbpAdministration.objects.get(school=school, label="Baseline")
    plan = _end_point_plan(baseline)
    titles = dict(baseline.scores.values_list("dimension__code", "dimension__title"))
    log_in(page, base, username, DEMO_TEST_PASSWORD)
    expect(page.get_by_role("heading", name="Your school's improvement work")).to_be_visible()
    _accessible(page, "home-leadership-team")
    page.get_by_role("link", name="Global Best Practices self-assessment").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Global Best Practices self-assessment")
    expect(page.get_by_role("row", name="Baseline")).to_contain_text("20 of 20")
    _accessible(page, "gbp-school")

    page.get_by_label("Label", exact=True).select_option("End-point")
    page.get_by_label("Edition").select_option(label=FIRST_EDITION)
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("End-point self-assessment")
    expect(page.get_by_text("0 of 20 rated")).to_be_visible()
    expect(page.get_by_role("group", name="3.2").get_by_text("Transforming: leadership is distributed")).to_be_visible()
    _accessible(page, "gbp-rate-empty")

    for code, (level, evidence, _) in plan.items():
        _rate_by_keyboard(page, code, level, evidence)
    page.get_by_role("button", name="Save").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Saved: 3 of 20 dimensions rated.")
    expect(page.get_by_text("3 of 20 rated")).to_be_visible()
    [up] = [code for code, (_, _, change) in plan.items() if change == "improved"]
    expect(page.get_by_label(f"Evidence for {up}")).to_have_value(plan[up][1])
    _accessible(page, "gbp-rate-saved")

    page.get_by_role("link", name="Global Best Practices self-assessment").click()
    page.get_by_role("link", name="Compare two self-assessments").click()
    page.get_by_label("Earlier").select_option(label=f"Baseline ({baseline.taken_on:%Y-%m-%d})")
    page.get_by_label("Later").select_option(label=f"End-point ({timezone.localdate():%Y-%m-%d})")
    page.get_by_role("button", name="Compare").click()
    table = page.get_by_role("table")
    for code, (_, _, change) in plan.items():
        row = table.get_by_role("row", name=f"{code} {titles[code]}")
        expect(row).to_contain_text(change)
        if change == "lower":
            expect(row).to_contain_text("may reflect a deeper understanding")
            expect(page.locator(".chart-alternative")).to_contain_text(
                f"1 improved, 1 did not change and 1 was lower ({code})."
            )
    expect(page.locator("[data-growth-chart] svg")).to_be_visible()
    _accessible(page, "gbp-compare")


def test_network_staff_read_their_cohort_s_roll_up(
    page: Page, live_server: object, live_server_district: DemoResult
) -> None:
    base = str(live_server)
    cohort = Cohort.objects.get(name="Cohort 1")
    scores = GbpScore.objects.filter(administration__school__in=cohort.schools.all(), dimension__code="3.2")
    before = mean(scores.filter(administration__label="Baseline").values_list("level", flat=True))
    after = mean(scores.filter(administration__label="End of year 1").values_list("level", flat=True))
    log_in(page, base, live_server_district.usernames["network_staff"][0], DEMO_TEST_PASSWORD)
    expect(page.get_by_role("heading", name="Your network")).to_be_visible()
    _accessible(page, "home-network-staff")
    page.get_by_role("link", name="Self-assessment roll-up by cohort").first.click()
    page.get_by_label("Cohort", exact=True).select_option(label=f"{cohort.initiative.name}: Cohort 1")
    page.get_by_label("Earlier point").select_option("Baseline")
    page.get_by_label("Later point").select_option("End of year 1")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("3 of the cohort's 3 schools")).to_be_visible()
    row = page.get_by_role("row", name="3.2 Shared leadership")
    expect(row).to_contain_text(f"{before:.2f}")
    expect(row).to_contain_text(f"{after:.2f}")
    expect(page.locator(".chart-alternative")).to_contain_text("the mean rose on")
    expect(page.locator("[data-growth-chart] svg")).to_be_visible()
    _accessible(page, "gbp-network")
