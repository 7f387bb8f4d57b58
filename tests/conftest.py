from __future__ import annotations

import importlib
import os
import shutil
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation
from playwright.sync_api import Browser, Page, sync_playwright

from proficio.demo.plan import DistrictPlan, build_plan
from proficio.demo.writer import DemoResult, write_plan

DEMO_TEST_PASSWORD = "demo-test-password"

_triggers = importlib.import_module("proficio.evidence.migrations.0002_score_integrity_triggers")
_NO_DELETE_TRIGGER = next(s for s in _triggers.SQLITE_FORWARD if "evidence_score_no_delete" in s).replace(
    "CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1
)
# The audit trail is append-only the same way (issue 7); its no-delete trigger is lifted with the scores'.
_audit_triggers = importlib.import_module("proficio.audit.migrations.0002_append_only_triggers")
_AUDIT_NO_DELETE_TRIGGER = _audit_triggers.SQLITE_NO_DELETE.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1)
# Issued reports are immutable the same way; their no-delete trigger is lifted with the others.
_report_triggers = importlib.import_module("proficio.reports.migrations.0002_issued_report_immutable_triggers")
_REPORT_NO_DELETE_TRIGGER = _report_triggers.SQLITE_NO_DELETE.replace(
    "CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1
)


@pytest.fixture(autouse=True)
def default_language_after_each_test() -> Iterator[None]:
    """A request served by the test client activates its reader's language for the whole thread (a Spanish
    guardian's, say); put the default back so the next test starts as a fresh request would."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def small_plan() -> DistrictPlan:
    return build_plan(seed=11, students=21)


@pytest.fixture
def demo_district(db: None, small_plan: DistrictPlan) -> DemoResult:
    """A small but complete Northfield district, written inside the test's transaction."""
    return write_plan(small_plan, DEMO_TEST_PASSWORD)


@pytest.fixture
def flushable_scores(transactional_db: None) -> Iterator[None]:
    """Let a transactional test's teardown flush the database on SQLite.

    Scores are append-only, so SQLite's no-delete trigger refuses the ``DELETE FROM evidence_score`` that
    Django's flush runs after a transactional test (PostgreSQL's flush uses TRUNCATE, which row triggers
    do not see). The same goes for the audit trail and issued reports. The triggers are put back before the
    test and lifted only for the flush.
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(_NO_DELETE_TRIGGER)
            cursor.execute(_AUDIT_NO_DELETE_TRIGGER)
            cursor.execute(_REPORT_NO_DELETE_TRIGGER)
    yield
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS evidence_score_no_delete")
            cursor.execute(f"DROP TRIGGER IF EXISTS {_audit_triggers.NO_DELETE}")
            cursor.execute(f"DROP TRIGGER IF EXISTS {_report_triggers.NO_DELETE}")


# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; run `make setup`.")
        pytest.skip("Debian's chromium is not installed; run `make setup` to enable browser tests.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
