"""Which tests a run selects: the whole suite, or one part of CI's split (``pytest --part=…``).

CI runs the suite in two passes and a smoke step, and every test runs in at least one of them:

- ``postgres-ci``: every test that touches the database, on PostgreSQL, because that is what districts run;
- ``sqlite-ci``: every test that touches no database, plus the browser journeys, the transactional tests and
  the tests marked ``vendor_sensitive`` (triggers, raw SQL, COPY or staging, JSON fields; the demo's embedded
  database), on SQLite, the embedded default;
- ``benchmark-smoke``: the benchmarks at their smallest size, once per run, outside both passes.

The two passes are complementary by construction: a test is left out of ``sqlite-ci`` only if it touches the
database (so ``postgres-ci`` keeps it), and out of ``postgres-ci`` only if it does not (so ``sqlite-ci`` keeps
it). ``whole`` (the default, what a newcomer's ``make test`` runs) keeps everything but the benchmark smoke.
"""

from __future__ import annotations

from typing import Protocol

import pytest

WHOLE = "whole"
SQLITE_CI = "sqlite-ci"
POSTGRES_CI = "postgres-ci"
BENCHMARK_SMOKE = "benchmark-smoke"
PARTS = (WHOLE, SQLITE_CI, POSTGRES_CI, BENCHMARK_SMOKE)

# pytest-django's fixtures that give a test the database; ``fixturenames`` holds the closure, so a test that
# reaches the database through another fixture (``demo_district`` → ``db``) is seen too.
DATABASE_FIXTURES = frozenset({"db", "transactional_db", "live_server", "django_db_reset_sequences"})


class Marked(Protocol):
    """What selection reads of a collected test (a ``pytest.Item``; tests/test_parts.py passes stand-ins)."""

    def get_closest_marker(self, name: str) -> object | None: ...


def add_option(parser: pytest.Parser) -> None:
    parser.addoption(
        "--part",
        choices=PARTS,
        default=WHOLE,
        help="run one part of CI's split: the whole suite (default), the SQLite or PostgreSQL pass, or the "
        "benchmark smoke (tests/parts.py says which tests each holds)",
    )


def touches_database(item: Marked) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def runs_on_both_databases(item: Marked) -> bool:
    """Browser journeys, tests marked ``vendor_sensitive``, and every transactional test: flushing differs by
    vendor (SQLite deletes row by row through the append-only triggers, PostgreSQL truncates)."""
    marked = any(item.get_closest_marker(name) is not None for name in ("browser", "vendor_sensitive"))
    return marked or "transactional_db" in getattr(item, "fixturenames", ())


def selected(item: Marked, part: str) -> bool:
    smoke = item.get_closest_marker("benchmark_smoke") is not None
    if part == BENCHMARK_SMOKE:
        return smoke
    if smoke:
        return False
    if part == SQLITE_CI:
        return not touches_database(item) or runs_on_both_databases(item)
    if part == POSTGRES_CI:
        return touches_database(item)
    return True


def check_database(part: str, vendor: str) -> None:
    """Refuse a pass run against the other vendor: it would leave tests unrun on the database they need."""
    expected = {SQLITE_CI: "sqlite", POSTGRES_CI: "postgresql"}.get(part)
    if expected and vendor != expected:
        raise pytest.UsageError(f"--part={part} runs on {expected}, but the configured database is {vendor}")


def deselect(config: pytest.Config, items: list[pytest.Item]) -> None:
    part: str = config.getoption("--part")
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        (kept if selected(item, part) else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
