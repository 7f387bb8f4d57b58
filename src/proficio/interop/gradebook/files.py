"""Each gradebook CSV file as a header and a lazy sequence of rows.

Rows are produced only when iterated, from querysets read with ``.iterator()``, so no file is ever held in
memory. Every file is in bulk mode: the binding requires ``status`` and ``dateLastModified`` to be blank in
bulk files, and the export is a complete picture of the exported sections, so bulk is what lets the SIS
drop a result that disappeared (a score moved, a not-assessed mark lifted).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from proficio.interop.gradebook import cells, ids
from proficio.interop.gradebook.line_items import LineItem, line_items, section_scales
from proficio.interop.gradebook.results import Result, count_results, results
from proficio.interop.gradebook.scope import GradebookScope
from proficio.interop.gradebook.spec import HEADERS

Row = list[str]
_BULK = ("", "")  # status, dateLastModified

CATEGORIES = (
    (ids.CATEGORY_EVIDENCE, "Summative evidence"),
    (ids.CATEGORY_STANDARD_LEVELS, "Standard levels (current)"),
    (ids.CATEGORY_INDICATOR_LEVELS, "Indicator levels (current)"),
)


@dataclass(frozen=True)
class CsvFile:
    name: str
    rows: Callable[[], Iterator[Row]]
    count: Callable[[], int] | None = None
    """How many rows to expect, for progress; None when the file is small enough not to matter."""

    @property
    def header(self) -> tuple[str, ...]:
        return HEADERS[self.name]


def gradebook_files(scope: GradebookScope) -> list[CsvFile]:
    """The files in dependency order: what a row references is written before it."""
    return [
        CsvFile("categories.csv", _categories),
        CsvFile("scoreScales.csv", lambda: _score_scales(scope)),
        CsvFile("lineItems.csv", lambda: _per_line_item(scope, _line_item)),
        CsvFile("lineItemLearningObjectiveIds.csv", lambda: _per_line_item(scope, _line_item_objective)),
        CsvFile("lineItemScoreScales.csv", lambda: _per_line_item(scope, _line_item_scale)),
        CsvFile("results.csv", lambda: _per_result(scope, _result), lambda: count_results(scope)),
        CsvFile(
            "resultLearningObjectiveIds.csv",
            lambda: _per_result(scope, _result_objective),
            lambda: count_results(scope),
        ),
    ]


def _categories() -> Iterator[Row]:
    for sourced_id, title in CATEGORIES:
        yield [sourced_id, *_BULK, title, ""]


def _score_scales(scope: GradebookScope) -> Iterator[Row]:
    """One per section × scale: the binding ties a score scale to an org, a course and a class."""
    for section_id, scale_id in section_scales(scope):
        section = scope.section_info[section_id]
        scale = scope.scales[scale_id]
        yield [
            ids.score_scale_id(section_id, scale_id),
            *_BULK,
            cells.text(scale.title),
            scale.kind,
            section.school_id,
            section.course_id,
            section.class_id,
            scale.values_cell(),
        ]


def _per_line_item(scope: GradebookScope, make: Callable[[GradebookScope, LineItem], Row]) -> Iterator[Row]:
    for item in line_items(scope):
        yield make(scope, item)


def _line_item(scope: GradebookScope, item: LineItem) -> Row:
    section = scope.section_info[item.section_id]
    scale = scope.scales[item.aligned.scale_id]
    return [
        item.sourced_id,
        *_BULK,
        item.title,
        item.description,
        cells.day(item.assigned),
        cells.day(item.due),
        section.class_id,
        item.category_id,
        section.session_id,
        cells.number(scale.minimum),
        cells.number(scale.maximum),
        section.school_id,
    ]


def _line_item_objective(scope: GradebookScope, item: LineItem) -> Row:
    source, objective = item.aligned.objective
    return [ids.objective_row_id(item.sourced_id), *_BULK, item.sourced_id, source, objective]


def _line_item_scale(scope: GradebookScope, item: LineItem) -> Row:
    scale = scope.scales[item.aligned.scale_id]
    return [
        ids.scale_row_id(item.sourced_id),
        *_BULK,
        cells.text(scale.title),
        item.sourced_id,
        ids.score_scale_id(item.section_id, scale.pk),
    ]


def _per_result(scope: GradebookScope, make: Callable[[GradebookScope, Result], Row]) -> Iterator[Row]:
    for result in results(scope):
        yield make(scope, result)


def _result(scope: GradebookScope, result: Result) -> Row:
    return [
        result.sourced_id,
        *_BULK,
        result.line_item_id,
        result.student_id,
        result.status,
        cells.number(result.score),
        result.scored_on,
        result.comment,
        result.text_score,
        scope.section_info[result.section_id].class_id,
        "",  # inProgress
        "",  # incomplete
        "",  # late
        "",  # missing
    ]


def _result_objective(scope: GradebookScope, result: Result) -> Row:
    """The result's mastery of the indicator or standard it is aligned to: the same level, per objective."""
    source, objective = result.aligned.objective
    return [
        ids.objective_row_id(result.sourced_id),
        *_BULK,
        result.sourced_id,
        source,
        objective,
        cells.number(result.score),
        result.text_score,
    ]
