from __future__ import annotations

import pytest

from proficio.demo.plan import DistrictPlan, build_plan
from proficio.demo.writer import DemoResult, write_plan

DEMO_TEST_PASSWORD = "demo-test-password"


@pytest.fixture(scope="session")
def small_plan() -> DistrictPlan:
    return build_plan(seed=11, students=21)


@pytest.fixture
def demo_district(db: None, small_plan: DistrictPlan) -> DemoResult:
    """A small but complete Northfield district, written inside the test's transaction."""
    return write_plan(small_plan, DEMO_TEST_PASSWORD)
