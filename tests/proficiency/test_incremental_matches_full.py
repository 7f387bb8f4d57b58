"""Recording scores one at a time leaves the result cache exactly where a full recompute would put it.

The incremental path reads the cached rows it needs in one query, writes only the rows that changed, and
trusts its per-process copy of a framework's shape only once the database confirms it; these tests hold it to
the full (columnar) recompute, which is the definition of the right answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.db import connection, transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proficio.evidence.models import Assessment, Score
from proficio.evidence.services import correct_score, record_score
from proficio.proficiency.models import GraduationStatus, IndicatorResult, StandardResult
from proficio.proficiency.services import recompute_framework, recompute_student
from proficio.standards.models import Framework, PerformanceIndicator, Standard
from proficio.standards.signals import bump_revision
from tests.factories import World, make_world
from tests.hypothesis_profiles import examples

# Vendor-sensitive: the incremental path reads and writes the cache in plain SQL.
pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]


@dataclass
class Grid:
    """A student, four indicators (two standards required for graduation, one work habit), three tasks."""

    world: World
    indicators: list[PerformanceIndicator]
    assessments: list[Assessment]


@pytest.fixture
def grid() -> Grid:
    world = make_world()
    writing = Standard.objects.create(
        framework=world.framework,
        code="ELA.2",
        title="Writing",
        statement="Writes.",
        kind=Standard.Kind.CONTENT_AREA,
        content_area="ela",
    )
    write = PerformanceIndicator.objects.create(standard=writing, code="ELA.2.1", statement="Write an argument.")
    indicators = [world.indicator, world.other_indicator, write, world.habit_indicator]
    assessments = [world.assessment]
    for month in (11, 12):
        assessments.append(
            Assessment.objects.create(
                section=world.section,
                title=f"Task {month}",
                kind=Assessment.Kind.SUMMATIVE,
                assessed_on=date(2025, month, 1),
            )
        )
    for assessment in assessments:
        assessment.indicators.set(indicators)
    return Grid(world, indicators, assessments)


def _score(grid: Grid, indicator: int, assessment: int, value: int) -> None:
    world = grid.world
    slot = {"student": world.student, "indicator": grid.indicators[indicator]}
    current = Score.objects.current().filter(**slot, assessment=grid.assessments[assessment]).first()
    if current is None:
        record_score(**slot, assessment=grid.assessments[assessment], value=value, scorer=world.teacher)
    else:
        correct_score(score=current, value=value, scorer=world.teacher, reason="Rescored against the rubric.")


def _flip(grid: Grid, assessment: int) -> None:
    task = grid.assessments[assessment]
    formative = task.kind == Assessment.Kind.FORMATIVE
    task.kind = Assessment.Kind.SUMMATIVE if formative else Assessment.Kind.FORMATIVE
    task.save()


def _set_policy(grid: Grid, method: str, minimum_evidence: int, rollup: str) -> None:
    policy = grid.world.framework.policy
    policy.refresh_from_db()
    policy.method, policy.parameters, policy.minimum_evidence, policy.rollup = method, {}, minimum_evidence, rollup
    policy.full_clean()
    policy.save()  # recomputes the whole framework; later recordings build on what it wrote


scores = st.tuples(st.just("score"), st.integers(0, 3), st.integers(0, 2), st.integers(1, 4))
flips = st.tuples(st.just("flip"), st.integers(0, 2))
policies = st.tuples(
    st.just("policy"),
    st.sampled_from(["decaying_average", "mean", "most_recent", "highest", "mode"]),
    st.integers(1, 2),
    st.sampled_from(["mean", "minimum", "all_proficient"]),
)
ACTIONS = {"score": _score, "flip": _flip, "policy": _set_policy}


class _Undo(Exception):
    """Raised to roll an example back, so that every example starts from the same grid."""


@settings(max_examples=examples(60), suppress_health_check=[HealthCheck.function_scoped_fixture], database=None)
@given(first=scores, then=st.lists(st.one_of(scores, scores, scores, flips, policies), max_size=11))
def test_any_sequence_of_recordings_corrections_and_changes_leaves_what_a_full_recompute_would(
    grid: Grid, first: tuple[object, ...], then: list[tuple[object, ...]]
) -> None:
    # A first recording: until then the student has no graduation status, which only the full path writes.
    try:
        with transaction.atomic():
            for name, *arguments in [first, *then]:
                ACTIONS[str(name)](grid, *arguments)  # type: ignore[operator]
            report = recompute_framework(Framework.objects.get(pk=grid.world.framework.pk))
            assert report.changed == 0, report.by_table
            raise _Undo
    except _Undo:
        pass


def _cache() -> dict[str, set[tuple[object, ...]]]:
    return {
        "indicators": set(
            IndicatorResult.objects.values_list(
                "student_id", "indicator_id", "framework_id", "value", "level_id", "is_proficient", "evidence_count"
            )
        ),
        "standards": set(
            StandardResult.objects.values_list(
                "student_id", "standard_id", "value", "level_id", "is_proficient", "indicators_assessed"
            )
        ),
        "graduation": {
            (s, met, done, tuple(missing))
            for s, met, done, missing in GraduationStatus.objects.values_list(
                "student_id", "met", "standards_met", "missing"
            )
        },
    }


def _statements(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"].split()[0].upper() for q in captured.captured_queries if "SAVEPOINT" not in q["sql"].upper()]


def test_recomputing_unchanged_evidence_reads_twice_and_writes_nothing(grid: Grid) -> None:
    for indicator in range(3):
        _score(grid, indicator, 0, 3)
    before = _cache()
    with CaptureQueriesContext(connection) as captured:
        recompute_student(grid.world.student, grid.indicators)
    assert _statements(captured) == ["SELECT", "SELECT"]  # the cached rows, the evidence
    assert _cache() == before


def test_only_the_row_that_went_missing_is_written_back(grid: Grid) -> None:
    _score(grid, 0, 0, 3)
    _score(grid, 1, 0, 4)
    before = _cache()
    IndicatorResult.objects.filter(indicator=grid.world.indicator).delete()
    with CaptureQueriesContext(connection) as captured:
        recompute_student(grid.world.student, [grid.world.indicator])
    # its standard and the graduation status were right already: one upsert, no other write
    assert _statements(captured) == ["SELECT", "SELECT", "INSERT"]
    assert _cache() == before


def test_an_indicator_moved_to_another_framework_is_filed_under_it(grid: Grid) -> None:
    world, elsewhere = grid.world, make_world("b")
    _score(grid, 0, 0, 3)  # this process now holds the first framework's shape
    world.indicator.standard, world.indicator.code = elsewhere.standard, "ELA.1.9"
    world.indicator.save()  # renews only the framework it moved to
    recompute_student(world.student, [world.indicator])
    result = IndicatorResult.objects.get(student=world.student, indicator=world.indicator)
    assert result.framework_id == elsewhere.framework.pk
    assert StandardResult.objects.filter(student=world.student, standard=elsewhere.standard).exists()


def test_a_structure_change_made_elsewhere_is_seen_by_the_next_recording(grid: Grid) -> None:
    world = grid.world
    _score(grid, 2, 0, 4)
    assert GraduationStatus.objects.get(student=world.student).missing == ["ELA.1"]
    # another process, through a bulk update that sends no signal, and renewing the revision as it must
    Standard.objects.filter(code="ELA.1", framework=world.framework).update(required_for_graduation=False)
    bump_revision(Q(pk=world.framework.pk))
    _score(grid, 2, 1, 4)
    graduation = GraduationStatus.objects.get(student=world.student)
    assert (graduation.met, graduation.standards_required, graduation.missing) == (True, 1, [])


def test_a_standard_whose_level_stays_but_whose_value_moves_is_rewritten(grid: Grid) -> None:
    world = grid.world
    _score(grid, 0, 0, 1)
    _score(grid, 1, 0, 4)
    standard = StandardResult.objects.get(student=world.student, standard=world.standard)
    assert (standard.value, standard.level.label if standard.level else None) == (2.5, "Meets")  # half up
    _score(grid, 0, 0, 2)  # a correction: the indicator moves a level, the standard's level does not
    standard.refresh_from_db()
    assert (standard.value, standard.level.label if standard.level else None) == (3.0, "Meets")
    assert recompute_framework(Framework.objects.get(pk=world.framework.pk)).changed == 0
