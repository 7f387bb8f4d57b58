"""Two graders saving the same slot at the same moment, on PostgreSQL with a connection each.

Each test commits (a transactional test) and runs two threads, each on its own database connection. A
barrier inside ``save_score`` holds both until each has read the slot, so that they really collide instead
of one finishing before the other starts. Afterwards the slot has exactly one original (or one correction),
and the other grader got a ``ScoreConflict`` naming it. Removing the guard (the one-original-per-slot index,
or the lock and re-check on corrections) makes these tests fail.

SQLite serialises write transactions (BEGIN IMMEDIATE), so the collision cannot happen there; the losing
side's translation is tested on both databases in test_save_score_service.py.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, connections

from proficio.audit.models import Action, AuditEvent
from proficio.evidence import services
from proficio.evidence.models import Score
from proficio.evidence.services import ConflictKind, Outcome, SavedScore, ScoreConflict, save_score
from tests.factories import World, make_user, make_world

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent writers"),
    pytest.mark.usefixtures("flushable_scores"),
]

# Only a safety net: if something serialised the graders before the barrier, the first would otherwise wait
# for the second forever. Each test then fails on ``barrier.broken``: the graders did not collide.
BARRIER_TIMEOUT_SECONDS = 10


def _held_at(barrier: threading.Barrier, step: Callable[..., Any]) -> Callable[..., Any]:
    def wait_then_step(*args: Any, **kwargs: Any) -> Any:
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=BARRIER_TIMEOUT_SECONDS)
        return step(*args, **kwargs)

    return wait_then_step


def _both_at_once(saves: list[Callable[[], SavedScore]]) -> list[SavedScore | Exception]:
    """Run each save in a thread of its own (so on a connection of its own), and return what each got."""
    results: list[SavedScore | Exception] = [RuntimeError("did not run")] * len(saves)

    def run(index: int) -> None:
        try:
            results[index] = saves[index]()
        except Exception as error:  # the test inspects it
            results[index] = error
        finally:
            connections.close_all()  # this thread's connections only

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(saves))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def _save(world: World, grader: Any, value: int, **extra: Any) -> Callable[[], SavedScore]:
    slot = {"student": world.student, "indicator": world.indicator, "assessment": world.assessment}
    return lambda: save_score(**slot, value=value, scorer=grader, **extra)


def _one_saved_one_refused(results: list[SavedScore | Exception]) -> tuple[SavedScore, ScoreConflict]:
    saved = [r for r in results if isinstance(r, SavedScore)]
    refused = [r for r in results if isinstance(r, ScoreConflict)]
    assert len(saved) == 1 and len(refused) == 1, results
    return saved[0], refused[0]


def test_two_graders_scoring_an_empty_slot_at_once_leave_one_original_and_a_conflict(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world = make_world()
    colleague = make_user("colleague")
    barrier = threading.Barrier(2)
    # Both have found the slot empty when they reach validation, just before inserting.
    monkeypatch.setattr(services, "_validate", _held_at(barrier, services._validate))

    results = _both_at_once([_save(world, world.teacher, 3), _save(world, colleague, 2)])
    assert not barrier.broken  # both had found the slot empty: they really collided

    saved, conflict = _one_saved_one_refused(results)
    assert saved.outcome is Outcome.RECORDED
    assert conflict.kind is ConflictKind.SCORED_MEANWHILE and conflict.current == saved.score
    originals = Score.objects.filter(student=world.student, indicator=world.indicator, supersedes__isnull=True)
    assert list(originals) == [saved.score]
    assert Score.objects.count() == 1
    assert AuditEvent.objects.filter(action=Action.SCORE_CREATED).count() == 1
    result = world.student.indicator_results.get(indicator=world.indicator)
    assert result.level is not None and result.level.value == saved.score.value


def test_two_graders_correcting_the_same_score_at_once_leave_one_correction_and_a_conflict(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world = make_world()
    colleague = make_user("colleague")
    original = save_score(
        student=world.student, indicator=world.indicator, assessment=world.assessment, value=3, scorer=world.teacher
    ).score
    barrier = threading.Barrier(2)
    # Both have read the same current score when they reach the correction, before either locks it.
    monkeypatch.setattr(services, "_change", _held_at(barrier, services._change))

    results = _both_at_once(
        [
            _save(world, world.teacher, 4, reason="Misread the rubric."),
            _save(world, colleague, 2, reason="Second reader's level."),
        ]
    )
    assert not barrier.broken  # both had read the same current score

    saved, conflict = _one_saved_one_refused(results)
    assert saved.outcome is Outcome.CORRECTED and saved.score.supersedes == original
    assert conflict.kind is ConflictKind.NOT_CURRENT and conflict.current == saved.score
    assert list(Score.objects.current()) == [saved.score]
    assert sorted(Score.objects.values_list("value", flat=True)) == sorted([Decimal(3), saved.score.value])
    assert AuditEvent.objects.filter(action=Action.SCORE_CORRECTED).count() == 1
