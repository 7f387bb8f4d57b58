"""Re-importing a CFDocument updates the framework in place: a new version, and a report of what changed."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from proficio.interop.case.importer import import_case
from proficio.interop.models import ImportRecord
from proficio.roster.models import District
from proficio.standards.models import CalculationPolicy, Framework, Standard
from tests.interop.case.conftest import by_code, encode, row_counts

# Vendor-sensitive: JSON fields of the stored package, and a row lock on the previous version.
pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]

NEW_ID = "2f1e0c9b-8a7d-4c6b-9e5f-4a3b2c1d0e9f"


def _import(package: dict[str, Any], district: District, **options: Any) -> Any:
    return import_case(encode(package), source_name="riverside.json", district=district, user=None, **options)


def revised(package: dict[str, Any]) -> dict[str, Any]:
    """Version 2 of the Riverside package: one statement reworded, one code changed, one objective moved,
    one indicator added and one removed, all with new timestamps."""
    package = copy.deepcopy(package)
    later = "2025-09-01T08:00:00+00:00"
    package["CFDocument"]["lastChangeDateTime"] = later
    present = by_code(package, "CEC.1.2")
    present["fullStatement"] = "Present information, findings and evidence so that listeners can follow the reasoning."
    present["lastChangeDateTime"] = later
    by_code(package, "CEC.1.1.b")["humanCodingScheme"] = "CEC.1.1.c"
    cec1, removed = by_code(package, "CEC.1.1"), by_code(package, "MATH.1.2")
    moved = by_code(package, "CEC.1.2.a")
    package["CFItems"].remove(removed)
    package["CFAssociations"] = [
        a
        for a in package["CFAssociations"]
        if removed["identifier"] not in (a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"])
    ]
    for rubric in package["CFRubrics"]:
        rubric["CFRubricCriteria"] = [
            c for c in rubric["CFRubricCriteria"] if c["CFItemURI"]["identifier"] != removed["identifier"]
        ]
    for association in package["CFAssociations"]:
        if (
            association["associationType"] == "isChildOf"
            and association["originNodeURI"]["identifier"] == moved["identifier"]
        ):
            association["destinationNodeURI"] = {
                "title": "CEC.1.1",
                "identifier": cec1["identifier"],
                "uri": cec1["uri"],
            }
            association["sequenceNumber"] = 3
    cec = by_code(package, "CEC.1")
    package["CFItems"].append(
        {
            "identifier": NEW_ID,
            "uri": f"https://case.riverside.example/ims/case/v1p1/CFItems/{NEW_ID}",
            "fullStatement": "Listen actively and build on the ideas of others in discussion.",
            "humanCodingScheme": "CEC.1.3",
            "CFItemType": "Performance Indicator",
            "lastChangeDateTime": later,
        }
    )
    package["CFAssociations"].append(
        {
            "identifier": "6c5b4a39-2817-4f6e-8d5c-4b3a29180f7e",
            "uri": "https://case.riverside.example/ims/case/v1p1/CFAssociations/6c5b4a39-2817-4f6e-8d5c-4b3a29180f7e",
            "associationType": "isChildOf",
            "sequenceNumber": 3,
            "originNodeURI": {"title": "CEC.1.3", "identifier": NEW_ID, "uri": package["CFItems"][-1]["uri"]},
            "destinationNodeURI": {"title": "CEC.1", "identifier": cec["identifier"], "uri": cec["uri"]},
            "lastChangeDateTime": later,
        }
    )
    return package


def test_a_new_version_of_the_document_creates_a_new_framework_version(
    riverside: dict[str, Any], district: District
) -> None:
    first = _import(riverside, district).framework
    policy = first.policy
    policy.method, policy.parameters = "mean", {}
    policy.save()
    outcome = _import(revised(riverside), district)
    second = outcome.framework
    assert outcome.created and second.version == 2 and second.lineage == first.lineage and second.is_current
    first.refresh_from_db()
    assert not first.is_current
    assert Framework.objects.filter(lineage=first.lineage).count() == 2
    assert CalculationPolicy.objects.get(framework=second).method == "mean"
    assert second.scale == first.scale and second.work_habit_scale == first.work_habit_scale
    cec = Standard.objects.get(framework=second, code="CEC.1")
    assert [i.code for i in cec.indicators.order_by("position")] == ["CEC.1.1", "CEC.1.2", "CEC.1.3"]
    assert [o.code for o in cec.indicators.get(code="CEC.1.1").objectives.order_by("position")] == [
        "CEC.1.1.a",
        "CEC.1.1.c",
        "CEC.1.2.a",
    ]
    assert not Standard.objects.get(framework=second, code="MATH.1").indicators.filter(code="MATH.1.2").exists()
    assert Standard.objects.get(framework=first, code="MATH.1").indicators.filter(code="MATH.1.2").exists()


def test_it_reports_what_changed(riverside: dict[str, Any], district: District) -> None:
    _import(riverside, district)
    changes = _import(revised(riverside), district).changes
    assert changes["previous_version"] == 1 and changes["new_version"] == 2
    assert [(a["code"], a["level"]) for a in changes["added"]] == [("CEC.1.3", "indicator")]
    assert [(r["code"], r["level"]) for r in changes["removed"]] == [("MATH.1.2", "indicator")]
    changed = {c["code"]: c["fields"] for c in changes["changed"]}
    assert set(changed) == {"CEC.1.2", "CEC.1.1.c", "CEC.1.2.a"}
    assert set(changed["CEC.1.2"]) == {"statement"}
    assert changed["CEC.1.1.c"] == {"code": ["CEC.1.1.b", "CEC.1.1.c"]}
    assert set(changed["CEC.1.2.a"]) == {"parent", "position"}
    assert changed["CEC.1.2.a"]["parent"] == [
        by_code(riverside, "CEC.1.2")["identifier"],
        by_code(riverside, "CEC.1.1")["identifier"],
    ]
    assert set(changes["other"]) == {"CFAssociations", "CFRubrics"}
    assert ImportRecord.objects.get(framework__version=2).changes == changes


def test_an_identical_package_changes_nothing(riverside: dict[str, Any], district: District) -> None:
    first = _import(riverside, district).framework
    before = row_counts()
    outcome = _import(riverside, district)
    assert not outcome.created and outcome.framework == first
    changes = {key: outcome.changes[key] for key in ("previous_version", "added", "changed", "removed", "other")}
    assert changes == {"previous_version": 1, "added": [], "changed": [], "removed": [], "other": []}
    assert outcome.counts["unchanged"] and row_counts() == before
    assert outcome.record.status == ImportRecord.Status.COMMITTED


def test_new_timestamps_alone_change_nothing(riverside: dict[str, Any], district: District) -> None:
    _import(riverside, district)
    package = copy.deepcopy(riverside)
    for item in [package["CFDocument"], *package["CFItems"], *package["CFAssociations"]]:
        item["lastChangeDateTime"] = "2026-01-05T10:00:00Z"
    assert not _import(package, district).created


def test_an_edit_made_in_proficio_counts_as_a_difference(riverside: dict[str, Any], district: District) -> None:
    framework = _import(riverside, district).framework
    Standard.objects.filter(framework=framework, code="CEC.1").update(title="Communicator")
    outcome = _import(riverside, district)
    assert outcome.created and outcome.framework.standards.get(code="CEC.1").title == "Clear and effective communicator"
    assert outcome.changes["changed"] == [
        {
            "identifier": by_code(riverside, "CEC.1")["identifier"],
            "code": "CEC.1",
            "level": "standard",
            "fields": {"title": ["Communicator", "Clear and effective communicator"]},
        }
    ]


def test_another_district_gets_its_own_framework(riverside: dict[str, Any], district: District) -> None:
    first = _import(riverside, district).framework
    other = District.objects.create(name="Neighbouring district")
    second = _import(riverside, other).framework
    assert second.lineage != first.lineage and second.version == 1 and first.is_current and second.is_current
