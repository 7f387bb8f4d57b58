"""Scores are append-only, corrections supersede, and values must lie on the indicator's scale."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from proficio.evidence.models import AppendOnlyError, Assessment, OutsideEvidence, Score
from proficio.evidence.services import correct_score, record_score, supersede_chain
from tests.factories import World, make_world

# Vendor-sensitive: the score triggers refuse raw SQL; IntegrityError from triggers and constraints.
pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]


@pytest.fixture
def world() -> World:
    return make_world()


def _raw_insert(
    world: World,
    value: str,
    indicator_id: int | None = None,
    supersedes_id: int | None = None,
    reason: str = "",
) -> None:
    """Insert a score with SQL, skipping all Python validation, to prove the database itself refuses."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO evidence_score (student_id, indicator_id, assessment_id, value, feedback, scorer_id, "
            "scored_at, supersedes_id, reason) VALUES (%s, %s, %s, %s, '', %s, CURRENT_TIMESTAMP, %s, %s)",
            [
                world.student.pk,
                indicator_id or world.indicator.pk,
                world.assessment.pk,
                value,
                world.teacher.pk,
                supersedes_id,
                reason,
            ],
        )


def test_it_records_a_score(world: World) -> None:
    score = record_score(
        student=world.student,
        indicator=world.indicator,
        assessment=world.assessment,
        value=3,
        scorer=world.teacher,
        feedback="Clear claim.",
    )
    assert Score.objects.current().get() == score
    assert score.value == Decimal("3")
    assert score.history.count() == 1


def test_it_refuses_a_value_off_the_scale(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        record_score(
            student=world.student,
            indicator=world.indicator,
            assessment=world.assessment,
            value=5,
            scorer=world.teacher,
        )
    assert "5 is not a level" in str(excinfo.value)
    assert Score.objects.count() == 0


def test_the_database_refuses_a_value_off_the_scale(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw_insert(world, "2.5")
    assert Score.objects.count() == 0


def test_the_database_accepts_a_value_on_the_scale(world: World) -> None:
    _raw_insert(world, "4")
    assert Score.objects.get().value == Decimal("4")


def test_work_habits_use_their_own_scale(world: World) -> None:
    habits = world.framework.work_habit_scale
    assert habits is not None
    habits.levels.filter(value=4).delete()
    with pytest.raises(ValidationError):
        record_score(
            student=world.student,
            indicator=world.habit_indicator,
            assessment=world.assessment,
            value=4,
            scorer=world.teacher,
        )
    record_score(
        student=world.student,
        indicator=world.habit_indicator,
        assessment=world.assessment,
        value=3,
        scorer=world.teacher,
    )


def test_it_refuses_an_indicator_not_aligned_to_the_assessment(world: World) -> None:
    with pytest.raises(ValidationError) as excinfo:
        record_score(
            student=world.student,
            indicator=world.other_indicator,
            assessment=world.assessment,
            value=3,
            scorer=world.teacher,
        )
    assert "not aligned" in str(excinfo.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw_insert(world, "3", indicator_id=world.other_indicator.pk)


def test_it_refuses_a_student_not_in_the_section(world: World) -> None:
    other = make_world("x")
    with pytest.raises(ValidationError) as excinfo:
        record_score(
            student=other.student,
            indicator=world.indicator,
            assessment=world.assessment,
            value=3,
            scorer=world.teacher,
        )
    assert "not enrolled" in str(excinfo.value)


def test_it_refuses_a_second_original_score(world: World) -> None:
    record_score(
        student=world.student,
        indicator=world.indicator,
        assessment=world.assessment,
        value=2,
        scorer=world.teacher,
    )
    with pytest.raises(ValidationError):
        record_score(
            student=world.student,
            indicator=world.indicator,
            assessment=world.assessment,
            value=3,
            scorer=world.teacher,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw_insert(world, "3")
    assert Score.objects.get().value == Decimal("2")


def test_a_correction_supersedes_and_keeps_the_old_score(world: World) -> None:
    first = record_score(
        student=world.student,
        indicator=world.indicator,
        assessment=world.assessment,
        value=2,
        scorer=world.teacher,
    )
    second = correct_score(score=first, value=3, scorer=world.teacher, reason="Misread the rubric.")
    third = correct_score(score=second, value=4, scorer=world.teacher, reason="Second reader agreed on 4.")
    assert list(Score.objects.current()) == [third]
    assert supersede_chain(first) == [first, second, third]
    assert supersede_chain(third) == [first, second, third]
    first.refresh_from_db()
    assert first.value == Decimal("2")
    assert third.supersedes == second and second.supersedes == first


def test_a_correction_needs_a_reason(world: World) -> None:
    first = record_score(
        student=world.student,
        indicator=world.indicator,
        assessment=world.assessment,
        value=2,
        scorer=world.teacher,
    )
    with pytest.raises(ValidationError) as excinfo:
        correct_score(score=first, value=3, scorer=world.teacher, reason="  ")
    assert "reason" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw_insert(world, "3", supersedes_id=first.pk, reason="")


def test_a_score_cannot_be_superseded_twice(world: World) -> None:
    first = record_score(
        student=world.student,
        indicator=world.indicator,
        assessment=world.assessment,
        value=2,
        scorer=world.teacher,
    )
    correct_score(score=first, value=3, scorer=world.teacher, reason="Rescored.")
    with pytest.raises(ValidationError) as excinfo:
        correct_score(score=first, value=4, scorer=world.teacher, reason="Rescored again.")
    assert "already been corrected" in str(excinfo.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw_insert(world, "4", supersedes_id=first.pk, reason="sneaky")
    assert Score.objects.count() == 2


def test_a_correction_must_be_for_the_same_slot(world: World) -> None:
    first = record_score(
        student=world.student,
        indicator=world.indicator,
        assessment=world.assessment,
        value=2,
        scorer=world.teacher,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        _raw_insert(world, "3", indicator_id=world.habit_indicator.pk, supersedes_id=first.pk, reason="wrong slot")


def test_scores_cannot_be_changed_or_deleted(world: World) -> None:
    score = record_score(
        student=world.student,
        indicator=world.indicator,
        assessment=world.assessment,
        value=2,
        scorer=world.teacher,
    )
    score.value = Decimal("4")
    with pytest.raises(AppendOnlyError):
        score.save()
    with pytest.raises(AppendOnlyError):
        score.delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.filter(pk=score.pk).update(value=Decimal("4"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.filter(pk=score.pk).delete()
    assert Score.objects.get().value == Decimal("2")


def test_formative_scores_are_not_summative(world: World) -> None:
    check_in = Assessment.objects.create(section=world.section, title="Exit ticket", kind=Assessment.Kind.FORMATIVE)
    check_in.indicators.set([world.indicator])
    record_score(student=world.student, indicator=world.indicator, assessment=check_in, value=1, scorer=world.teacher)
    summative = record_score(
        student=world.student,
        indicator=world.indicator,
        assessment=world.assessment,
        value=3,
        scorer=world.teacher,
    )
    assert list(Score.objects.current().summative()) == [summative]


def test_outside_evidence_must_be_verified_before_it_is_scored(world: World) -> None:
    evidence = OutsideEvidence.objects.create(
        student=world.student,
        kind=OutsideEvidence.Kind.INTERNSHIP,
        title="Hospital internship",
        started_on="2025-09-01",
        completed_on="2025-12-01",
    )
    evidence.indicators.set([world.indicator])
    with pytest.raises(ValidationError) as excinfo:
        record_score(
            student=world.student,
            indicator=world.indicator,
            outside_evidence=evidence,
            value=3,
            scorer=world.teacher,
        )
    assert "verified" in str(excinfo.value)
    from django.utils import timezone

    evidence.status = OutsideEvidence.Status.VERIFIED
    evidence.verified_by = world.teacher
    evidence.verified_at = timezone.now()
    evidence.save()
    score = record_score(
        student=world.student,
        indicator=world.indicator,
        outside_evidence=evidence,
        value=3,
        scorer=world.teacher,
    )
    assert list(Score.objects.current().summative()) == [score]


def test_verified_outside_evidence_names_its_verifier(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        OutsideEvidence.objects.create(
            student=world.student,
            kind=OutsideEvidence.Kind.JOB,
            title="Job",
            started_on="2025-09-01",
            completed_on="2025-10-01",
            status=OutsideEvidence.Status.VERIFIED,
        )
