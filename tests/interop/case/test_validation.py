"""Every problem in a package is reported together, each at its place: file, line, JSON path, field, value."""

from __future__ import annotations

import codecs
import copy
from decimal import Decimal
from typing import Any

import pytest
from django.test import override_settings

from proficio.interop.case.importer import import_case
from proficio.interop.problems import ImportRefused, Problem
from proficio.roster.models import District
from tests.interop.case.conftest import by_code, encode, import_framework, row_counts

pytestmark = pytest.mark.django_db


def refused(data: bytes, district: District, **options: Any) -> list[Problem]:
    before = row_counts()
    with pytest.raises(ImportRefused) as caught:
        import_case(data, source_name="riverside.json", district=district, user=None, **options)
    assert row_counts() == before
    for problem in caught.value.problems:
        assert problem.file == "riverside.json" and (problem.line or problem.where)
    return caught.value.problems


def line_of(data: bytes, text: str) -> int:
    return data[: data.index(text.encode())].count(b"\n") + 1


def test_a_json_syntax_error_names_its_line_and_column(riverside: dict[str, Any], district: District) -> None:
    data = encode(riverside).replace(b'"CEC.1.1",', b'"CEC.1.1"', 1)
    [problem] = refused(data, district)
    assert problem.message.startswith("not valid JSON: Expecting ','")
    assert problem.line == line_of(data, '"CEC.1.1"') + 1 and problem.column.isdigit()


def test_truncated_json_is_refused(riverside: dict[str, Any], district: District) -> None:
    data = encode(riverside)
    [problem] = refused(data[: len(data) // 2], district)
    assert problem.message.startswith("not valid JSON") and problem.line > 1


def test_a_utf8_byte_order_mark_is_accepted(riverside: dict[str, Any], district: District) -> None:
    outcome = import_case(codecs.BOM_UTF8 + encode(riverside), source_name="r.json", district=district, user=None)
    assert outcome.framework is not None


def test_utf16_is_refused_with_advice(riverside: dict[str, Any], district: District) -> None:
    data = codecs.BOM_UTF16_LE + encode(riverside).decode("utf-8").encode("utf-16-le")
    [problem] = refused(data, district)
    assert "UTF-16" in problem.message and "save it as UTF-8" in problem.message


def test_invalid_utf8_is_located(riverside: dict[str, Any], district: District) -> None:
    data = encode(riverside)
    at = data.index(b"Write arguments")
    broken = data[:at] + b"\xff\xfe" + data[at:]
    [problem] = refused(broken, district)
    assert "not valid UTF-8" in problem.message and problem.line == line_of(data, "Write arguments")
    assert problem.value == "ff fe 57 72"


@override_settings(PROFICIO_IMPORT_MAX_BYTES=1000)
def test_an_oversized_file_is_refused(riverside: dict[str, Any], district: District) -> None:
    [problem] = refused(encode(riverside), district)
    assert "the limit is 1,000 bytes" in problem.message


def test_missing_required_fields_are_each_reported(riverside: dict[str, Any], district: District) -> None:
    del riverside["CFDocument"]["creator"]
    del by_code(riverside, "CEC.1.2")["fullStatement"]
    riverside["CFAssociations"][0].pop("uri")
    data = encode(riverside)
    problems = refused(data, district)
    assert [(p.where, p.column) for p in problems] == [
        ("CFDocument.creator", "creator"),
        ("CFItems[4].fullStatement", "fullStatement"),
        ("CFAssociations[0].uri", "uri"),
    ]
    assert problems[1].line == line_of(data, by_code(riverside, "CEC.1.2")["identifier"]) - 1
    assert all("is missing" in p.message for p in problems)


def test_wrong_types_are_reported(riverside: dict[str, Any], district: District) -> None:
    by_code(riverside, "CEC.1")["fullStatement"] = 42
    riverside["CFAssociations"][0]["sequenceNumber"] = "first"
    riverside["CFItems"] = riverside["CFItems"] + ["not an item"]
    problems = refused(encode(riverside), district)
    found = {p.where: (p.message, p.value) for p in problems}
    assert found == {
        "CFItems[12]": ("each entry of CFItems must be an object, not text", ""),
        "CFItems[0].fullStatement": ("fullStatement must be text, not a number", "42"),
        "CFAssociations[0].sequenceNumber": ("sequenceNumber must be a whole number, not text", "first"),
    }


def test_an_unknown_association_type_is_refused_naming_the_types_there_are(
    riverside: dict[str, Any], district: District
) -> None:
    riverside["CFAssociations"][0]["associationType"] = "isSiblingOf"
    riverside["CFAssociations"][1]["associationType"] = "ext:ProficioExample"  # CASE 1.1 extension: accepted
    problems = refused(encode(riverside), district)
    assert [p.column for p in problems] == ["associationType"]
    assert "isChildOf, isPeerOf" in problems[0].message and problems[0].value == "isSiblingOf"


def test_references_inside_the_document_must_resolve(riverside: dict[str, Any], district: District) -> None:
    ghost = {"title": "?", "identifier": "00000000-0000-4000-8000-000000000000", "uri": "https://x.example/ghost"}
    child_of = riverside["CFAssociations"][3]
    child_of["destinationNodeURI"] = ghost
    riverside["CFRubrics"][0]["CFRubricCriteria"][0]["CFItemURI"] = ghost
    exemplar = next(a for a in riverside["CFAssociations"] if a["associationType"] == "exemplar")
    exemplar["originNodeURI"] = ghost
    problems = refused(encode(riverside), district)
    assert [(p.where, p.value) for p in problems] == [
        ("CFAssociations[3].destinationNodeURI", ghost["identifier"]),
        (f"CFAssociations[{riverside['CFAssociations'].index(exemplar)}].originNodeURI", ghost["identifier"]),
        ("CFRubrics[0].CFRubricCriteria[0].CFItemURI", ghost["identifier"]),
    ]


def test_crosswalks_may_point_outside_the_document(riverside: dict[str, Any], district: District) -> None:
    crosswalk = next(a for a in riverside["CFAssociations"] if a["associationType"] == "exactMatchOf")
    assert crosswalk["destinationNodeURI"]["identifier"] not in {i["identifier"] for i in riverside["CFItems"]}
    assert import_framework(riverside, district) is not None


def test_a_cycle_in_the_hierarchy_is_refused(riverside: dict[str, Any], district: District) -> None:
    standard, objective = by_code(riverside, "CEC.1"), by_code(riverside, "CEC.1.1.a")
    top = next(a for a in riverside["CFAssociations"] if a["originNodeURI"]["identifier"] == standard["identifier"])
    top["destinationNodeURI"] = {"title": "CEC.1.1.a", "identifier": objective["identifier"], "uri": objective["uri"]}
    [problem] = refused(encode(riverside), district)
    assert problem.message.startswith("isChildOf cycle: ") and "an item cannot be its own ancestor" in problem.message
    assert {"CEC.1", "CEC.1.1", "CEC.1.1.a"} <= set(problem.message.replace("(", " ").split())


def test_duplicate_identifiers_are_refused(riverside: dict[str, Any], district: District) -> None:
    riverside["CFItems"].append(copy.deepcopy(by_code(riverside, "WH.1.1")))
    riverside["CFAssociations"].append(copy.deepcopy(riverside["CFAssociations"][0]))
    problems = refused(encode(riverside), district)
    assert [p.where for p in problems] == [
        "CFItems[12].identifier",
        f"CFAssociations[{len(riverside['CFAssociations']) - 1}].identifier",
    ]
    assert "used twice (first at CFItems[11])" in problems[0].message


def test_dates_must_be_iso_8601(riverside: dict[str, Any], district: District) -> None:
    riverside["CFDocument"]["lastChangeDateTime"] = "14/05/2025"
    riverside["CFDocument"]["statusStartDate"] = "June 2024"
    problems = refused(encode(riverside), district)
    assert [(p.column, p.value) for p in problems] == [
        ("lastChangeDateTime", "14/05/2025"),
        ("statusStartDate", "June 2024"),
    ]


def test_an_indicator_must_sit_under_a_standard(riverside: dict[str, Any], district: District) -> None:
    indicator = by_code(riverside, "MATH.1.2")
    association = next(
        a for a in riverside["CFAssociations"] if a["originNodeURI"]["identifier"] == indicator["identifier"]
    )
    document = riverside["CFDocument"]
    association["destinationNodeURI"] = {"title": "doc", "identifier": document["identifier"], "uri": document["uri"]}
    [problem] = refused(encode(riverside), district)
    assert "must sit under a graduation standard, but it sits under the top of the framework" in problem.message


def test_codes_must_fit_and_be_unique_under_their_parent(riverside: dict[str, Any], district: District) -> None:
    by_code(riverside, "CEC.1.1.b")["humanCodingScheme"] = "CEC.1.1.a"
    by_code(riverside, "WH.1")["humanCodingScheme"] = "WH." + "1" * 40
    problems = refused(encode(riverside), district)
    assert [p.column for p in problems] == ["humanCodingScheme", "humanCodingScheme"]


def test_an_item_without_a_code_gets_one(riverside: dict[str, Any], district: District) -> None:
    del by_code(riverside, "CEC.1.2.a")["humanCodingScheme"]
    del by_code(riverside, "WH.1")["humanCodingScheme"]
    framework = import_framework(riverside, district)
    assert sorted(s.code for s in framework.standards.all()) == ["CEC.1", "MATH.1", "S3"]
    assert framework.standards.get(code="CEC.1").indicators.get(code="CEC.1.2").objectives.get().code == "CEC.1.2.a"


def test_a_scale_is_needed(riverside: dict[str, Any], district: District, make_scale: Any) -> None:
    riverside["CFRubrics"] = []
    make_scale(district, "One")
    make_scale(district, "Two")
    problems = refused(encode(riverside), district)
    assert "has 2 academic scales; choose one with --scale ID" in problems[0].message


def test_rubric_scores_must_be_levels_of_a_given_scale(
    riverside: dict[str, Any], district: District, make_scale: Any
) -> None:
    scale = make_scale(district, "Zero to three", values=(0, 1, 2, 3), threshold=2)
    problems = refused(encode(riverside), district, scale=scale)
    assert {p.value for p in problems} == {"4"} and len(problems) == 4
    assert problems[0].where.endswith("CFRubricCriterionLevels[3].score")


def test_a_scale_without_a_recognisable_threshold_needs_one(riverside: dict[str, Any], district: District) -> None:
    for rubric in riverside["CFRubrics"]:
        for criterion in rubric["CFRubricCriteria"]:
            for level in criterion["CFRubricCriterionLevels"]:
                level["quality"] = f"Band {level['score']}"
    problems = refused(encode(riverside), district)
    assert ["academic" in problems[0].message, "work-habit" in problems[1].message] == [True, True]
    assert all("pass --threshold SCORE" in problem.message for problem in problems)
    framework = import_framework(riverside, district, threshold=Decimal(3))
    habits = framework.work_habit_scale
    assert habits is not None
    assert [framework.scale.levels.get(is_threshold=True).label, habits.levels.get(is_threshold=True).label] == [
        "Band 3",
        "Band 3",
    ]


def test_problems_are_capped(riverside: dict[str, Any], district: District) -> None:
    for item in riverside["CFItems"]:
        item["lastChangeDateTime"] = "yesterday"
        item["uri"] = 7
    riverside["CFItems"] = riverside["CFItems"] * 10
    with pytest.raises(ImportRefused) as caught:
        import_case(encode(riverside), source_name="r.json", district=district, user=None)
    assert len(caught.value.problems) == 200 and caught.value.truncated


def test_a_file_that_is_not_a_package_is_refused(district: District) -> None:
    [problem] = refused(b'{"name": "not CASE"}', district)
    assert problem.where == "CFDocument" and "is this a CASE CFPackage?" in problem.message
    [problem] = refused(b"[1, 2, 3]", district)
    assert problem.message == "a CFPackage must be a JSON object, not a list" and problem.line == 1


def test_a_threshold_must_be_a_rubric_score(riverside: dict[str, Any], district: District) -> None:
    problems = refused(encode(riverside), district, threshold=Decimal(5))
    assert problems[0].message == "the threshold 5 is not one of the rubric scores (1, 2, 3, 4)"
    assert problems[0].column == "threshold" and problems[0].where == "CFRubrics"


def test_a_given_scale_must_be_academic(riverside: dict[str, Any], district: District, make_scale: Any) -> None:
    habits = make_scale(district, "Habits", purpose="work_habit")
    problems = refused(encode(riverside), district, scale=habits)
    assert problems[0].message == "the scale 'Habits' is not meant for academic proficiency; choose a scale made for it"


def test_an_empty_object_is_not_skipped(riverside: dict[str, Any], district: District) -> None:
    riverside["CFItems"].append({})
    riverside["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"].append({})
    problems = refused(encode(riverside), district)
    assert [p.where for p in problems[:4]] == [
        f"CFItems[12].{name}" for name in ("identifier", "uri", "fullStatement", "lastChangeDateTime")
    ]
    assert problems[-1].where == "CFRubrics[0].CFRubricCriteria[0].CFRubricCriterionLevels[4].lastChangeDateTime"
