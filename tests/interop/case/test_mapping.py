"""Item types map to levels: recognised names, a mapping passed in, and the mapping remembered per document."""

from __future__ import annotations

from typing import Any

import pytest

from proficio.interop.case.importer import import_case
from proficio.interop.case.mapping import recognise
from proficio.interop.models import CaseTypeMapping
from proficio.interop.problems import ImportRefused
from proficio.roster.models import District
from tests.interop.case.conftest import encode

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("Graduation Standard", "standard"),
        ("standard", "standard"),
        ("Competency", "standard"),
        ("Work Habit", "standard"),
        ("Habits of Work", "standard"),
        ("Performance Indicator", "indicator"),
        ("INDICATOR", "indicator"),
        ("Learning Objective", "objective"),
        ("Learning Target", "objective"),
        ("Strand", None),
        ("Domain", None),
        ("", None),
    ],
)
def test_it_recognises_common_type_names(name: str, target: str | None) -> None:
    assert recognise(name) == target


def _retype(package: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    for item in package["CFItems"]:
        if item["CFItemType"] == old:
            item["CFItemType"] = new
            item["CFItemTypeURI"]["title"] = new
    return package


def test_the_chosen_mapping_is_remembered(riverside: dict[str, Any], district: District) -> None:
    package = _retype(riverside, "Performance Indicator", "Benchmark")
    outcome = import_case(
        encode(package), source_name="r.json", district=district, user=None, mapping={"Benchmark": "indicator"}
    )
    assert outcome.framework is not None
    remembered = dict(
        CaseTypeMapping.objects.filter(document_identifier=package["CFDocument"]["identifier"]).values_list(
            "item_type", "target"
        )
    )
    assert remembered == {
        "Graduation Standard": "standard",
        "Benchmark": "indicator",
        "Learning Objective": "objective",
        "Work Habit": "standard",
    }
    other = District.objects.create(name="Second district")
    again = import_case(encode(package), source_name="r.json", district=other, user=None)  # no mapping passed
    assert again.framework is not None and again.framework.standards.get(code="CEC.1").indicators.count() == 2


def test_a_mapping_passed_in_overrides_the_remembered_one(riverside: dict[str, Any], district: District) -> None:
    CaseTypeMapping.objects.create(
        document_identifier=riverside["CFDocument"]["identifier"], item_type="Learning Objective", target="indicator"
    )
    outcome = import_case(
        encode(riverside), source_name="r.json", district=district, user=None, mapping={"Learning Objective": "ignore"}
    )
    assert outcome.framework is not None and outcome.counts["ignored_items"] == 4
    assert CaseTypeMapping.objects.get(item_type="Learning Objective").target == "ignore"


def test_a_remembered_mapping_that_breaks_the_hierarchy_is_reported(
    riverside: dict[str, Any], district: District
) -> None:
    CaseTypeMapping.objects.create(
        document_identifier=riverside["CFDocument"]["identifier"], item_type="Learning Objective", target="indicator"
    )
    with pytest.raises(ImportRefused) as refused:
        import_case(encode(riverside), source_name="r.json", district=district, user=None)
    assert len(refused.value.problems) == 4
    assert all("must sit under a graduation standard" in p.message for p in refused.value.problems)


def test_a_bad_target_is_refused(riverside: dict[str, Any], district: District) -> None:
    with pytest.raises(ImportRefused) as refused:
        import_case(
            encode(riverside), source_name="r.json", district=district, user=None, mapping={"Work Habit": "habit"}
        )
    [problem] = refused.value.problems
    assert (
        problem.where == "mapping" and problem.value == "habit" and "standard, indicator, objective" in problem.message
    )


def test_ignored_items_are_transparent(riverside: dict[str, Any], district: District) -> None:
    """Children of an ignored item attach to its nearest mapped ancestor."""
    package = riverside
    grouping = {
        "identifier": "0d7c7d3e-61a4-4c7e-9a56-8e0a7a3f2b10",
        "uri": "https://case.riverside.example/ims/case/v1p1/CFItems/0d7c7d3e-61a4-4c7e-9a56-8e0a7a3f2b10",
        "fullStatement": "Academic standards",
        "CFItemType": "Domain",
        "lastChangeDateTime": "2025-05-14T09:30:00+00:00",
    }
    package["CFItems"].insert(0, grouping)
    document = package["CFDocument"]
    link = {"title": "Academic", "identifier": grouping["identifier"], "uri": grouping["uri"]}
    for association in package["CFAssociations"]:
        if association["associationType"] == "isChildOf" and association["originNodeURI"]["title"] in {
            "CEC.1",
            "MATH.1",
        }:
            association["destinationNodeURI"] = link
    package["CFAssociations"].append(
        {
            "identifier": "9f6a1f0e-2b0c-4a8e-8d4e-5b7b8c9d0e1f",
            "uri": "https://case.riverside.example/ims/case/v1p1/CFAssociations/9f6a1f0e-2b0c-4a8e-8d4e-5b7b8c9d0e1f",
            "associationType": "isChildOf",
            "sequenceNumber": 1,
            "originNodeURI": link,
            "destinationNodeURI": {
                "title": document["title"],
                "identifier": document["identifier"],
                "uri": document["uri"],
            },
            "lastChangeDateTime": "2025-05-14T09:30:00+00:00",
        }
    )
    outcome = import_case(
        encode(package),
        source_name="r.json",
        district=district,
        user=None,
        mapping={"Domain": "ignore"},
    )
    assert outcome.framework is not None
    assert [s.code for s in outcome.framework.standards.order_by("position")] == ["CEC.1", "MATH.1", "WH.1"]
