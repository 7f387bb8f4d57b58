"""A district administrator checks a CASE framework, reads the report, imports it, and finds it in the history."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from proficio.accounts.models import User
from proficio.demo.writer import DemoResult
from proficio.interop.models import ImportRecord
from proficio.standards.models import Framework
from tests.browser.conftest import axe_violations, log_in, screenshot
from tests.conftest import DEMO_TEST_PASSWORD
from tests.interop.case.conftest import RIVERSIDE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _serious(page: Page) -> list[str]:
    return [str(v["id"]) for v in axe_violations(page) if v.get("impact") in ("serious", "critical")]


def test_district_admin_checks_then_imports_a_case_framework(
    page: Page, live_server: object, teaching_district: DemoResult
) -> None:
    base = str(live_server)
    admin = User.objects.get(username=teaching_district.usernames["district_admin"][0])
    log_in(page, base, admin.username, DEMO_TEST_PASSWORD)
    page.get_by_role("link", name="Imports and exports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Imports and exports")
    assert _serious(page) == []
    screenshot(page, "imports")

    page.get_by_label("CFPackage file (JSON)").set_input_files(str(RIVERSIDE))
    page.get_by_role("button", name="Check the framework").click()
    expect(page.get_by_role("status")).to_contain_text("Checked (dry run, nothing written)")
    expect(page.get_by_role("status")).to_contain_text("A new framework")
    assert not Framework.objects.filter(case_document__isnull=False).exists()
    assert _serious(page) == []
    screenshot(page, "import-checked")

    page.get_by_role("button", name="Import it").click()
    expect(page.get_by_role("status")).to_contain_text("Imported")
    record = ImportRecord.objects.get(status=ImportRecord.Status.COMMITTED)
    assert record.user == admin and record.framework is not None
    page.goto(f"{base}/interop/")
    history = page.get_by_role("table", name="Recent imports, newest first")
    expect(history).to_contain_text("Imported")
    expect(history).to_contain_text("Checked (dry run, nothing written)")
