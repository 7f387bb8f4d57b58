"""What one export covers, and the small lookups every file needs.

Sections, indicators, standards and scales number in the thousands at most, so they are read once into
dictionaries; the rows that number in the millions (scores, results) are streamed by the file generators and
join these lookups in Python instead of dragging the same columns through every database row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from proficio.evidence.models import Assessment
from proficio.interop.case import outline as case_outline
from proficio.interop.gradebook import cells
from proficio.interop.gradebook.ids import learning_objective, roster_id
from proficio.roster.models import AcademicSession, District, Section
from proficio.standards.models import Framework, PerformanceIndicator, ProficiencyScale

ALIGNMENT = Assessment.indicators.through
"""The assessment ↔ indicator table: each summative alignment in scope is one evidence lineItem."""


class ExportScopeError(ValueError):
    """The requested session or sections do not belong to the district being exported."""


@dataclass(frozen=True)
class SectionInfo:
    class_id: str
    school_id: str
    course_id: str
    session_id: str
    starts: date
    ends: date


@dataclass(frozen=True)
class ScaleInfo:
    pk: int
    title: str
    kind: str
    levels: tuple[tuple[Decimal, str], ...]  # (value, label as written in scoreScaleValue / textScore)

    @property
    def minimum(self) -> Decimal | None:
        return self.levels[0][0] if self.levels else None

    @property
    def maximum(self) -> Decimal | None:
        return self.levels[-1][0] if self.levels else None

    def label(self, value: Decimal) -> str:
        return next((label for v, label in self.levels if v == value), "")

    def values_cell(self) -> str:
        """``{1:Beginning},{2:Developing},…``: the score (LHS, the reference point) mapped to its level label."""
        return ",".join(f"{{{cells.number(v)}:{label}}}" for v, label in self.levels)


@dataclass(frozen=True)
class ObjectiveInfo:
    """An indicator or standard as the SIS sees it: a lineItem title and a learning-objective reference."""

    pk: int
    code: str
    title: str
    statement: str
    scale_id: int
    objective: tuple[str, str]  # (source, learningObjectiveId)
    standard_id: int = 0


@dataclass
class GradebookScope:
    district: District
    sections: QuerySet[Section]
    section_info: dict[int, SectionInfo] = field(default_factory=dict)
    indicators: dict[int, ObjectiveInfo] = field(default_factory=dict)
    standards: dict[int, ObjectiveInfo] = field(default_factory=dict)
    scales: dict[int, ScaleInfo] = field(default_factory=dict)

    def summative_alignments(self) -> QuerySet:
        return ALIGNMENT.objects.filter(
            assessment__kind=Assessment.Kind.SUMMATIVE, assessment__section__in=self.sections.values("pk")
        )


def _session_and_descendants(session: AcademicSession) -> set[int]:
    ids = {session.pk}
    frontier = {session.pk}
    while frontier:
        frontier = set(AcademicSession.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    return ids


def select_sections(
    district: District, *, session: AcademicSession | None = None, sections: QuerySet[Section] | None = None
) -> QuerySet[Section]:
    """The district's sections, narrowed to a session (and the terms inside it) and/or to given sections."""
    chosen = Section.objects.filter(course__school__district=district)
    if session is not None:
        if session.district_id != district.pk:
            raise ExportScopeError(f"{session} is not a session of {district}.")
        chosen = chosen.filter(session_id__in=_session_and_descendants(session))
    if sections is not None:
        chosen = chosen.filter(pk__in=sections.values("pk"))
    return chosen.order_by("pk")


def _scale_kind(scale: ProficiencyScale) -> str:
    return scale.get_purpose_display()


def case_identifiers(framework: Framework) -> dict[tuple[str, int], str]:
    """``("indicator" | "standard", pk)`` → the identifier the CASE export publishes for it (the imported one,
    else one derived from the framework), so an SIS can join an aligned result to the exported framework."""
    built = case_outline.build(framework)
    return {(item.level, item.row.pk): item.identifier for item in built.items.values() if item.row is not None}


def load_scope(
    district: District, *, session: AcademicSession | None = None, sections: QuerySet[Section] | None = None
) -> GradebookScope:
    scope = GradebookScope(district=district, sections=select_sections(district, session=session, sections=sections))
    rows = scope.sections.values_list(
        "pk",
        "sourced_id",
        "course_id",
        "course__sourced_id",
        "course__school_id",
        "course__school__sourced_id",
        "session_id",
        "session__sourced_id",
        "session__start_date",
        "session__end_date",
    )
    for pk, sid, course, course_sid, school, school_sid, session_pk, session_sid, starts, ends in rows:
        scope.section_info[pk] = SectionInfo(
            class_id=roster_id("section", pk, sid),
            school_id=roster_id("school", school, school_sid),
            course_id=roster_id("course", course, course_sid),
            session_id=roster_id("session", session_pk, session_sid),
            starts=starts,
            ends=ends,
        )

    aligned = scope.summative_alignments().values("performanceindicator_id")
    identifiers: dict[int, dict[tuple[str, int], str]] = {}
    for indicator in PerformanceIndicator.objects.filter(pk__in=aligned).select_related("standard__framework"):
        standard = indicator.standard
        framework = standard.framework
        scale_id = framework.work_habit_scale_id if standard.is_work_habit else framework.scale_id
        if scale_id is None:  # a work-habit standard in a framework without a work-habit scale cannot be scored
            continue
        if framework.pk not in identifiers:
            identifiers[framework.pk] = case_identifiers(framework)
        case_ids = identifiers[framework.pk]
        scope.indicators[indicator.pk] = ObjectiveInfo(
            pk=indicator.pk,
            code=indicator.code,
            title=indicator.code,
            statement=indicator.statement,
            scale_id=scale_id,
            objective=learning_objective(case_ids[("indicator", indicator.pk)]),
            standard_id=standard.pk,
        )
        if standard.pk not in scope.standards:
            scope.standards[standard.pk] = ObjectiveInfo(
                pk=standard.pk,
                code=standard.code,
                title=f"{standard.code} {standard.title}",
                statement=standard.statement,
                scale_id=scale_id,
                objective=learning_objective(case_ids[("standard", standard.pk)]),
            )

    used_scales = {info.scale_id for info in scope.indicators.values()}
    for scale in ProficiencyScale.objects.filter(pk__in=used_scales).prefetch_related("levels"):
        levels = sorted((level.value, cells.scale_text(level.label)) for level in scale.levels.all())
        scope.scales[scale.pk] = ScaleInfo(pk=scale.pk, title=scale.name, kind=_scale_kind(scale), levels=tuple(levels))
    return scope
