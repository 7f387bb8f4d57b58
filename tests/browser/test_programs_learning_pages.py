"""The PLG, classroom-visit, change-story and practice-library pages, each checked with axe-core and looked at: a
school leader's school pages and the library, then the network staff's stories, a composite and a ranking."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from proficio.accounts.models import Role, User
from proficio.demo.writer import DemoResult
from proficio.programs.models import CompositeRanking
from proficio.roster.models import School
from tests.browser.conftest import axe_violations, log_in, screenshot
from tests.conftest import DEMO_TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _look(page: Page, name: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, name)


def test_a_leader_and_the_network_staff_use_the_learning_and_knowledge_pages(
    page: Page, live_server: object, live_server_district: DemoResult
) -> None:
    base = str(live_server)
    leader = User.objects.get(username=live_server_district.usernames["school_leader"][0])
    school = School.objects.get(memberships__user=leader, memberships__role=Role.SCHOOL_LEADER)
    log_in(page, base, leader.username, DEMO_TEST_PASSWORD)

    page.goto(f"{base}/programs/schools/{school.pk}/plgs/")
    _look(page, "programs-plgs")
    page.locator("main tbody th a").first.click()
    page.get_by_label("Met on").fill(timezone.localdate().isoformat())
    page.get_by_label("Protocol").fill("Tuning protocol")
    page.get_by_label("Members present").fill("6")
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.locator("main tbody tr").first).to_contain_text("Tuning protocol")
    _look(page, "programs-plg")

    page.goto(f"{base}/programs/schools/{school.pk}/classroom-visits/")
    expect(page.locator(".alert")).to_contain_text("shared 1 time")
    expect(page.locator("[data-growth-chart] svg")).to_be_visible()
    _look(page, "programs-classroom-visits")

    page.goto(f"{base}/programs/schools/{school.pk}/stories/")
    _look(page, "programs-stories-school")

    network_id = school.district.network_id
    assert network_id is not None
    page.goto(f"{base}/programs/networks/{network_id}/practices/")
    _look(page, "programs-practices")
    page.locator("main tbody th a").first.click()
    _look(page, "programs-practice")

    page.goto(f"{base}/")
    page.get_by_role("button", name="Log out").click()
    log_in(page, base, live_server_district.usernames["network_staff"][0], DEMO_TEST_PASSWORD)
    page.goto(f"{base}/programs/networks/{network_id}/stories/")
    _look(page, "programs-stories-network")
    page.locator("section[aria-labelledby=composites-heading] tbody a").first.click()
    _look(page, "programs-story-composite")
    event = CompositeRanking.objects.filter(event__network_id=network_id).first()
    assert event is not None
    page.goto(f"{base}/programs/networks/{network_id}/stories/rankings/{event.event_id}/")
    expect(page.locator("[data-growth-chart] svg")).to_be_visible()
    _look(page, "programs-story-ranking")
