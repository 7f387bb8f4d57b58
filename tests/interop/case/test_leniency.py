"""The tolerant reader: what CASE 1.0 servers write instead of CASE 1.1 is read the same, with a located
warning each — and what it cannot read without guessing is still refused."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from proficio.interop.case.exporter import framework_package
from proficio.interop.case.importer import import_case
from proficio.interop.problems import ImportRefused
from proficio.roster.models import District
from tests.interop.case.conftest import encode, import_framework

pytestmark = pytest.mark.django_db


def _check(package: dict[str, Any], district: District, **options: Any) -> Any:
    return import_case(encode(package), source_name="lenient.json", district=district, user=None, **options)


def _as_opensalt(package: dict[str, Any]) -> dict[str, Any]:
    """The package as a CASE 1.0 server writes it: node links as URLs, sequence numbers as text."""
    shaped = copy.deepcopy(package)
    for association in shaped["CFAssociations"]:
        for end in ("originNodeURI", "destinationNodeURI"):
            association[end] = association[end]["uri"]
        if "sequenceNumber" in association:
            association["sequenceNumber"] = str(association["sequenceNumber"])
    shaped["CFDocument"]["CFPackageURI"] = shaped["CFDocument"]["uri"]
    return shaped


@pytest.mark.vendor_sensitive  # JSON fields
def test_links_written_as_urls_resolve_to_the_objects_with_those_uris(
    riverside: dict[str, Any], district: District
) -> None:
    strict = import_framework(riverside, district)
    lenient = _check(_as_opensalt(riverside), district, dry_run=True)
    # the same items in the same places — each URL was resolved to the item it names; only links to other
    # frameworks differ, since a bare URL carries neither their title nor their identifier
    changes = lenient.changes
    assert (changes["added"], changes["changed"], changes["removed"]) == ([], [], [])
    assert changes["other"] == ["CFAssociations"] and changes["previous_version"] == strict.version
    columns = {w.column for w in lenient.warnings}
    assert {"originNodeURI", "destinationNodeURI", "sequenceNumber", "CFPackageURI"} <= columns
    origin = next(w for w in lenient.warnings if w.column == "originNodeURI")
    assert origin.where == "CFAssociations[0].originNodeURI" and origin.line > 1
    assert "more lines like it" in origin.message  # one warning for every association, not one each


def test_an_association_type_in_another_case_is_normalised(riverside: dict[str, Any], district: District) -> None:
    riverside["CFAssociations"][3]["associationType"] = "ISCHILDOF"
    outcome = _check(riverside, district, dry_run=True)
    [warning] = [w for w in outcome.warnings if w.column == "associationType"]
    assert warning.value == "ISCHILDOF" and "read as isChildOf" in warning.message
    assert outcome.counts["objectives"] > 0


def test_rubric_scores_written_as_text_are_read_as_numbers(riverside: dict[str, Any], district: District) -> None:
    level = riverside["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"][0]
    level["score"], level["position"] = "1", "1"
    outcome = _check(riverside, district, dry_run=True)
    assert {w.column for w in outcome.warnings} == {"score", "position"}


def test_a_number_that_is_not_a_number_is_still_refused(riverside: dict[str, Any], district: District) -> None:
    riverside["CFAssociations"][3]["sequenceNumber"] = "second"
    with pytest.raises(ImportRefused) as refused:
        _check(riverside, district)
    [problem] = refused.value.problems
    assert problem.column == "sequenceNumber" and problem.value == "second"


def test_a_url_naming_nothing_in_the_package_is_still_an_unresolved_reference(
    riverside: dict[str, Any], district: District
) -> None:
    riverside["CFAssociations"][3]["destinationNodeURI"] = "https://elsewhere.example/uri/not-here"
    with pytest.raises(ImportRefused) as refused:
        _check(riverside, district)
    [problem] = refused.value.problems
    assert problem.column == "destinationNodeURI" and problem.value == "not-here"
    assert [w.column for w in refused.value.warnings] == ["destinationNodeURI"]


@pytest.mark.vendor_sensitive  # JSON fields
def test_the_export_of_a_leniently_read_package_is_strict(riverside: dict[str, Any], district: District) -> None:
    framework = _check(_as_opensalt(riverside), district).framework
    package = framework_package(framework)
    associations = package["CFAssociations"]
    assert all(isinstance(a["originNodeURI"], dict) for a in associations)
    assert all(isinstance(a.get("sequenceNumber", 1), int) for a in associations)
    assert "CFPackageURI" not in package["CFDocument"]


@pytest.mark.vendor_sensitive  # JSON fields
def test_a_depth_rule_is_remembered_for_the_document(riverside: dict[str, Any], district: District) -> None:
    for item in riverside["CFItems"]:
        item.pop("CFItemType", None)
        item.pop("CFItemTypeURI", None)
    first = _check(riverside, district, mapping={"depth:3": "ignore"})
    assert first.counts["objectives"] == 0
    second = _check(riverside, district, dry_run=True)
    assert second.counts["objectives"] == 0 and not second.created


def test_an_item_type_given_only_as_a_url_takes_its_title_from_the_definitions(
    riverside: dict[str, Any], district: District
) -> None:
    for item in riverside["CFItems"]:
        item.pop("CFItemType", None)
        item["CFItemTypeURI"] = item["CFItemTypeURI"]["uri"]
    outcome = _check(riverside, district, dry_run=True)
    assert {row["type"] for row in outcome.changes["mapping"]} >= {"Graduation Standard", "Performance Indicator"}
    assert all(row["how"] == "recognised from its name" for row in outcome.changes["mapping"])
    [warning] = [w for w in outcome.warnings if w.column == "CFItemTypeURI"]
    assert warning.where == "CFItems[0].CFItemTypeURI" and "more lines like it" in warning.message
