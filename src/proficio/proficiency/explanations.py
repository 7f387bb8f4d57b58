"""Explanations of cached results, from the evidence behind them: the engine's trace and sentence, with
assessment titles and dates filled in."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from proficio.engine.explain import EvidenceItem, Explanation, explain_indicator, explain_standard
from proficio.evidence.models import Assessment, OutsideEvidence
from proficio.proficiency.evidence import rows_for
from proficio.proficiency.models import IndicatorResult
from proficio.proficiency.shape import shapes_for_indicators
from proficio.roster.models import Student
from proficio.standards.models import PerformanceIndicator, Standard


def sentence_html(sentence: str) -> SafeString:
    """The sentence, escaped, with its *emphasised* names in <em>."""
    parts = escape(sentence).split("*")
    return mark_safe("".join(f"<em>{p}</em>" if i % 2 else p for i, p in enumerate(parts)))


def _owner(student: Student, for_student: bool) -> str:
    return "your" if for_student else f"{student.user.first_name or student.user.get_full_name()}'s"


def indicator_explanation(
    student: Student, indicator: PerformanceIndicator, *, for_student: bool = True
) -> Explanation:
    """Why ``student`` has the level they have on ``indicator``, in words, with the evidence in order."""
    (shape,) = shapes_for_indicators([indicator.pk])
    part = shape.part_of_indicator[indicator.pk]
    rows = rows_for(student.pk, [indicator.pk])[indicator.pk]
    titles = dict(
        Assessment.objects.filter(pk__in=[r.evidence_id for r in rows if r.source == 0]).values_list("pk", "title")
    )
    outside = dict(
        OutsideEvidence.objects.filter(pk__in=[r.evidence_id for r in rows if r.source == 1]).values_list("pk", "title")
    )
    items = [EvidenceItem(r.value, (titles if r.source == 0 else outside).get(r.evidence_id, ""), r.on) for r in rows]
    return explain_indicator(items, part.scale, shape.policy, indicator.statement, _owner(student, for_student))


def standard_explanation(student: Student, standard: Standard, *, for_student: bool = True) -> Explanation:
    """Why ``student`` has the level they have on ``standard``, from the cached indicator levels."""
    indicator_ids = list(standard.indicators.values_list("pk", flat=True))
    if not indicator_ids:
        return Explanation(f"The standard *{standard.title}* has no performance indicators yet.")
    (shape,) = shapes_for_indicators(indicator_ids[:1])
    part = shape.part_of_indicator[indicator_ids[0]]
    level_of_id = {level_id: part.scale.levels[i] for i, level_id in enumerate(part.level_ids)}
    cached = dict(
        IndicatorResult.objects.filter(student=student, indicator_id__in=indicator_ids).values_list(
            "indicator_id", "level_id"
        )
    )
    levels = [level_of_id.get(cached.get(i)) if cached.get(i) else None for i in indicator_ids]
    return explain_standard(levels, part.scale, shape.policy, standard.title, _owner(student, for_student))
