"""Which evidence becomes a result, and with which scoreStatus: corrections, formative work, not-assessed
students, outside-school evidence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from proficio.evidence.models import Assessment, NotAssessed, OutsideEvidence
from proficio.evidence.services import correct_score, record_score
from proficio.interop.gradebook import ids
from tests.factories import World, make_world
from tests.interop.gradebook.helpers import add_student, evidence_result_id, export, score

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _evidence(results: list[dict[str, str]]) -> list[dict[str, str]]:
    return [row for row in results if "-assessment-" in row["lineItemSourcedId"]]


def test_a_correction_replaces_the_score_under_the_same_result(world: World, tmp_path: Path) -> None:
    original = score(world, 2, feedback="First look.")
    correct_score(
        score=original,
        value=3,
        scorer=world.teacher,
        reason="Misread the rubric",
        feedback="Strong claim;\r\nevidence cited, well organised",
    )
    results = _evidence(export(world, tmp_path / "out").rows["results.csv"])
    assert len(results) == 1
    row = results[0]
    assert row["sourcedId"] == evidence_result_id(world.assessment.pk, world.indicator.pk, world.student)
    assert (row["scoreStatus"], row["score"], row["textScore"]) == ("fully graded", "3", "Meets")
    assert row["comment"] == "Strong claim; evidence cited, well organised"  # no line breaks inside a field


def test_formative_assessments_give_no_line_items_or_results(world: World, tmp_path: Path) -> None:
    quiz = Assessment.objects.create(
        section=world.section, title="Exit ticket", kind=Assessment.Kind.FORMATIVE, assessed_on=date(2025, 10, 2)
    )
    quiz.indicators.set([world.indicator])
    score(world, 1, assessment=quiz)
    score(world, 3)
    exported = export(world, tmp_path / "out")
    assert ids.evidence_line_item_id(quiz.pk, world.indicator.pk) not in exported.ids("lineItems.csv")
    assert [r["lineItemSourcedId"] for r in _evidence(exported.rows["results.csv"])] == [
        ids.evidence_line_item_id(world.assessment.pk, world.indicator.pk)
    ]


def test_a_student_marked_not_assessed_is_exempt_on_each_indicator(world: World, tmp_path: Path) -> None:
    absent = add_student(world, "absent")
    NotAssessed.objects.create(assessment=world.assessment, student=absent, marked_by=world.teacher)
    exported = export(world, tmp_path / "out")
    results = {r["sourcedId"]: r for r in _evidence(exported.rows["results.csv"])}
    expected = {evidence_result_id(world.assessment.pk, i.pk, absent) for i in (world.indicator, world.habit_indicator)}
    assert set(results) == expected
    for row in results.values():
        assert (row["scoreStatus"], row["score"], row["textScore"]) == ("exempt", "", "")
    objectives = {r["resultSourcedId"]: r for r in exported.rows["resultLearningObjectiveIds.csv"]}
    assert {objectives[rid]["score"] for rid in expected} == {""}


def test_a_score_recorded_despite_the_mark_wins(world: World, tmp_path: Path) -> None:
    NotAssessed.objects.create(assessment=world.assessment, student=world.student, marked_by=world.teacher)
    score(world, 4)
    results = {r["sourcedId"]: r for r in _evidence(export(world, tmp_path / "out").rows["results.csv"])}
    scored = evidence_result_id(world.assessment.pk, world.indicator.pk, world.student)
    not_scored = evidence_result_id(world.assessment.pk, world.habit_indicator.pk, world.student)
    assert results[scored]["scoreStatus"] == "fully graded" and results[scored]["score"] == "4"
    assert results[not_scored]["scoreStatus"] == "exempt"
    assert len(results) == 2


def test_outside_evidence_shapes_levels_but_is_no_line_item(world: World, tmp_path: Path) -> None:
    internship = OutsideEvidence.objects.create(
        student=world.student,
        kind=OutsideEvidence.Kind.INTERNSHIP,
        title="Newsroom internship",
        started_on=date(2025, 9, 1),
        completed_on=date(2025, 9, 30),
        status=OutsideEvidence.Status.VERIFIED,
        verified_by=world.teacher,
        verified_at=timezone.now(),
    )
    internship.indicators.set([world.indicator])
    record_score(
        student=world.student, indicator=world.indicator, value=4, scorer=world.teacher, outside_evidence=internship
    )
    results = export(world, tmp_path / "out").rows["results.csv"]
    assert _evidence(results) == []
    level = ids.result_id(ids.indicator_level_line_item_id(world.section.pk, world.indicator.pk), world.student.pk)
    assert {r["sourcedId"]: r["score"] for r in results}[level] == "4"
