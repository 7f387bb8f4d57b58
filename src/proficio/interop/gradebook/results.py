"""The grades: one result per student × lineItem, streamed from the database in a fixed order.

- Evidence results: each *current* score (a corrected score is replaced by its correction, under the same
  result id) on a summative assessment of an exported section, ``fully graded``, the level as ``score`` and
  its label as ``textScore``. Formative scores are never exported.
- A student marked not assessed gives ``exempt`` with no score on each of the assessment's indicators (unless
  a score was recorded after all, which wins): the mark means the evidence is not expected and never counts
  against the student (proficio leaves it out of proficiency), which is what ``exempt`` says; ``not
  submitted`` would tell the SIS the work is owed.
- Level results: each enrolled student's current level (from the result cache) on every standard and
  indicator the section assesses. A student with insufficient evidence has no level and gets no result: the
  SIS shows an empty cell rather than a guessed grade.

results.csv and resultLearningObjectiveIds.csv are written from this same sequence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, QuerySet

from proficio.evidence.models import Assessment, NotAssessed, Score
from proficio.interop.gradebook import cells, ids
from proficio.interop.gradebook.line_items import assessed_indicators
from proficio.interop.gradebook.scope import ALIGNMENT, GradebookScope, ObjectiveInfo
from proficio.interop.gradebook.spec import ScoreStatus
from proficio.proficiency.models import IndicatorResult, StandardResult
from proficio.roster.models import Enrollment

CHUNK = 2000


@dataclass(frozen=True)
class Result:
    sourced_id: str
    line_item_id: str
    student_id: str
    status: str
    score: Decimal | None
    text_score: str
    scored_on: str
    comment: str
    section_id: int
    aligned: ObjectiveInfo


def evidence_scores(scope: GradebookScope) -> QuerySet:
    aligned = ALIGNMENT.objects.filter(
        assessment_id=OuterRef("assessment_id"), performanceindicator_id=OuterRef("indicator_id")
    )
    return (
        Score.objects.current()
        .filter(assessment__kind=Assessment.Kind.SUMMATIVE, assessment__section__in=scope.sections.values("pk"))
        .filter(Exists(aligned))
        .order_by("assessment_id", "indicator_id", "student_id")
        .values_list(
            "assessment_id",
            "indicator_id",
            "student_id",
            "student__user_id",
            "student__user__sourced_id",
            "value",
            "feedback",
            "scored_at",
            "assessment__section_id",
        )
    )


def exemptions(scope: GradebookScope) -> QuerySet:
    scored = Score.objects.current().filter(
        student_id=OuterRef("student_id"), assessment_id=OuterRef("assessment_id"), indicator_id=OuterRef("indicator")
    )
    return (
        NotAssessed.objects.filter(
            assessment__kind=Assessment.Kind.SUMMATIVE, assessment__section__in=scope.sections.values("pk")
        )
        .annotate(indicator=F("assessment__indicators"))
        .filter(indicator__isnull=False)
        .filter(~Exists(scored))
        .order_by("assessment_id", "indicator", "student_id")
        .values_list(
            "assessment_id",
            "indicator",
            "student_id",
            "student__user_id",
            "student__user__sourced_id",
            "marked_at",
            "assessment__section_id",
        )
    )


def _enrolled(queryset: QuerySet, scope: GradebookScope) -> QuerySet:
    """One row per result × section the student is enrolled in as a student."""
    return queryset.annotate(
        section=F("student__user__enrollments__section_id"), enrolled_as=F("student__user__enrollments__role")
    ).filter(enrolled_as=Enrollment.Role.STUDENT, section__in=scope.sections.values("pk"), level__isnull=False)


def indicator_levels(scope: GradebookScope) -> QuerySet:
    taught = ALIGNMENT.objects.filter(
        assessment__kind=Assessment.Kind.SUMMATIVE,
        assessment__section_id=OuterRef("section"),
        performanceindicator_id=OuterRef("indicator_id"),
    )
    return (
        _enrolled(IndicatorResult.objects.all(), scope)
        .filter(Exists(taught))
        .order_by("section", "indicator_id", "student_id")
        .values_list(
            "section",
            "indicator_id",
            "student_id",
            "student__user_id",
            "student__user__sourced_id",
            "level__value",
            "level__label",
            "computed_at",
        )
    )


def standard_levels(scope: GradebookScope) -> QuerySet:
    taught = ALIGNMENT.objects.filter(
        assessment__kind=Assessment.Kind.SUMMATIVE,
        assessment__section_id=OuterRef("section"),
        performanceindicator__standard_id=OuterRef("standard_id"),
    )
    return (
        _enrolled(StandardResult.objects.all(), scope)
        .filter(Exists(taught))
        .order_by("section", "standard_id", "student_id")
        .values_list(
            "section",
            "standard_id",
            "student_id",
            "student__user_id",
            "student__user__sourced_id",
            "level__value",
            "level__label",
            "computed_at",
        )
    )


def count_results(scope: GradebookScope) -> int:
    """About how many results there will be (rows later skipped as out of scope are counted), for progress."""
    return sum(
        q.count() for q in (evidence_scores(scope), exemptions(scope), indicator_levels(scope), standard_levels(scope))
    )


def results(scope: GradebookScope) -> Iterator[Result]:
    yield from _evidence(scope)
    yield from _exempt(scope)
    yield from _levels(scope)


def _evidence(scope: GradebookScope) -> Iterator[Result]:
    rows = evidence_scores(scope).iterator(chunk_size=CHUNK)
    for assessment_id, indicator_id, student_pk, user_pk, user_sid, value, feedback, scored_at, section_id in rows:
        indicator = scope.indicators.get(indicator_id)
        if indicator is None:
            continue
        line_item = ids.evidence_line_item_id(assessment_id, indicator_id)
        yield Result(
            sourced_id=ids.result_id(line_item, student_pk),
            line_item_id=line_item,
            student_id=ids.roster_id("user", user_pk, user_sid),
            status=ScoreStatus.FULLY_GRADED,
            score=value,
            text_score=scope.scales[indicator.scale_id].label(value),
            scored_on=cells.day(scored_at),
            comment=cells.text(feedback),
            section_id=section_id,
            aligned=indicator,
        )


def _exempt(scope: GradebookScope) -> Iterator[Result]:
    for assessment_id, indicator_id, student_pk, user_pk, user_sid, marked_at, section_id in exemptions(scope).iterator(
        chunk_size=CHUNK
    ):
        indicator = scope.indicators.get(indicator_id)
        if indicator is None:
            continue
        line_item = ids.evidence_line_item_id(assessment_id, indicator_id)
        yield Result(
            sourced_id=ids.result_id(line_item, student_pk),
            line_item_id=line_item,
            student_id=ids.roster_id("user", user_pk, user_sid),
            status=ScoreStatus.EXEMPT,
            score=None,
            text_score="",
            scored_on=cells.day(marked_at),
            comment="Not assessed",
            section_id=section_id,
            aligned=indicator,
        )


def _levels(scope: GradebookScope) -> Iterator[Result]:
    pairs = assessed_indicators(scope)
    taught_standards = {(section, scope.indicators[indicator].standard_id) for section, indicator in pairs}
    yield from _level_results(
        standard_levels(scope), taught_standards, ids.standard_level_line_item_id, scope.standards
    )
    yield from _level_results(indicator_levels(scope), set(pairs), ids.indicator_level_line_item_id, scope.indicators)


def _level_results(
    rows: QuerySet,
    taught: set[tuple[int, int]],
    line_item_id: Callable[[int, int], str],
    aligned: dict[int, ObjectiveInfo],
) -> Iterator[Result]:
    """Only for lineItems that exist: the section assesses that standard or indicator."""
    for section_id, pk, student_pk, user_pk, user_sid, value, label, computed_at in rows.iterator(chunk_size=CHUNK):
        if (section_id, pk) not in taught:
            continue
        line_item = line_item_id(section_id, pk)
        yield Result(
            sourced_id=ids.result_id(line_item, student_pk),
            line_item_id=line_item,
            student_id=ids.roster_id("user", user_pk, user_sid),
            status=ScoreStatus.FULLY_GRADED,
            score=value,
            text_score=cells.scale_text(label),
            scored_on=cells.day(computed_at),
            comment="",
            section_id=section_id,
            aligned=aligned[pk],
        )
