"""An SIS gets its own sourcedIds back; records made in proficio get stable generated ones; alignment uses the
identifiers proficio's CASE export publishes (the imported ones, else derived from the framework)."""

from __future__ import annotations

from pathlib import Path

import pytest

from proficio.interop.gradebook import ids
from tests.factories import World, make_world
from tests.interop.gradebook.conftest import published_case_urns
from tests.interop.gradebook.helpers import export, score

pytestmark = pytest.mark.django_db

CASE_ID = "7C9E2D4A-0F3B-4E21-9A6B-1D2C3B4A5F60"


@pytest.fixture
def world() -> World:
    return make_world()


def _evidence_line_item(world: World) -> str:
    return ids.evidence_line_item_id(world.assessment.pk, world.indicator.pk)


def test_imported_sourced_ids_are_given_back(world: World, tmp_path: Path) -> None:
    for obj, sourced_id in (
        (world.section, "sis-class-9a"),
        (world.school, "sis-school-nhs"),
        (world.section.session, "sis-year-2026"),
        (world.section.course, "sis-course-ela9"),
        (world.student.user, "sis-student-1"),
    ):
        obj.sourced_id = sourced_id
        obj.save()
    score(world, 3)
    exported = export(world, tmp_path / "out")
    item = exported.by_id("lineItems.csv")[_evidence_line_item(world)]
    assert (item["classSourcedId"], item["schoolSourcedId"], item["academicSessionSourcedId"]) == (
        "sis-class-9a",
        "sis-school-nhs",
        "sis-year-2026",
    )
    result = next(r for r in exported.rows["results.csv"] if r["lineItemSourcedId"] == item["sourcedId"])
    assert (result["studentSourcedId"], result["classSourcedId"]) == ("sis-student-1", "sis-class-9a")
    scale = next(iter(exported.rows["scoreScales.csv"]))
    assert (scale["orgSourcedId"], scale["courseSourcedId"], scale["classSourcedId"]) == (
        "sis-school-nhs",
        "sis-course-ela9",
        "sis-class-9a",
    )


def test_records_made_in_proficio_get_generated_ids(world: World, tmp_path: Path) -> None:
    score(world, 3)
    exported = export(world, tmp_path / "out")
    item = exported.by_id("lineItems.csv")[_evidence_line_item(world)]
    assert item["classSourcedId"] == f"proficio-section-{world.section.pk}"
    assert item["schoolSourcedId"] == f"proficio-school-{world.school.pk}"
    result = next(r for r in exported.rows["results.csv"] if r["lineItemSourcedId"] == item["sourcedId"])
    assert result["studentSourcedId"] == f"proficio-user-{world.student.user_id}"


def test_alignment_uses_case_identifiers_as_uuid_urns(world: World, tmp_path: Path) -> None:
    world.indicator.identifier = CASE_ID
    world.indicator.save()
    world.standard.identifier = "ELA-READING"  # not a UUID: sent verbatim, not claimed to be CASE
    world.standard.save()
    score(world, 3)
    exported = export(world, tmp_path / "out")
    objectives = {r["lineItemSourcedId"]: r for r in exported.rows["lineItemLearningObjectiveIds.csv"]}
    evidence = objectives[_evidence_line_item(world)]
    assert (evidence["source"], evidence["learningObjectiveId"]) == ("case", f"urn:uuid:{CASE_ID.lower()}")
    standard = objectives[ids.standard_level_line_item_id(world.section.pk, world.standard.pk)]
    assert (standard["source"], standard["learningObjectiveId"]) == ("unknown", "ELA-READING")


def test_frameworks_made_in_proficio_align_to_the_items_of_their_case_export(world: World, tmp_path: Path) -> None:
    score(world, 3)
    exported = export(world, tmp_path / "out")
    published = published_case_urns(world.framework)
    objectives = {
        r["lineItemSourcedId"]: (r["source"], r["learningObjectiveId"])
        for r in exported.rows["lineItemLearningObjectiveIds.csv"]
    }
    assert objectives[_evidence_line_item(world)] == ("case", published[world.indicator.code])
    standard_level = ids.standard_level_line_item_id(world.section.pk, world.standard.pk)
    assert objectives[standard_level] == ("case", published[world.standard.code])
