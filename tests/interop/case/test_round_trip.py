"""Export and import are inverses: import → export → import keeps the framework; export → import → export
gives the same package, identifiers and timestamps included."""

from __future__ import annotations

import json
from typing import Any

import pytest

from proficio.demo.writer import DemoResult
from proficio.interop.case.exporter import framework_package
from proficio.interop.case.importer import import_case
from proficio.roster.models import District
from proficio.standards.models import Framework
from tests.interop.case.conftest import encode, import_framework, schema_errors

# Vendor-sensitive: the CASE export is rebuilt from JSON fields (jsonb reorders keys).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_demo_district"), pytest.mark.vendor_sensitive]


def shape(framework: Framework) -> dict[str, Any]:
    """Everything a school sees of a framework, without database ids."""
    return {
        standard.code: {
            "title": standard.title,
            "statement": standard.statement,
            "kind": (standard.kind, standard.content_area, standard.required_for_graduation),
            "indicators": [
                {
                    "code": indicator.code,
                    "statement": indicator.statement,
                    "criteria": [(c.level.value, c.level.label, c.description) for c in indicator.criteria.all()],
                    "exemplars": sorted((e.level.value, e.title, e.text) for e in indicator.exemplars.all()),
                    "objectives": [(o.code, o.statement) for o in indicator.objectives.order_by("position")],
                }
                for indicator in standard.indicators.order_by("position")
            ],
        }
        for standard in framework.standards.order_by("position")
    }


def _import(package: dict[str, Any], name: str) -> Framework:
    outcome = import_case(encode(package), source_name="p.json", district=District.objects.create(name=name), user=None)
    assert outcome.framework is not None
    return outcome.framework


def test_import_export_import_keeps_the_framework(riverside: dict[str, Any], district: District) -> None:
    first = import_framework(riverside, district)
    second = _import(framework_package(first), "Second district")
    assert shape(second) == shape(first)
    assert second.identifier == first.identifier


def test_export_import_export_gives_the_same_package(riverside: dict[str, Any], district: District) -> None:
    first = import_framework(riverside, district)
    exported = framework_package(first)
    assert framework_package(_import(exported, "Second district")) == exported


def test_imported_objects_keep_their_identifiers(riverside: dict[str, Any], district: District) -> None:
    framework = import_framework(riverside, district)
    package = framework_package(framework)
    assert package["CFDocument"]["identifier"] == riverside["CFDocument"]["identifier"]
    assert [i["identifier"] for i in package["CFItems"]] == [i["identifier"] for i in riverside["CFItems"]]
    assert sorted(a["identifier"] for a in package["CFAssociations"]) == sorted(
        a["identifier"] for a in riverside["CFAssociations"]
    )
    assert [r["identifier"] for r in package["CFRubrics"]] == [r["identifier"] for r in riverside["CFRubrics"]]
    levels = [
        level["identifier"]
        for r in package["CFRubrics"]
        for c in r["CFRubricCriteria"]
        for level in c["CFRubricCriterionLevels"]
    ]
    original = [
        level["identifier"]
        for r in riverside["CFRubrics"]
        for c in r["CFRubricCriteria"]
        for level in c["CFRubricCriterionLevels"]
    ]
    assert levels == original
    assert package["CFDefinitions"] == riverside["CFDefinitions"]
    math = next(i for i in package["CFItems"] if i["humanCodingScheme"] == "MATH.1.1.a")
    assert "𝑥²" in math["fullStatement"]


def test_a_demo_framework_round_trips(demo_district: DemoResult) -> None:
    framework = Framework.objects.get()
    exported = framework_package(framework)
    assert exported == framework_package(framework)  # deterministic: the same identifiers every time
    assert json.loads(json.dumps(exported, ensure_ascii=False)) == exported
    copy = _import(exported, "Copy of Northfield")
    assert shape(copy) == shape(framework)
    assert framework_package(copy) == exported


def test_a_demo_framework_reimported_at_home_is_unchanged(demo_district: DemoResult) -> None:
    framework = Framework.objects.get()
    assert framework.district is not None
    outcome = import_case(
        encode(framework_package(framework)), source_name="p.json", district=framework.district, user=None
    )
    assert not outcome.created and outcome.framework == framework


def test_a_framework_built_in_proficio_exports_valid_case(demo_district: DemoResult) -> None:
    package = framework_package(Framework.objects.get())
    assert schema_errors(package) == []  # the official CASE 1.1 schema
    document = package["CFDocument"]
    assert {"identifier", "uri", "creator", "title", "lastChangeDateTime"} <= set(document)
    assert document["caseVersion"] == "1.1"
    types = {t["title"] for t in package["CFDefinitions"]["CFItemTypes"]}
    assert types == {"Graduation Standard", "Work Habit", "Performance Indicator", "Learning Objective"}
    child_of = [a for a in package["CFAssociations"] if a["associationType"] == "isChildOf"]
    assert len(child_of) == len(package["CFItems"])
    assert all(isinstance(a["sequenceNumber"], int) and a["sequenceNumber"] >= 1 for a in child_of)
    exemplars = [a for a in package["CFAssociations"] if a["associationType"] == "exemplar"]
    assert exemplars and all(a["destinationNodeURI"]["uri"].startswith("data:text/plain") for a in exemplars)
    rubric = package["CFRubrics"][0]
    levels = rubric["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
    assert [level["score"] for level in levels] == [1, 2, 3, 4]
