"""What a student's progress page shows, gathered from one student fetched through ``for_user``.

Everything is read through that student's related managers (``student.scores``, ``student.indicator_results``
…) or the district's current framework, so the page can show no one else's data. Levels come from the result
cache; the evidence behind each is the engine's own definition of what counts (current summative scores).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils.safestring import SafeString

from proficio.evidence.models import Score
from proficio.proficiency.evidence import counted_scores
from proficio.proficiency.models import GraduationStatus, IndicatorResult, StandardResult
from proficio.proficiency.standing import standing_of
from proficio.progress.sentences import indicator_explanations, sentence
from proficio.roster.models import Student
from proficio.standards.models import Framework, PerformanceIndicator, Standard


@dataclass
class IndicatorRow:
    indicator: PerformanceIndicator
    result: IndicatorResult | None
    sentence: SafeString
    evidence: list[Score] = field(default_factory=list)  # counted: current and summative, oldest first
    formative: list[Score] = field(default_factory=list)  # current formative scores with their feedback


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


def _on(score: Score) -> date | None:
    if score.assessment is not None:
        return score.assessment.assessed_on
    return score.outside_evidence.completed_on if score.outside_evidence is not None else None


def _order(score: Score) -> tuple[date, int, int]:
    # As proficiency.evidence.EvidenceRow.order_key: date, assessments before outside evidence, then the id.
    source, evidence_id = (
        (0, score.assessment_id) if score.assessment_id is not None else (1, score.outside_evidence_id)
    )
    return (_on(score) or date.min, source, evidence_id or 0)


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
        .select_related("assessment", "outside_evidence", "indicator")
    )
    # The engine's own definition of what counts (as the gradebook's cell), so the page cannot disagree with the level.
    counts = set(
        counted_scores().filter(student=student, indicator__standard__framework=framework).values_list("pk", flat=True)
    )
    counted: dict[int, list[Score]] = defaultdict(list)
    formative: dict[int, list[Score]] = defaultdict(list)
    for score in sorted(scores, key=_order):
        (counted if score.pk in counts else formative)[score.indicator_id].append(score)

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
                (_on(score), float(score.value), score.indicator.code, _title(score))
                for indicator_row in standard_row.indicators
                for score in indicator_row.evidence
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


def _title(score: Score) -> str:
    if score.assessment is not None:
        return score.assessment.title
    return score.outside_evidence.title if score.outside_evidence is not None else ""
