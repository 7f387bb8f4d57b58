"""A leadership team member rates the school's Global Best Practices end-point by keyboard and compares it with
the baseline, in a real browser; network staff read their cohort's roll-up. Every page passes axe-core.

What the journey needs beyond the demo district is set up here with the ORM (a network if the district has none,
an edition loaded from the shipped 1st-edition file, a baseline scored a year ago, the people), so that it does
not depend on what the demo writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from proficio.accounts.models import Membership, Role, User
from proficio.demo.writer import DemoResult
from proficio.programs.gbp_edition_import import FIRST_EDITION, load_edition
from proficio.programs.models import Cohort, CohortSchool, GbpAdministration, GbpEdition, GbpScore, Initiative
from proficio.roster.models import District, Network, School
from tests.browser.conftest import axe_violations, log_in, screenshot
from tests.conftest import DEMO_TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASELINE_LEVELS = {"1.1": 1, "1.2": 2, "1.3": 2, "3.2": 3}  # the rest at 2
END_POINT = {"1.1": (3, "Every student has a learning plan reviewed in advisory."), "1.3": (2, ""), "3.2": (2, "")}


@dataclass(frozen=True)
class Setting:
    school: School
    network: Network
    edition: GbpEdition
    baseline: GbpAdministration


def _user(username: str, name: tuple[str, str], role: Role, **where: object) -> User:
    first, last = name
    user = User.objects.create_user(username=username, password=DEMO_TEST_PASSWORD, first_name=first, last_name=last)
    Membership.objects.create(user=user, role=role, **where)
    return user


def _setting() -> Setting:
    school = School.objects.filter(highest_grade=12, district__identifier="NRSD").order_by("name").first()
    assert school is not None, "the demo district has a high school"
    district: District = school.district
    if district.network is None:
        district.network = Network.objects.create(name="Journey league")
        district.save()
    assert district.network is not None
    edition = load_edition(FIRST_EDITION, name="GBP 1st edition (journey)", levels=4)
    baseline = GbpAdministration.objects.create(
        school=school, edition=edition, label="Baseline", taken_on=timezone.localdate() - timedelta(days=365)
    )
    for strand in edition.strands.all():
        for dimension in strand.dimensions.all():
            level = BASELINE_LEVELS.get(dimension.code, 2)
            GbpScore.objects.create(administration=baseline, dimension=dimension, level=level, evidence="At baseline.")
    return Setting(school, district.network, edition, baseline)


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
    setting = _setting()
    _user("journey.team", ("Lee", "Team"), Role.LEADERSHIP_TEAM, school=setting.school)
    log_in(page, base, "journey.team", DEMO_TEST_PASSWORD)
    page.goto(f"{base}/programs/schools/{setting.school.pk}/gbp/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Global Best Practices self-assessment")
    expect(page.get_by_role("row", name="Baseline")).to_contain_text("20 of 20")
    _accessible(page, "gbp-school")

    page.get_by_label("Label", exact=True).select_option("End-point")
    page.get_by_label("Edition").select_option(label=setting.edition.name)
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("End-point self-assessment")
    expect(page.get_by_text("0 of 20 rated")).to_be_visible()
    expect(page.get_by_role("group", name="3.2").get_by_text("Transforming: leadership is distributed")).to_be_visible()
    _accessible(page, "gbp-rate-empty")

    for code, (level, evidence) in END_POINT.items():
        _rate_by_keyboard(page, code, level, evidence)
    page.get_by_role("button", name="Save").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Saved: 3 of 20 dimensions rated.")
    expect(page.get_by_text("3 of 20 rated")).to_be_visible()
    expect(page.get_by_label("Evidence for 1.1")).to_have_value(END_POINT["1.1"][1])
    _accessible(page, "gbp-rate-saved")

    page.get_by_role("link", name="Global Best Practices self-assessment").click()
    page.get_by_role("link", name="Compare two self-assessments").click()
    page.get_by_label("Earlier").select_option(label=f"Baseline ({setting.baseline.taken_on:%Y-%m-%d})")
    page.get_by_label("Later").select_option(label=f"End-point ({timezone.localdate():%Y-%m-%d})")
    page.get_by_role("button", name="Compare").click()
    table = page.get_by_role("table")
    expect(table.get_by_role("row", name="1.1 Personalized learning")).to_contain_text("improved")
    expect(table.get_by_role("row", name="1.3 Multiple pathways")).to_contain_text("no change")
    lower = table.get_by_role("row", name="3.2 Shared leadership")
    expect(lower).to_contain_text("lower")
    expect(lower).to_contain_text("may reflect a deeper understanding")
    expect(page.locator(".chart-alternative")).to_contain_text("1 improved, 1 did not change and 1 was lower (3.2).")
    expect(page.locator("[data-growth-chart] svg")).to_be_visible()
    _accessible(page, "gbp-compare")


def test_network_staff_read_their_cohort_s_roll_up(
    page: Page, live_server: object, live_server_district: DemoResult
) -> None:
    base = str(live_server)
    setting = _setting()
    end = GbpAdministration.objects.create(
        school=setting.school, edition=setting.edition, label="End-point", taken_on=timezone.localdate()
    )
    for score in setting.baseline.scores.select_related("dimension"):
        level = min(4, score.level + 1) if score.dimension.code != "3.2" else 2
        GbpScore.objects.create(administration=end, dimension=score.dimension, level=level)
    initiative = Initiative.objects.create(network=setting.network, name="Journey initiative", started_on=end.taken_on)
    cohort = Cohort.objects.create(initiative=initiative, name="Journey cohort")
    CohortSchool.objects.create(cohort=cohort, school=setting.school, joined_on=end.taken_on)
    _user("journey.staff", ("Nat", "Staff"), Role.NETWORK_STAFF, network=setting.network)
    log_in(page, base, "journey.staff", DEMO_TEST_PASSWORD)
    page.goto(f"{base}/programs/networks/{setting.network.pk}/gbp/")
    page.get_by_label("Cohort", exact=True).select_option(label="Journey initiative: Journey cohort")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("1 of the cohort's 1 schools")).to_be_visible()
    expect(page.get_by_role("row", name="3.2 Shared leadership")).to_contain_text("-1.00")
    alternative = page.locator(".chart-alternative")
    expect(alternative).to_contain_text("the mean rose on 19 of 20 dimensions, most on 1.1 (+1.00 levels)")
    expect(alternative).to_contain_text("it fell on 3.2 (-1.00).")
    expect(page.locator("[data-growth-chart] svg")).to_be_visible()
    _accessible(page, "gbp-network")
