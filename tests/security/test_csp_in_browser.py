"""In a real browser, the strict Content-Security-Policy blocks nothing our pages need.

Chromium reports every blocked script, style or image as a console error naming the policy; the pages here
cover our own templates with htmx, the two-factor page's QR image, Swagger UI and the Django admin.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.browser.conftest import axe_violations, log_in
from tests.factories import make_user, make_world
from tests.security.totp import totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def violations(page: Page) -> Iterator[list[str]]:
    found: list[str] = []

    def listen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            found.append(message.text)

    page.on("console", listen)
    yield found


def test_our_pages_run_under_the_policy(
    page: Page,
    live_server: object,
    violations: list[str],
    flushable_scores: None,
) -> None:
    base = str(live_server)
    teacher = make_world().teacher
    log_in(page, base, teacher.username, PASSWORD)
    assert page.evaluate("typeof window.htmx") == "object"
    page.goto(f"{base}/account/two-factor/")
    qr = page.get_by_role("img", name="QR code holding your two-factor set-up address")
    expect(qr).to_be_visible()
    assert qr.evaluate("image => image.naturalWidth") > 0
    assert axe_violations(page) == []
    page.goto(f"{base}/api/v1/docs")
    expect(page.get_by_role("heading", name="proficio API")).to_be_visible()
    assert violations == []


def test_the_admin_runs_under_the_policy(
    page: Page,
    live_server: object,
    violations: list[str],
    flushable_scores: None,
) -> None:
    base = str(live_server)
    make_user("root", is_staff=True, is_superuser=True)
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Data")).to_be_visible()
    page.goto(f"{base}/admin/accounts/user/add/")
    expect(page.get_by_role("heading", name="Add user")).to_be_visible()
    assert page.evaluate("typeof window.django") == "object"  # the admin's static scripts ran
    assert violations == []


def test_a_teacher_with_two_factor_logs_in_with_a_code(
    page: Page,
    live_server: object,
    violations: list[str],
    flushable_scores: None,
) -> None:
    base = str(live_server)
    teacher = make_world().teacher
    device = TOTPDevice.objects.create(user=teacher, name="phone", confirmed=True)
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(teacher.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(f"{base}/login/code/")
    assert axe_violations(page) == []
    page.get_by_label("6-digit code").fill(totp(base64.b32encode(device.bin_key).decode()))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{base}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    assert violations == []
