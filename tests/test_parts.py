"""CI's split (tests/parts.py) leaves no test unrun: every test is in the SQLite pass, the PostgreSQL pass or both."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

import pytest

from tests import parts


@dataclass
class FakeItem:
    markers: set[str] = field(default_factory=set)
    fixturenames: list[str] = field(default_factory=list)

    def get_closest_marker(self, name: str) -> object | None:
        return name if name in self.markers else None


MARKERS = ["django_db", "browser", "vendor_sensitive"]
FIXTURES = ["db", "transactional_db", "live_server", "tmp_path"]


def every_kind_of_test() -> list[FakeItem]:
    kinds = []
    for marks, fixtures in product(product([False, True], repeat=3), product([False, True], repeat=4)):
        kinds.append(
            FakeItem(
                {m for m, on in zip(MARKERS, marks, strict=True) if on},
                [f for f, on in zip(FIXTURES, fixtures, strict=True) if on],
            )
        )
    return kinds


def test_every_test_runs_in_at_least_one_ci_pass() -> None:
    for item in every_kind_of_test():
        assert parts.selected(item, parts.SQLITE_CI) or parts.selected(item, parts.POSTGRES_CI), item


def test_every_database_test_runs_on_postgresql() -> None:
    for item in every_kind_of_test():
        if parts.touches_database(item):
            assert parts.selected(item, parts.POSTGRES_CI), item


def test_sqlite_keeps_tests_without_a_database_and_the_vendor_sensitive_ones_only() -> None:
    plain_database_test = FakeItem({"django_db"}, ["db"])
    assert not parts.selected(plain_database_test, parts.SQLITE_CI)
    for kept in [
        FakeItem(set(), ["tmp_path"]),
        FakeItem({"django_db", "vendor_sensitive"}, ["db"]),
        FakeItem({"browser"}, ["live_server", "transactional_db"]),
        FakeItem(set(), ["transactional_db"]),
    ]:
        assert parts.selected(kept, parts.SQLITE_CI), kept
    assert not parts.selected(FakeItem(set(), ["tmp_path"]), parts.POSTGRES_CI)


def test_the_benchmark_smoke_runs_only_in_its_own_step() -> None:
    smoke = FakeItem({"benchmark_smoke"})
    assert parts.selected(smoke, parts.BENCHMARK_SMOKE)
    for part in (parts.WHOLE, parts.SQLITE_CI, parts.POSTGRES_CI):
        assert not parts.selected(smoke, part)
    assert not parts.selected(FakeItem(), parts.BENCHMARK_SMOKE)


@pytest.mark.parametrize(("part", "vendor"), [(parts.SQLITE_CI, "postgresql"), (parts.POSTGRES_CI, "sqlite")])
def test_a_pass_against_the_other_database_is_refused(part: str, vendor: str) -> None:
    with pytest.raises(pytest.UsageError, match=f"--part={part}"):
        parts.check_database(part, vendor)
