"""The full-size demo plan, planned once per worker for every module that checks its shape or realism."""

from __future__ import annotations

import pytest

from proficio.demo.plan import DistrictPlan, build_plan


@pytest.fixture(scope="session")
def full_plan() -> DistrictPlan:
    """The district ``proficio demo`` writes by default: seed 2026, 1,000 students."""
    return build_plan(seed=2026, students=1000)
