"""A section's standards-based gradebook: students × performance indicators, each cell a cached level.

Built in a handful of queries whatever the section's size: students, the indicators its assessments are
aligned to (grouped by graduation standard), and one query for every cached result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from proficio.evidence.models import Assessment
from proficio.proficiency.models import IndicatorResult
from proficio.roster.enrolled import section_students
from proficio.roster.models import Section, Student
from proficio.standards.models import PerformanceIndicator, ProficiencyScale, ScaleLevel, Standard


@dataclass(frozen=True)
class Cell:
    student_id: int
    indicator: PerformanceIndicator
    level: ScaleLevel | None
    evidence_count: int
    has_result: bool
    proficient: bool = False

    @property
    def status(self) -> str:
        """ "level", "insufficient" (evidence exists, not enough for a level) or "none" (no evidence)."""
        if self.level is not None:
            return "level"
        return "insufficient" if self.has_result else "none"


@dataclass
class StandardColumns:
    standard: Standard
    indicators: list[PerformanceIndicator] = field(default_factory=list)


@dataclass
class Row:
    student: Student
    cells: list[Cell]
    below: int  # indicators with a level below proficient
    insufficient: int  # indicators with evidence but no level yet

    def cells_html(self, cell_url: str) -> SafeString:
        """The row's cells as HTML. A 35 × 40 grid is 1,400 cells: rendered here with format_html, it takes a
        few milliseconds; through template tags (a url tag and filters per cell) it took ~300 ms."""
        name = str(self.student)
        return format_html_join("", "{}", ((_cell_html(name, cell, cell_url),) for cell in self.cells))


def _cell_html(student: str, cell: Cell, cell_url: str) -> SafeString:
    code = cell.indicator.code
    if cell.status == "none":
        return format_html(
            '<td class="cell cell-none"><span class="level none" title="{}: no summative evidence">–</span></td>', code
        )
    href = cell_url.replace("/students/0/indicators/0/", f"/students/{cell.student_id}/indicators/{cell.indicator.pk}/")
    scores = f"{cell.evidence_count} score{'s' if cell.evidence_count != 1 else ''}"
    if cell.level is None:
        return format_html(
            '<td class="cell cell-insufficient"><a class="level insufficient" href="{}" '
            'aria-label="{}, {}: insufficient evidence ({})">?</a></td>',
            href,
            student,
            code,
            scores,
        )
    below = "" if cell.proficient else " below"
    return format_html(
        '<td class="cell cell-level{}"><a class="level level-{}" href="{}" aria-label="{}, {}: {} ({})">{}</a></td>',
        below,
        f"{cell.level.value:.0f}",
        href,
        student,
        code,
        str(cell.level),
        scores,
        cell.level.number,
    )


@dataclass
class Gradebook:
    section: Section
    groups: list[StandardColumns]
    rows: list[Row]
    levels: list[ScaleLevel]
    standards: list[Standard]  # every standard with a column, for the filter
    assessments: list[Assessment]
    work_habits: bool = False

    @property
    def indicator_count(self) -> int:
        return sum(len(g.indicators) for g in self.groups)


def section_indicators(section: Section, *, work_habits: bool = False) -> list[PerformanceIndicator]:
    """Indicators aligned to any of the section's assessments, in the framework's reporting order.

    Academic indicators by default; work habits, scored on their own scale, are reported apart.
    """
    aligned = PerformanceIndicator.objects.filter(assessments__section=section)
    if work_habits:
        aligned = aligned.filter(standard__kind=Standard.Kind.WORK_HABIT)
    else:
        aligned = aligned.exclude(standard__kind=Standard.Kind.WORK_HABIT)
    return list(
        aligned.select_related("standard__framework__scale", "standard__framework__work_habit_scale")
        .distinct()
        .order_by("standard__position", "standard__code", "position", "code")
    )


def build_gradebook(
    section: Section,
    *,
    standard_id: int | None = None,
    assessment_id: int | None = None,
    below_only: bool = False,
    work_habits: bool = False,
) -> Gradebook:
    indicators = section_indicators(section, work_habits=work_habits)
    standards = list({i.standard_id: i.standard for i in indicators}.values())
    assessments = list(section.assessments.order_by("assessed_on", "pk"))
    if standard_id is not None:
        indicators = [i for i in indicators if i.standard_id == standard_id]
    if assessment_id is not None:
        in_assessment = PerformanceIndicator.objects.filter(assessments__pk=assessment_id, assessments__section=section)
        aligned = set(in_assessment.values_list("pk", flat=True))
        indicators = [i for i in indicators if i.pk in aligned]
    groups: list[StandardColumns] = []
    for indicator in indicators:
        if not groups or groups[-1].standard.pk != indicator.standard_id:
            groups.append(StandardColumns(indicator.standard))
        groups[-1].indicators.append(indicator)

    students = section_students(section)
    scale = section_scale(indicators)
    levels = list(scale.levels.order_by("value")) if scale is not None else []
    level_by_id = {level.pk: level for level in levels}
    # Plain tuples, not model instances: a 35 × 40 grid is 1,400 results.
    results = {
        (student_id, indicator_id): (level_by_id.get(level_id), proficient, count)
        for student_id, indicator_id, level_id, proficient, count in IndicatorResult.objects.filter(
            student__in=students, indicator__in=indicators
        ).values_list("student_id", "indicator_id", "level_id", "is_proficient", "evidence_count")
    }
    rows = []
    for student in students:
        cells = []
        for indicator in indicators:
            found = results.get((student.pk, indicator.pk))
            if found is None:
                cells.append(Cell(student.pk, indicator, None, 0, False))
            else:
                level, proficient, count = found
                cells.append(Cell(student.pk, indicator, level, count, True, proficient))
        below = sum(1 for c in cells if c.level is not None and not c.proficient)
        insufficient = sum(1 for c in cells if c.status == "insufficient")
        if below_only and not below:
            continue
        rows.append(Row(student, cells, below, insufficient))
    return Gradebook(section, groups, rows, levels, standards, assessments, work_habits)


def section_scale(indicators: list[PerformanceIndicator]) -> ProficiencyScale | None:
    """The scale the columns are scored on (all columns share one: academic, or work habits)."""
    return indicators[0].standard.scale_for() if indicators else None
