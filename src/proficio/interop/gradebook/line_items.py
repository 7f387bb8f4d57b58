"""The gradebook columns: one lineItem per summative assessment × aligned indicator, and one "current level"
lineItem per section × standard and per section × indicator the section assesses.

lineItems.csv, lineItemLearningObjectiveIds.csv and lineItemScoreScales.csv are all written from this one
sequence, so a lineItem, its alignment row and its scale row can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from proficio.interop.gradebook import cells, ids
from proficio.interop.gradebook.scope import GradebookScope, ObjectiveInfo


@dataclass(frozen=True)
class LineItem:
    sourced_id: str
    title: str
    description: str
    assigned: date
    due: date
    section_id: int
    category_id: str
    aligned: ObjectiveInfo


def evidence_line_items(scope: GradebookScope) -> Iterator[LineItem]:
    """Summative assessments only: formative work guides learning and is never reported as a grade."""
    rows = (
        scope.summative_alignments()
        .order_by("assessment_id", "performanceindicator_id")
        .values_list(
            "assessment_id",
            "performanceindicator_id",
            "assessment__title",
            "assessment__assessed_on",
            "assessment__section_id",
        )
    )
    for assessment_id, indicator_id, title, assessed_on, section_id in rows.iterator(chunk_size=2000):
        indicator = scope.indicators.get(indicator_id)
        if indicator is None:
            continue
        yield LineItem(
            sourced_id=ids.evidence_line_item_id(assessment_id, indicator_id),
            title=f"{cells.text(title)} — {indicator.code}",
            description=cells.text(f"{indicator.code}: {indicator.statement}"),
            assigned=assessed_on,
            due=assessed_on,
            section_id=section_id,
            category_id=ids.CATEGORY_EVIDENCE,
            aligned=indicator,
        )


def assessed_indicators(scope: GradebookScope) -> list[tuple[int, int]]:
    """(section, indicator) pairs the section has summative evidence for, in order; no more than a few per
    section × indicator, so kept in memory."""
    pairs = (
        scope.summative_alignments()
        .values_list("assessment__section_id", "performanceindicator_id")
        .distinct()
        .order_by("assessment__section_id", "performanceindicator_id")
    )
    return [(section, indicator) for section, indicator in pairs if indicator in scope.indicators]


def level_line_items(scope: GradebookScope) -> Iterator[LineItem]:
    """A "current level" column per standard, then per indicator, for each section, spanning its session."""
    pairs = assessed_indicators(scope)
    standards = sorted({(section, scope.indicators[indicator].standard_id) for section, indicator in pairs})
    for section_id, standard_id in standards:
        standard = scope.standards[standard_id]
        sourced_id = ids.standard_level_line_item_id(section_id, standard_id)
        yield _level_item(scope, section_id, standard, sourced_id, ids.CATEGORY_STANDARD_LEVELS)
    for section_id, indicator_id in pairs:
        indicator = scope.indicators[indicator_id]
        sourced_id = ids.indicator_level_line_item_id(section_id, indicator_id)
        yield _level_item(scope, section_id, indicator, sourced_id, ids.CATEGORY_INDICATOR_LEVELS)


def _level_item(
    scope: GradebookScope, section_id: int, aligned: ObjectiveInfo, sourced_id: str, category_id: str
) -> LineItem:
    section = scope.section_info[section_id]
    return LineItem(
        sourced_id=sourced_id,
        title=f"{cells.text(aligned.title)} — current level",
        description=cells.text(aligned.statement),
        assigned=section.starts,
        due=section.ends,
        section_id=section_id,
        category_id=category_id,
        aligned=aligned,
    )


def line_items(scope: GradebookScope) -> Iterator[LineItem]:
    yield from evidence_line_items(scope)
    yield from level_line_items(scope)


def section_scales(scope: GradebookScope) -> list[tuple[int, int]]:
    """(section, scale) pairs: every scale a section's lineItems are scored on (academic, work habits)."""
    return sorted(
        {(section, scope.indicators[indicator].scale_id) for section, indicator in assessed_indicators(scope)}
    )
