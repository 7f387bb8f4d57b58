"""The demo district's gradebook, read back with the csv module: the shape the binding requires, the evidence
and levels the database holds, and references that all resolve."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.interop.gradebook.conftest import DemoExport

pytestmark = pytest.mark.django_db  # also makes pytest-django create the test database demo_export writes to

# Column order copied from the OneRoster 1.2 CSV binding, section 3 (not from the code under test).
BINDING_HEADERS = {
    "categories.csv": "sourcedId,status,dateLastModified,title,weight",
    "lineItems.csv": "sourcedId,status,dateLastModified,title,description,assignDate,dueDate,classSourcedId,"
    "categorySourcedId,academicSessionSourcedId,resultValueMin,resultValueMax,schoolSourcedId",
    "results.csv": "sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,"
    "scoreDate,comment,textScore,classSourcedId,inProgress,incomplete,late,missing",
    "scoreScales.csv": "sourcedId,status,dateLastModified,title,type,orgSourcedId,courseSourcedId,classSourcedId,"
    "scoreScaleValue",
    "lineItemLearningObjectiveIds.csv": "sourcedId,status,dateLastModified,lineItemSourcedId,source,"
    "learningObjectiveId",
    "lineItemScoreScales.csv": "sourcedId,status,dateLastModified,title,lineItemSourcedId,scoreScaleSourcedId",
    "resultLearningObjectiveIds.csv": "sourcedId,status,dateLastModified,resultSourcedId,source,"
    "learningObjectiveId,score,textScore",
    "manifest.csv": "propertyName,value",
}

MANIFEST_1_2_FILES = [
    "academicSessions",
    "categories",
    "classes",
    "classResources",
    "courses",
    "courseResources",
    "demographics",
    "enrollments",
    "lineItemLearningObjectiveIds",
    "lineItems",
    "lineItemScoreScales",
    "orgs",
    "resources",
    "resultLearningObjectiveIds",
    "results",
    "resultScoreScales",
    "roles",
    "scoreScales",
    "userProfiles",
    "userResources",
    "users",
]


def test_headers_follow_the_binding_column_order(demo_export: DemoExport) -> None:
    assert {name: ",".join(header) for name, header in demo_export.export.headers.items()} == BINDING_HEADERS


def test_bulk_files_leave_status_and_date_last_modified_blank_and_have_rows(demo_export: DemoExport) -> None:
    for name, rows in demo_export.export.rows.items():
        assert rows, f"{name} has no data rows (the binding forbids empty files)"
        if name != "manifest.csv":
            assert {(row["status"], row["dateLastModified"]) for row in rows} == {("", "")}, name
            assert len({row["sourcedId"] for row in rows}) == len(rows), f"duplicate sourcedId in {name}"


def test_the_manifest_lists_written_files_as_bulk_and_the_rest_absent(demo_export: DemoExport) -> None:
    manifest = demo_export.export.manifest
    written = {name.removesuffix(".csv") for name in demo_export.export.rows} - {"manifest"}
    assert manifest["manifest.version"] == "1.0"
    assert manifest["oneroster.version"] == "1.2"
    assert manifest["source.systemName"] == "proficio"
    assert [key for key in manifest if key.startswith("file.")] == [f"file.{name}" for name in MANIFEST_1_2_FILES]
    for name in MANIFEST_1_2_FILES:
        assert manifest[f"file.{name}"] == ("bulk" if name in written else "absent"), name
    assert written == {
        "categories",
        "lineItems",
        "results",
        "scoreScales",
        "lineItemLearningObjectiveIds",
        "lineItemScoreScales",
        "resultLearningObjectiveIds",
    }


def test_every_current_summative_score_is_one_result(demo_export: DemoExport) -> None:
    results = demo_export.export.by_id("results.csv")
    evidence = {rid: row for rid, row in results.items() if "-assessment-" in row["lineItemSourcedId"]}
    assert demo_export.current, "the demo district should have summative scores"
    assert set(evidence) == set(demo_export.current)
    for result_id, (line_item, student, class_id, score) in demo_export.current.items():
        row = evidence[result_id]
        assert (row["lineItemSourcedId"], row["studentSourcedId"], row["classSourcedId"]) == (
            line_item,
            student,
            class_id,
        )
        assert (row["scoreStatus"], row["score"]) == ("fully graded", score)
    assert Counter((r["lineItemSourcedId"], r["studentSourcedId"]) for r in results.values()).most_common(1)[0][1] == 1


def test_superseded_scores_give_way_to_their_corrections(demo_export: DemoExport) -> None:
    results = demo_export.export.by_id("results.csv")
    assert demo_export.corrected, "the demo district should have corrected scores"
    changed = [(rid, old, new) for rid, old, new in demo_export.corrected if old != new]
    assert changed
    for result_id, _superseded, current in demo_export.corrected:
        assert results[result_id]["score"] == current


def test_formative_assessments_are_left_out(demo_export: DemoExport) -> None:
    assert demo_export.formative, "the demo district should have formative assessments"
    assert not demo_export.formative & demo_export.export.ids("lineItems.csv")
    assert not {r["lineItemSourcedId"] for r in demo_export.export.rows["results.csv"]} & demo_export.formative


def test_levels_are_the_cached_levels_of_enrolled_students(demo_export: DemoExport) -> None:
    results = demo_export.export.by_id("results.csv")
    levels = {rid: row["score"] for rid, row in results.items() if row["lineItemSourcedId"].endswith("-level")}
    assert levels == demo_export.levels
    items = demo_export.export.by_id("lineItems.csv")
    categories = Counter(items[row["lineItemSourcedId"]]["categorySourcedId"] for row in results.values())
    assert set(categories) == {
        "proficio-category-summative-evidence",
        "proficio-category-standard-levels",
        "proficio-category-indicator-levels",
    }


def test_line_items_and_results_point_at_their_indicators_case_identifiers(demo_export: DemoExport) -> None:
    export = demo_export.export
    line_item_objectives = {
        row["lineItemSourcedId"]: (row["source"], row["learningObjectiveId"])
        for row in export.rows["lineItemLearningObjectiveIds.csv"]
    }
    assert set(line_item_objectives) == export.ids("lineItems.csv")
    for line_item, expected in demo_export.objectives.items():
        assert line_item_objectives[line_item] == ("case", expected)
    results = export.by_id("results.csv")
    result_objectives = {row["resultSourcedId"]: row for row in export.rows["resultLearningObjectiveIds.csv"]}
    assert set(result_objectives) == set(results)
    for result_id, row in result_objectives.items():
        result = results[result_id]
        assert (row["source"], row["learningObjectiveId"]) == line_item_objectives[result["lineItemSourcedId"]]
        assert (row["score"], row["textScore"]) == (result["score"], result["textScore"])


def test_score_scales_carry_the_scale_levels_and_text_scores_use_them(demo_export: DemoExport) -> None:
    export = demo_export.export
    scales = export.by_id("scoreScales.csv")
    for row in scales.values():
        assert row["scoreScaleValue"] == ",".join(demo_export.scales[row["title"]])
        assert row["classSourcedId"] in demo_export.classes and row["orgSourcedId"] in demo_export.schools
    items = export.by_id("lineItems.csv")
    scale_of = {
        row["lineItemSourcedId"]: scales[row["scoreScaleSourcedId"]] for row in export.rows["lineItemScoreScales.csv"]
    }
    assert set(scale_of) == set(items)
    for result in export.rows["results.csv"]:
        scale = scale_of[result["lineItemSourcedId"]]
        if result["score"]:
            assert f"{{{result['score']}:{result['textScore']}}}" in scale["scoreScaleValue"].split(",")
    for line_item_id, scale in scale_of.items():
        values = [float(pair[1:].split(":")[0]) for pair in scale["scoreScaleValue"].split(",")]
        item = items[line_item_id]
        assert (float(item["resultValueMin"]), float(item["resultValueMax"])) == (min(values), max(values))
        assert scale["classSourcedId"] == item["classSourcedId"]


def test_every_reference_resolves(demo_export: DemoExport) -> None:
    export = demo_export.export
    categories = export.ids("categories.csv")
    items = export.by_id("lineItems.csv")
    for item in items.values():
        assert item["classSourcedId"] in demo_export.classes
        assert item["schoolSourcedId"] in demo_export.schools
        assert item["categorySourcedId"] in categories
        assert item["assignDate"] <= item["dueDate"]
    for result in export.rows["results.csv"]:
        item = items[result["lineItemSourcedId"]]
        assert result["classSourcedId"] == item["classSourcedId"]
        assert result["studentSourcedId"] in demo_export.students
    assert {r["lineItemSourcedId"] for r in export.rows["lineItemScoreScales.csv"]} <= set(items)
    assert {r["scoreScaleSourcedId"] for r in export.rows["lineItemScoreScales.csv"]} <= export.ids("scoreScales.csv")


def test_the_export_is_deterministic(demo_export: DemoExport) -> None:
    first, second = demo_export.zips
    assert first == second


# Value rules of the OneRoster 1.2 CSV binding (section 3 and the vocabularies of section 4), written here
# independently of the exporter's own spec module.
SCORE_STATUSES = {"exempt", "fully graded", "not submitted", "partially graded", "submitted"}
DATE = r"^\d{4}-\d{2}-\d{2}$"
DATETIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
BOOLEAN = {"", "true", "false"}


def test_values_follow_the_binding_rules(demo_export: DemoExport) -> None:
    import re

    rows = demo_export.export.rows
    for row in rows["results.csv"]:
        assert row["scoreStatus"] in SCORE_STATUSES
        assert row["score"] == "" or re.match(r"^-?\d+(\.\d+)?$", row["score"]), row["score"]
        assert row["scoreDate"] == "" or re.match(DATE, row["scoreDate"]), row["scoreDate"]
        assert {row[name] for name in ("inProgress", "incomplete", "late", "missing")} <= BOOLEAN
    for row in rows["lineItems.csv"]:
        for name in ("assignDate", "dueDate"):
            assert re.match(DATE, row[name]) or re.match(DATETIME, row[name]), (name, row[name])
        assert float(row["resultValueMin"]) <= float(row["resultValueMax"])
        assert row["classSourcedId"] and row["title"]
    for row in rows["categories.csv"]:
        assert row["weight"] == "" or float(row["weight"]) >= 0
    for row in rows["lineItemLearningObjectiveIds.csv"] + rows["resultLearningObjectiveIds.csv"]:
        assert row["source"] in {"case", "unknown"} and row["learningObjectiveId"]
    sourced_ids = [row["sourcedId"] for name, file_rows in rows.items() if name != "manifest.csv" for row in file_rows]
    assert all(sid and "," not in sid for sid in sourced_ids)
