"""A guardian opens their child's reports page (the current report card as a web page) in a real browser; the
page passes axe-core. A school leader issues a report card from it and downloads the PDF."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from proficio.demo.writer import DemoResult
from proficio.reports.models import IssuedReport
from proficio.roster.models import GuardianLink, Student
from tests.browser.conftest import axe_violations, log_in, screenshot
from tests.conftest import DEMO_TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _describe(violations: list[dict[str, object]]) -> str:
    return "; ".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in violations)  # type: ignore[arg-type]


def test_a_guardian_reads_the_report_card_page_and_it_is_accessible(
    page: Page, live_server: object, live_server_district: DemoResult
) -> None:
    base = str(live_server)
    username = live_server_district.usernames["guardian"][0]
    link = GuardianLink.objects.filter(guardian__user__username=username, is_active=True).first()
    assert link is not None
    log_in(page, base, username, DEMO_TEST_PASSWORD)
    page.goto(f"{base}/students/{link.student_id}/reports/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Reports for")
    expect(page.locator("article.report")).to_contain_text("Report card")
    violations = axe_violations(page)
    screenshot(page, "reports-guardian")
    assert violations == [], _describe(violations)


def test_a_leader_issues_and_downloads_a_report_card(
    page: Page, live_server: object, live_server_district: DemoResult
) -> None:
    base = str(live_server)
    log_in(page, base, live_server_district.usernames["school_leader"][0], DEMO_TEST_PASSWORD)
    from proficio.accounts.models import User

    leader = User.objects.get(username=live_server_district.usernames["school_leader"][0])
    school_id = leader.memberships.active().values_list("school_id", flat=True).first()
    student = Student.objects.filter(school_id=school_id).order_by("pk").first()
    assert student is not None
    page.goto(f"{base}/students/{student.pk}/reports/")
    page.get_by_role("button", name="Issue").click()
    expect(page.locator("#issued")).to_be_visible()
    expect(page.get_by_role("link", name="Download PDF").first).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "reports-leader")
    assert IssuedReport.objects.filter(student=student).count() == 1
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").first.click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_a_guardian_switches_to_spanish_and_reads_the_report_card(
    page: Page, live_server: object, live_server_district: DemoResult
) -> None:
    """The issue's journey: a guardian logs in, chooses Spanish, and reads the child's report card in Spanish."""
    base = str(live_server)
    username = live_server_district.usernames["guardian"][0]
    log_in(page, base, username, DEMO_TEST_PASSWORD)
    page.get_by_role("link", name="Your family").click()
    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("link", name="proficio").click()
    expect(page.get_by_role("heading", level=2, name="Tus hijos")).to_be_visible()
    page.get_by_role("link", name="boletines").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Informes de")
    report = page.locator("article.report")
    expect(report).to_contain_text("Boletín de calificaciones")
    expect(report).to_contain_text("Dominio por curso")
    expect(report).to_contain_text("Cómo leer este boletín de calificaciones")
    violations = axe_violations(page)
    screenshot(page, "reports-guardian-es")
    assert violations == [], _describe(violations)
