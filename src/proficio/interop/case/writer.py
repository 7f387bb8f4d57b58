"""Write a checked, mapped package as a new framework version (called inside the import's transaction).

A first import starts a new lineage at version 1; a re-import adds version n + 1 to the lineage of the
current version, which stops being current, and copies its calculation policy so results keep their method.
Rows are bulk-inserted (with history where the model keeps one), and the CASE package is stored beside them
(CaseDocument, CaseItem, CaseAssociation) so the framework exports faithfully and re-imports in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from proficio.accounts.models import User
from proficio.interop.case import mapping
from proficio.interop.case.package import Package, link_field, link_id
from proficio.interop.case.rubrics import ExemplarLink, RubricLevel, level_named_in
from proficio.interop.case.scales import ScalePlan
from proficio.interop.case.structure import Structure
from proficio.interop.models import CaseAssociation, CaseDocument, CaseItem
from proficio.interop.problems import ImportRefused, Problem
from proficio.jobs.progress import ProgressCallback
from proficio.roster.models import District
from proficio.standards.models import (
    CalculationPolicy,
    Exemplar,
    Framework,
    LearningObjective,
    PerformanceIndicator,
    ProficiencyScale,
    ScaleLevel,
    ScoringCriterion,
    Standard,
)

POLICY_FIELDS = (
    "method",
    "parameters",
    "minimum_evidence",
    "rounding",
    "rollup",
    "rollup_parameters",
    "minimum_share_assessed",
)


@dataclass
class ImportPlan:
    package: Package
    structure: Structure
    academic: ScalePlan
    work_habits: ScalePlan | None
    rubric_levels: list[RubricLevel]
    exemplars: list[ExemplarLink]
    previous: Framework | None
    source: str = ""
    counts: dict[str, Any] = field(default_factory=dict)


def _adopted_on(document: dict[str, Any], previous: Framework | None) -> date | None:
    value = document.get("statusStartDate")
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    return previous.adopted_on if previous else None


def _framework(
    plan: ImportPlan, district: District, academic: ProficiencyScale, habits: ProficiencyScale | None
) -> Framework:
    document = plan.package.document
    previous = plan.previous
    framework = Framework(
        title=str(document["title"]).strip()[:200],
        district=district,
        identifier=plan.package.document_id,
        scale=academic,
        work_habit_scale=habits if habits is not None else (previous.work_habit_scale if previous else None),
        description=str(document.get("description") or ""),
        adopted_on=_adopted_on(document, previous),
    )
    if previous is not None:
        # two imports of the same document at once: the second waits here, then finds v1 no longer current
        if not Framework.objects.select_for_update().filter(pk=previous.pk, is_current=True).exists():
            raise ImportRefused(
                [
                    Problem(
                        file=plan.source,
                        message="another import updated this framework while this one ran; import again",
                        where="CFDocument",
                    )
                ]
            )
        latest = Framework.objects.filter(lineage=previous.lineage).aggregate(Max("version"))["version__max"]
        framework.lineage, framework.version = previous.lineage, (latest or previous.version) + 1
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    framework.clean()
    framework.save()
    old_policy = CalculationPolicy.objects.filter(framework=previous).first() if previous else None
    policy = CalculationPolicy(framework=framework)
    if old_policy is not None:
        for name in POLICY_FIELDS:
            setattr(policy, name, getattr(old_policy, name))
    policy.save()
    return framework


def write(
    plan: ImportPlan, *, district: District, user: User | None, progress: ProgressCallback
) -> tuple[Framework, dict[str, Any]]:
    structure = plan.structure
    academic = plan.academic.materialise(district)
    habits = plan.work_habits.materialise(district) if plan.work_habits else None
    framework = _framework(plan, district, academic, habits)
    total = len(structure.nodes)
    progress("writing standards", 0, total)

    standards = bulk_create_with_history(
        [
            Standard(
                framework=framework,
                code=node.code,
                title=node.title,
                statement=node.statement,
                kind=node.kind,
                content_area=node.content_area,
                required_for_graduation=node.kind != Standard.Kind.WORK_HABIT,
                position=node.position,
                identifier=node.identifier,
            )
            for node in structure.standards
        ],
        Standard,
        default_user=user,
    )
    rows: dict[str, Any] = {s.identifier: s for s in standards}
    indicators = bulk_create_with_history(
        [
            PerformanceIndicator(
                standard=rows[node.mapped_parent],
                code=node.code,
                statement=node.statement,
                position=node.position,
                identifier=node.identifier,
            )
            for node in structure.indicators
        ],
        PerformanceIndicator,
        default_user=user,
    )
    rows.update({i.identifier: i for i in indicators})
    progress("writing standards", len(standards) + len(indicators), total)
    objectives = LearningObjective.objects.bulk_create(
        [
            LearningObjective(
                indicator=rows[node.mapped_parent],
                code=node.code,
                statement=node.statement,
                position=node.position,
                identifier=node.identifier,
            )
            for node in structure.objectives
        ]
    )
    rows.update({o.identifier: o for o in objectives})
    progress("writing rubrics", total, total)

    scales = {academic.pk: list(academic.levels.all())}
    if habits is not None:
        scales[habits.pk] = list(habits.levels.all())

    def scale_of(indicator_id: str) -> list[ScaleLevel]:
        standard = structure.standard_of(structure.nodes[indicator_id])
        scale = habits if standard.kind == Standard.Kind.WORK_HABIT and habits is not None else academic
        return scales[scale.pk]

    criteria = _criteria(plan.rubric_levels, rows, scale_of)
    bulk_create_with_history(criteria, ScoringCriterion, default_user=user)
    exemplars = _exemplars(plan.exemplars, rows, scale_of, user)
    Exemplar.objects.bulk_create(exemplars)
    _store_case(plan, framework, rows)
    counts = {
        **plan.counts,
        "scoring_criteria": len(criteria),
        "exemplars": len(exemplars),
        "framework_version": framework.version,
        "scale": ("created " if plan.academic.created else "") + academic.name,
    }
    if habits is not None and plan.work_habits is not None:
        counts["work_habit_scale"] = ("created " if plan.work_habits.created else "") + habits.name
    return framework, counts


def _level(levels: list[ScaleLevel], level: RubricLevel) -> ScaleLevel:
    if level.score is not None:
        return next(candidate for candidate in levels if candidate.value == level.score)
    quality = level.quality.casefold()
    return next(candidate for candidate in levels if candidate.label.casefold() == quality)


def _criteria(levels: list[RubricLevel], rows: dict[str, Any], scale_of: Any) -> list[ScoringCriterion]:
    """One criterion per indicator × level; texts of several rubric criteria on one indicator are joined."""
    texts: dict[tuple[str, int], list[str]] = {}
    chosen: dict[tuple[str, int], ScaleLevel] = {}
    for level in levels:
        scale_level = _level(scale_of(level.indicator), level)
        key = (level.indicator, scale_level.pk)
        chosen[key] = scale_level
        if level.text and level.text not in texts.setdefault(key, []):
            texts[key].append(level.text)
    return [
        ScoringCriterion(indicator=rows[indicator], level=chosen[(indicator, pk)], description="\n\n".join(parts))
        for (indicator, pk), parts in texts.items()
    ]


def _exemplars(links: list[ExemplarLink], rows: dict[str, Any], scale_of: Any, user: User | None) -> list[Exemplar]:
    result: list[Exemplar] = []
    for link in links:
        levels = scale_of(link.indicator)
        named = level_named_in(link.notes, [(level.value, level.label) for level in levels])
        value: Decimal | None = named
        if value is None:
            value = next((level.value for level in levels if level.is_threshold), levels[-1].value if levels else None)
        level = next(candidate for candidate in levels if candidate.value == value)
        result.append(
            Exemplar(indicator=rows[link.indicator], level=level, title=link.title, text=link.text, added_by=user)
        )
    return result


def _store_case(plan: ImportPlan, framework: Framework, rows: dict[str, Any]) -> None:
    package = plan.package
    document = CaseDocument.objects.create(
        framework=framework,
        identifier=package.document_id,
        uri=str(package.document.get("uri") or "")[:1000],
        case_version=package.case_version,
        last_change=str(package.document.get("lastChangeDateTime") or "")[:40],
        document=package.document,
        definitions=package.definitions,
        rubrics=package.rubrics,
    )
    items: list[CaseItem] = []
    for node in plan.structure.nodes.values():
        row = rows.get(node.identifier) if node.is_mapped else None
        items.append(
            CaseItem(
                document=document,
                identifier=node.identifier,
                uri=str(node.raw.get("uri") or "")[:1000],
                item_type=node.item_type[:255],
                item=node.raw,
                standard=row if node.target == mapping.STANDARD else None,
                indicator=row if node.target == mapping.INDICATOR else None,
                objective=row if node.target == mapping.OBJECTIVE else None,
            )
        )
    CaseItem.objects.bulk_create(sorted(items, key=lambda item: package.item_index[item.identifier]))
    CaseAssociation.objects.bulk_create(
        [
            CaseAssociation(
                document=document,
                identifier=str(association["identifier"]),
                association_type=str(association["associationType"]),
                origin_identifier=link_id(association.get("originNodeURI")),
                destination_identifier=link_id(association.get("destinationNodeURI")),
                destination_uri=link_field(association.get("destinationNodeURI"), "uri")[:1000],
                association=association,
            )
            for association in package.associations
        ]
    )
