"""What a student's progress page shows, gathered from one student fetched through ``for_user``.

Everything is read through that student's related managers (``student.scores``, ``student.indicator_results``
…) or the district's current framework, so the page can show no one else's data. Levels come from the result
cache; the evidence behind each is the engine's own definition of what counts (current summative scores).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import formats
from django.utils.safestring import SafeString

from proficio.engine.explain import number
from proficio.evidence.models import Score
from proficio.proficiency.evidence import counted_scores
from proficio.proficiency.models import GraduationStatus, IndicatorResult, StandardResult
from proficio.proficiency.standing import standing_of
from proficio.progress.sentences import indicator_explanations, sentence
from proficio.roster.models import Student
from proficio.standards.models import Framework, PerformanceIndicator, Standard


@dataclass(frozen=True, kw_only=True)
class EvidenceLine:
    """One current score as the page lists it: read as plain values, not as model instances, because a
    senior's page lists about a thousand of them and building four model objects per score was a third of
    the page's time."""

    score_id: int
    indicator_id: int
    indicator_code: str
    value: Decimal
    feedback: str
    on: date | None
    title: str
    outside: bool  # outside-school evidence rather than an assessment
    evidence_id: int  # the assessment's or the outside evidence's
    on_text: str  # the date and the score as the reader's language writes them, formatted once per page
    value_text: str
    level_class: str  # the score rounded, for its colour (``level-3``)

    @property
    def order_key(self) -> tuple[date, int, int]:
        # As proficiency.evidence.EvidenceRow.order_key: date, assessments before outside evidence, then the id.
        return (self.on or date.min, int(self.outside), self.evidence_id)


@dataclass
class IndicatorRow:
    indicator: PerformanceIndicator
    result: IndicatorResult | None
    sentence: SafeString
    evidence: list[EvidenceLine] = field(default_factory=list)  # counted: current and summative, oldest first
    formative: list[EvidenceLine] = field(default_factory=list)  # current formative scores with their feedback


@dataclass
class StandardRow:
    standard: Standard
    result: StandardResult | None
    indicators: list[IndicatorRow]

    @property
    def evidence_count(self) -> int:
        return sum(len(row.evidence) for row in self.indicators)


@dataclass
class Progress:
    student: Student
    framework: Framework | None
    groups: list[dict[str, Any]]  # {"label", "standards": [StandardRow]}, as on the landing page
    habits: list[StandardRow]
    graduation: GraduationStatus | None
    still_missing: list[Standard]
    growth: list[dict[str, Any]]  # per standard with evidence: [{"standard", "points": [(date, value, title)]}]


_LINE_FIELDS = (
    "pk",
    "indicator_id",
    "indicator__code",
    "value",
    "feedback",
    "assessment_id",
    "assessment__title",
    "assessment__assessed_on",
    "outside_evidence_id",
    "outside_evidence__title",
    "outside_evidence__completed_on",
)


def _evidence_lines(scores: QuerySet[Score]) -> list[EvidenceLine]:
    """The scores as lines, oldest first, their dates and values formatted in the active language (a page has
    a thousand lines but few distinct dates and values, so each is formatted once)."""
    day = cache(lambda on: formats.date_format(on, "DATE_FORMAT") if on else "")
    written = cache(lambda value: formats.localize(Decimal(number(float(value)))))
    rounded = cache(lambda value: str(int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))))
    lines = []
    for (
        pk,
        indicator_id,
        code,
        value,
        feedback,
        assessment_id,
        a_title,
        a_on,
        outside_id,
        o_title,
        o_on,
    ) in scores.values_list(*_LINE_FIELDS):
        outside = assessment_id is None
        on = o_on if outside else a_on
        lines.append(
            EvidenceLine(
                score_id=pk,
                indicator_id=indicator_id,
                indicator_code=code,
                value=value,
                feedback=feedback,
                on=on,
                title=(o_title or "") if outside else a_title,
                outside=outside,
                evidence_id=(outside_id if outside else assessment_id) or 0,
                on_text=day(on),
                value_text=written(value),
                level_class=rounded(value),
            )
        )
    return sorted(lines, key=lambda line: line.order_key)


def progress_for(student: Student, *, for_student: bool) -> Progress:
    """The student's levels, explanations and evidence on the district's current framework."""
    standing = standing_of(student)
    framework, graduation, standard_results = standing.framework, standing.graduation, standing.results
    if framework is None:
        return Progress(student, None, [], [], graduation, [], [])
    standards = list(framework.standards.order_by("position", "code").prefetch_related("indicators"))
    indicator_results = {
        r.indicator_id: r for r in student.indicator_results.filter(framework=framework).select_related("level")
    }
    scores = (
        student.scores.current()
        .filter(indicator__standard__framework=framework)
        .filter(Q(assessment__isnull=False) | Q(outside_evidence__isnull=False))
    )
    # The engine's own definition of what counts (as the gradebook's cell), so the page cannot disagree with the level.
    counts = set(
        counted_scores().filter(student=student, indicator__standard__framework=framework).values_list("pk", flat=True)
    )
    counted: dict[int, list[EvidenceLine]] = defaultdict(list)
    formative: dict[int, list[EvidenceLine]] = defaultdict(list)
    for line in _evidence_lines(scores):
        (counted if line.score_id in counts else formative)[line.indicator_id].append(line)

    every_indicator = [indicator for standard in standards for indicator in standard.indicators.all()]
    explanations = indicator_explanations(student, every_indicator, for_student=for_student)

    def row(standard: Standard) -> StandardRow:
        indicators = [
            IndicatorRow(
                indicator=indicator,
                result=indicator_results.get(indicator.pk),
                sentence=sentence(student, indicator, explanations[indicator.pk], for_student=for_student),
                evidence=counted.get(indicator.pk, []),
                formative=formative.get(indicator.pk, []),
            )
            for indicator in sorted(standard.indicators.all(), key=lambda i: (i.position, i.code))
        ]
        return StandardRow(standard, standard_results.get(standard.pk), indicators)

    groups: dict[str, list[StandardRow]] = {}
    habits: list[StandardRow] = []
    growth: list[dict[str, Any]] = []
    for standard in standards:
        if standard.is_work_habit:
            habits.append(row(standard))
            continue
        label = standard.get_content_area_display() if standard.content_area else standard.get_kind_display()
        standard_row = row(standard)
        groups.setdefault(label, []).append(standard_row)
        points = sorted(
            (
                (line.on, float(line.value), line.indicator_code, line.title)
                for indicator_row in standard_row.indicators
                for line in indicator_row.evidence
            ),
            key=lambda point: (point[0] or date.min, point[2]),
        )
        if points:
            growth.append({"standard": standard, "points": points})
    missing_codes = list(graduation.missing) if graduation is not None else []
    by_code = {standard.code: standard for standard in standards}
    still_missing = [by_code[code] for code in missing_codes if code in by_code]
    return Progress(
        student=student,
        framework=framework,
        groups=[{"label": label, "standards": rows} for label, rows in groups.items()],
        habits=habits,
        graduation=graduation,
        still_missing=still_missing,
        growth=growth,
    )
