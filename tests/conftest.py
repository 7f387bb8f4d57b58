"""Fixtures every test directory shares, and the hooks that choose which tests a run selects (tests/parts.py).

The suite is a budget (README, "Tests"): passwords hash with a fast hasher, a module's tests share one demo
district written once inside an outer transaction (each test runs in a savepoint and sees it pristine), and
uploads go to a folder of the worker's own so that two xdist workers never write the same file.
"""

from __future__ import annotations

import importlib
import os
import shutil
from collections.abc import Iterator

import pytest
from django.apps import AppConfig
from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections, transaction
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.test import override_settings
from django.utils import translation
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django import DjangoDbBlocker

import tests.hypothesis_profiles  # noqa: F401  (registers the ci and thorough profiles before any test imports)
from proficio.demo.plan import DistrictPlan, build_plan
from proficio.demo.writer import DemoResult, write_plan
from tests import parts

DEMO_TEST_PASSWORD = "demo-test-password"
# Production keeps Django's slow, salted default (tests/security/test_passwords.py proves it); tests need none
# of its deliberate cost.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

_triggers = importlib.import_module("proficio.evidence.migrations.0002_score_integrity_triggers")
_NO_DELETE_TRIGGER = next(s for s in _triggers.SQLITE_FORWARD if "evidence_score_no_delete" in s).replace(
    "CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1
)
# The audit trail is append-only the same way; its no-delete trigger is lifted with the scores'.
_audit_triggers = importlib.import_module("proficio.audit.migrations.0002_append_only_triggers")
_AUDIT_NO_DELETE_TRIGGER = _audit_triggers.SQLITE_NO_DELETE.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1)
# Issued reports are immutable the same way; their no-delete trigger is lifted with the others.
_report_triggers = importlib.import_module("proficio.reports.migrations.0002_issued_report_immutable_triggers")
_REPORT_NO_DELETE_TRIGGER = _report_triggers.SQLITE_NO_DELETE.replace(
    "CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parts.add_option(parser)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    parts.check_database(config.getoption("--part"), connection.vendor)
    parts.deselect(config, items)
    _refuse_shared_district_beside_committed_data(items)


def _refuse_shared_district_beside_committed_data(items: list[pytest.Item]) -> None:
    """The module's shared district lives in an open transaction; a transactional test in the same module
    would flush it, or commit under it, and a live server could not see it."""
    by_module: dict[str, list[pytest.Item]] = {}
    for item in items:
        by_module.setdefault(item.nodeid.split("::")[0], []).append(item)
    for module, module_items in by_module.items():
        names = [set(getattr(item, "fixturenames", ())) for item in module_items]
        shares = any("module_demo_district" in n for n in names)
        commits = any(n & {"transactional_db", "live_server"} for n in names)
        if shares and commits:
            raise pytest.UsageError(f"{module}: a shared demo district cannot live beside transactional tests")


@pytest.fixture(scope="session", autouse=True)
def fast_test_settings_and_private_uploads(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A fast password hasher, static files looked up when asked for, and uploads, archives and imports in a
    folder of this worker's own.

    Every test ``Client`` builds its own middleware chain, and WhiteNoise would list all static files each
    time (about 40 ms, most of a small request); looked up on request (``AUTOREFRESH``) they are served the
    same way, headers included."""
    data = tmp_path_factory.mktemp("data")
    with override_settings(
        PASSWORD_HASHERS=FAST_PASSWORD_HASHERS,
        WHITENOISE_AUTOREFRESH=True,
        MEDIA_ROOT=str(data / "media"),
        PROFICIO_IMPORT_DIR=data / "imports",
    ):
        yield


@pytest.fixture(autouse=True)
def default_language_after_each_test() -> Iterator[None]:
    """A request served by the test client activates its reader's language for the whole thread (a Spanish
    guardian's, say); put the default back so the next test starts as a fresh request would."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache_for_each_test() -> Iterator[None]:
    """Figures cached by what they were computed from (ids, snapshot times) must not outlive the test whose
    rolled-back rows may reuse those ids."""
    yield
    cache.clear()


@pytest.fixture(scope="session")
def small_plan() -> DistrictPlan:
    return build_plan(seed=11, students=21, summative_per_course=6, formative_per_course=3)


@pytest.fixture(scope="module")
def module_demo_district(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker, small_plan: DistrictPlan
) -> Iterator[DemoResult]:
    """The district written once for a module, in a transaction rolled back after the module's last test.

    A module opts in with ``pytest.mark.usefixtures("module_demo_district")``, so that every one of its tests
    sees the district, whatever the order they run in. Each test's own transaction (pytest-django's ``db``)
    is then a savepoint inside this one, so whatever a test writes is undone before the next one starts."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with django_db_blocker.unblock():
            district = write_plan(small_plan, DEMO_TEST_PASSWORD)
        yield district
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo_district(request: pytest.FixtureRequest, db: None, small_plan: DistrictPlan) -> DemoResult:
    """A small but complete Northfield district: the module's shared one where the module opted in, else
    written inside the test's own transaction (worth it for a module with a single such test)."""
    if "module_demo_district" in request.fixturenames:
        shared: DemoResult = request.getfixturevalue("module_demo_district")
        return shared
    return write_plan(small_plan, DEMO_TEST_PASSWORD)


# Live-server tests read a few pages of one section or one student: a few assessments per course suffice.
FEW_ASSESSMENTS = {"summative_per_course": 4, "formative_per_course": 2}


@pytest.fixture
def live_server_district(flushable_scores: None) -> DemoResult:
    """A 12-student district with every role, committed so that the live server sees it."""
    return write_plan(build_plan(seed=5, students=12, **FEW_ASSESSMENTS), DEMO_TEST_PASSWORD)


@pytest.fixture
def flushable_scores(transactional_db: None) -> Iterator[None]:
    """Let a transactional test's teardown flush the database on SQLite.

    Scores are append-only, so SQLite's no-delete trigger refuses the ``DELETE FROM evidence_score`` that
    Django's flush runs after a transactional test (PostgreSQL's flush uses TRUNCATE, which row triggers
    do not see). The same goes for the audit trail and issued reports. The triggers are lifted only for the
    flush, and ``_no_delete_triggers_after_flush`` puts them back as soon as it ends, so that the next test,
    whichever it is, finds the database as production has it.
    """
    yield
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS evidence_score_no_delete")
            cursor.execute(f"DROP TRIGGER IF EXISTS {_audit_triggers.NO_DELETE}")
            cursor.execute(f"DROP TRIGGER IF EXISTS {_report_triggers.NO_DELETE}")


@receiver(post_migrate, dispatch_uid="tests.no_delete_triggers_after_flush")
def _no_delete_triggers_after_flush(sender: AppConfig, using: str, **kwargs: object) -> None:
    """Django's flush ends by sending ``post_migrate``; on SQLite, restore the triggers flushable_scores lifted."""
    if sender.label != "evidence" or connections[using].vendor != "sqlite":
        return
    with connections[using].cursor() as cursor:
        cursor.execute(_NO_DELETE_TRIGGER)
        cursor.execute(_AUDIT_NO_DELETE_TRIGGER)
        cursor.execute(_REPORT_NO_DELETE_TRIGGER)


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
