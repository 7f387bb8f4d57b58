"""evidence.services.save_score: every rule of a grader's save, through the service the web and the API share.

A first score, a correction with a reason, the same value typed again, the "not assessed" mark, and the
conflicts (a change without a reason, a create-only save into a scored slot, a score corrected meanwhile, an
original saved by someone else while this save ran), each refused with nothing written.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from proficio.audit.models import Action, AuditEvent
from proficio.evidence import services
from proficio.evidence.models import NotAssessed, OutsideEvidence, Score
from proficio.evidence.services import ConflictKind, Outcome, SavedScore, ScoreConflict, record_score, save_score
from proficio.proficiency.models import IndicatorResult
from tests.factories import World, make_user, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _save(world: World, value: int | str = 3, **extra: Any) -> SavedScore:
    return save_score(
        student=world.student,
        indicator=world.indicator,
        assessment=world.assessment,
        value=value,
        scorer=world.teacher,
        **extra,
    )


def _refused(kind: ConflictKind, call: Callable[[], object]) -> ScoreConflict:
    before = list(Score.objects.order_by("pk").values_list("pk", flat=True))
    with pytest.raises(ScoreConflict) as excinfo:
        call()
    assert excinfo.value.kind == kind
    assert list(Score.objects.order_by("pk").values_list("pk", flat=True)) == before  # nothing written
    return excinfo.value


def test_an_empty_slot_gets_its_original_score_with_its_audit_event_and_result(world: World) -> None:
    saved = _save(world, 3, feedback="  Clear claim.  ")
    assert saved.outcome is Outcome.RECORDED
    assert saved.score == Score.objects.get() and saved.score.supersedes_id is None
    assert saved.score.value == Decimal(3) and saved.score.feedback == "Clear claim."
    assert AuditEvent.objects.filter(action=Action.SCORE_CREATED, object_id=str(saved.score.pk)).count() == 1
    assert IndicatorResult.objects.get(student=world.student, indicator=world.indicator).level.label == "Meets"


def test_the_same_value_typed_again_changes_nothing_and_says_so(world: World) -> None:
    first = _save(world, 3, feedback="Clear claim.").score
    for feedback in ("", "Clear claim."):
        again = _save(world, "3.00", feedback=feedback)
        assert again == SavedScore(first, Outcome.UNCHANGED)
    assert Score.objects.count() == 1
    assert AuditEvent.objects.filter(action__startswith="score.").count() == 1


def test_a_change_without_a_reason_is_a_conflict_naming_the_current_score(world: World) -> None:
    first = _save(world, 3).score
    conflict = _refused(ConflictKind.NEEDS_REASON, lambda: _save(world, 4))
    assert conflict.current == first and "Say why" in str(conflict)
    _refused(ConflictKind.NEEDS_REASON, lambda: _save(world, 3, feedback="New feedback, same level."))


def test_a_change_with_a_reason_supersedes_and_keeps_the_original(world: World) -> None:
    first = _save(world, 3, feedback="Clear claim.").score
    saved = _save(world, 4, reason="  Misread the rubric.  ")
    assert saved.outcome is Outcome.CORRECTED
    correction = saved.score
    assert correction.supersedes == first and correction.reason == "Misread the rubric."
    assert correction.feedback == "Clear claim."  # kept from the corrected score when none is given
    assert list(Score.objects.current()) == [correction]
    assert Score.objects.get(pk=first.pk).value == Decimal(3)  # never overwritten
    assert AuditEvent.objects.filter(action=Action.SCORE_CORRECTED, object_id=str(correction.pk)).exists()
    assert IndicatorResult.objects.get(student=world.student, indicator=world.indicator).level.label == "Exceeds"


def test_a_reason_on_an_empty_slot_records_a_plain_original(world: World) -> None:
    saved = _save(world, 2, reason="Not needed yet.")
    assert saved.outcome is Outcome.RECORDED and saved.score.reason == ""


def test_a_create_only_save_into_a_scored_slot_is_a_conflict_even_with_the_same_value(world: World) -> None:
    first = _save(world, 3).score
    for value in (3, 4):
        assert _refused(ConflictKind.SCORED, lambda v=value: _save(world, v, new_only=True)).current == first


def test_correcting_a_score_that_was_corrected_meanwhile_names_the_current_one(world: World) -> None:
    first = _save(world, 3).score
    current = _save(world, 4, reason="Rescored.").score
    conflict = _refused(ConflictKind.NOT_CURRENT, lambda: _save(world, 2, reason="Again.", correcting=first))
    assert conflict.current == current


def test_an_explicit_correction_needs_a_reason_and_is_recorded_even_with_the_same_value(world: World) -> None:
    first = _save(world, 3).score
    with pytest.raises(ValidationError) as excinfo:
        _save(world, 4, reason="   ", correcting=first)
    assert "reason" in excinfo.value.message_dict
    saved = _save(world, 3, reason="Checked again: the level stands.", correcting=first)
    assert saved.outcome is Outcome.CORRECTED and saved.score.supersedes == first


def test_correcting_names_a_score_of_the_slot_being_saved(world: World) -> None:
    world.assessment.indicators.add(world.other_indicator)
    other = record_score(
        student=world.student,
        indicator=world.other_indicator,
        assessment=world.assessment,
        value=2,
        scorer=world.teacher,
    )
    with pytest.raises(ValueError, match="slot"):
        _save(world, 3, reason="Wrong slot.", correcting=other)


def test_a_value_off_the_scale_is_refused_and_writes_nothing(world: World) -> None:
    NotAssessed.objects.create(assessment=world.assessment, student=world.student)
    with pytest.raises(ValidationError):
        _save(world, 7)
    assert not Score.objects.exists()
    assert NotAssessed.objects.filter(student=world.student).exists()


def test_any_save_clears_the_not_assessed_mark_and_a_refused_one_keeps_it(world: World) -> None:
    marks = NotAssessed.objects.filter(assessment=world.assessment, student=world.student)
    NotAssessed.objects.create(assessment=world.assessment, student=world.student)
    _save(world, 3)
    assert not marks.exists()
    NotAssessed.objects.create(assessment=world.assessment, student=world.student)  # as a stale mark would be
    _refused(ConflictKind.NEEDS_REASON, lambda: _save(world, 4))
    assert marks.exists()
    _save(world, 4, reason="Rescored.")
    assert not marks.exists()


def test_the_score_and_the_cleared_mark_are_one_transaction(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    NotAssessed.objects.create(assessment=world.assessment, student=world.student)

    class Refusing:
        class objects:
            @staticmethod
            def filter(**kwargs: object) -> Any:
                raise RuntimeError("the mark could not be cleared")

    monkeypatch.setattr(services, "NotAssessed", Refusing)
    with pytest.raises(RuntimeError):
        _save(world, 3)
    assert not Score.objects.exists()  # the score went with the failed clearing
    assert not AuditEvent.objects.filter(action=Action.SCORE_CREATED).exists()


def test_an_original_saved_by_another_grader_meanwhile_is_a_conflict_naming_theirs(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race's losing side, in one thread: the other grader's original lands after this save found the slot
    empty and before it inserts, so the database's one-original-per-slot index refuses the insert, and the
    refusal becomes a conflict naming theirs rather than an error."""
    colleague = make_user("colleague")
    theirs: list[Score] = []
    insert_original = services._insert_original

    def colleague_saves_first(score: Score, slot: Any) -> Score:
        theirs.append(
            record_score(
                student=world.student,
                indicator=world.indicator,
                assessment=world.assessment,
                value=2,
                scorer=colleague,
            )
        )
        return insert_original(score, slot)

    monkeypatch.setattr(services, "_insert_original", colleague_saves_first)
    conflict = _refused(ConflictKind.SCORED_MEANWHILE, lambda: _save(world, 3))
    assert conflict.current == theirs[0] and "Another grader" in str(conflict)
    # Here the colleague's score shares this save's transaction, so it went with the refusal; with two real
    # transactions theirs stays (test_concurrent_scoring.py).


def test_outside_evidence_is_scored_and_corrected_the_same_way(world: World) -> None:
    evidence = OutsideEvidence.objects.create(
        student=world.student,
        kind=OutsideEvidence.Kind.INTERNSHIP,
        title="Hospital internship",
        started_on="2025-09-01",
        completed_on="2025-12-01",
        status=OutsideEvidence.Status.VERIFIED,
        verified_by=world.teacher,
        verified_at=timezone.now(),
    )
    evidence.indicators.set([world.indicator])
    slot = {"student": world.student, "indicator": world.indicator, "outside_evidence": evidence}
    first = save_score(**slot, value=3, scorer=world.teacher)
    again = save_score(**slot, value=3, scorer=world.teacher)
    corrected = save_score(**slot, value=4, scorer=world.teacher, reason="Supervisor's report came in.")
    assert [first.outcome, again.outcome, corrected.outcome] == [Outcome.RECORDED, Outcome.UNCHANGED, Outcome.CORRECTED]
    assert corrected.score.supersedes == first.score


def test_the_scoring_screen_answers_a_conflict_with_the_recorded_score_for_the_cell(world: World) -> None:
    from django.test import Client

    recorded = record_score(
        student=world.student, indicator=world.indicator, assessment=world.assessment, value=2, scorer=world.teacher
    )
    client = Client()
    assert client.login(username=world.teacher.username, password="a-long-test-password")
    data = {"student": world.student.pk, "indicator": world.indicator.pk, "value": "4"}
    response = client.post(f"/assessments/{world.assessment.pk}/scores/", data)
    assert response.status_code == 409
    assert response.json() == {
        "ok": False,
        "error": "This student already has a score here. Say why you are changing it.",
        "conflict": "needs_reason",
        "current": {"score": recorded.pk, "value": "2", "feedback": ""},
    }
    nan = client.post(f"/assessments/{world.assessment.pk}/scores/", data | {"value": "NaN"})
    assert nan.status_code == 400 and Score.objects.count() == 1
