"""Hand-written CASE packages and the helpers the CASE tests share."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from proficio.interop import models as interop
from proficio.roster.models import District
from proficio.standards import models as standards

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "case"
RIVERSIDE = FIXTURES / "riverside_graduation_v1p1.json"
MAPLE_RIDGE = FIXTURES / "mapleridge_science_v1p0.json"

#: Every table an import may write, besides the import record.
COUNTED = (
    standards.ProficiencyScale,
    standards.ScaleLevel,
    standards.Framework,
    standards.CalculationPolicy,
    standards.Standard,
    standards.PerformanceIndicator,
    standards.LearningObjective,
    standards.ScoringCriterion,
    standards.Exemplar,
    interop.CaseDocument,
    interop.CaseItem,
    interop.CaseAssociation,
    interop.CaseTypeMapping,
)


def encode(package: dict[str, Any]) -> bytes:
    return json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8")


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def by_code(package: dict[str, Any], code: str) -> dict[str, Any]:
    return next(item for item in package["CFItems"] if item.get("humanCodingScheme") == code)


@pytest.fixture
def riverside() -> dict[str, Any]:
    """The Riverside CASE 1.1 package: 3 graduation standards, indicators, objectives, rubrics, crosswalks."""
    return copy.deepcopy(_load(RIVERSIDE))


@pytest.fixture
def maple_ridge() -> dict[str, Any]:
    """The Maple Ridge CASE 1.0 package: strands → competencies → indicators, ordered by listEnumeration."""
    return copy.deepcopy(_load(MAPLE_RIDGE))


_cache: dict[Path, dict[str, Any]] = {}


def _load(path: Path) -> dict[str, Any]:
    if path not in _cache:
        _cache[path] = json.loads(path.read_text(encoding="utf-8"))
    return _cache[path]


@pytest.fixture
def district(db: None) -> District:
    return District.objects.create(name="Riverside Unified")


@pytest.fixture
def make_scale() -> Callable[..., standards.ProficiencyScale]:
    def make(
        district: District | None, name: str, values: tuple[int, ...] = (1, 2, 3, 4), threshold: int = 3, **extra: Any
    ) -> standards.ProficiencyScale:
        scale = standards.ProficiencyScale.objects.create(name=name, district=district, **extra)
        for value in values:
            standards.ScaleLevel.objects.create(
                scale=scale, value=Decimal(value), label=f"Level {value}", is_threshold=value == threshold
            )
        return scale

    return make


def schema_errors(package: dict[str, Any]) -> list[str]:
    """Every way ``package`` breaks the official CASE 1.1 JSON schema (formats checked too), as path: message."""
    from jsonschema import Draft201909Validator, FormatChecker

    from proficio.interop.case.conform import case_schema

    validator = Draft201909Validator(case_schema(), format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(package)]


def import_framework(package: dict[str, Any], district: District, **options: Any) -> standards.Framework:
    """Import a package that must import, and return its framework version."""
    from proficio.interop.case.importer import import_case

    outcome = import_case(encode(package), source_name="package.json", district=district, user=None, **options)
    assert outcome.framework is not None
    return outcome.framework
