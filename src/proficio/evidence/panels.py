"""What the evidence gives the home page: a teacher's sections with their assessments, what still waits to be
scored, and how many summative assessments a school has given.

Every function takes sections (or a school) the caller has already scoped to the reader, and counts in the
database: a fixed number of queries however many students or assessments there are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypedDict, cast

from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_stubs_ext import WithAnnotations

from proficio.evidence.models import Assessment, NotAssessed, Score
from proficio.roster.models import Enrollment, School, Section


@dataclass(frozen=True)
class SectionRow:
    """A section a teacher teaches: its students, the assessments given in it and the latest one's date."""

    section: Section
    student_count: int
    assessment_count: int
    last_assessed: date | None


class WaitingAssessment(TypedDict):
    """An assessment given that is not fully scored: ``scored`` of its ``slots`` (student × indicator) are."""

    assessment: Assessment
    scored: int
    slots: int


class _Counts(TypedDict):
    n_indicators: int
    n_scored: int
    n_absent: int
    n_retakers: int


def section_rows(sections: QuerySet[Section]) -> list[SectionRow]:
    """The sections by period then course, each with its students and assessments counted (one query)."""
    rows = (
        sections.select_related("course", "session")
        .annotate(
            student_count=Count("enrollments", filter=Q(enrollments__role=Enrollment.Role.STUDENT), distinct=True),
            assessment_count=Count("assessments", distinct=True),
            last_assessed=Max("assessments__assessed_on"),
        )
        .order_by("period", "course__title")
    )
    return [SectionRow(s, s.student_count, s.assessment_count, s.last_assessed) for s in rows]


def _count(rows: QuerySet[Any], key: str) -> Coalesce:
    """How many of ``rows`` belong to the outer row (``key`` = its primary key), as a scalar subquery."""
    counted = rows.filter(**{key: OuterRef("pk")}).order_by().values(key).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def waiting_to_be_scored(sections: QuerySet[Section], limit: int = 8) -> list[WaitingAssessment]:
    """Assessments already given in these sections that still have students × indicators without a score."""
    students = dict(
        Enrollment.objects.filter(section__in=sections, role=Enrollment.Role.STUDENT)
        .values_list("section_id")
        .annotate(n=Count("id"))
    )
    candidates = (
        Assessment.objects.filter(section__in=sections, assessed_on__lte=timezone.localdate())
        .select_related("section")
        # Each count is its own subquery: one join across indicators × scores × marks × retakers would multiply
        # the rows (30 students × 3 indicators is already 270 per assessment) before DISTINCT thins them again.
        .annotate(
            n_indicators=_count(Assessment.indicators.through.objects.all(), "assessment_id"),
            n_scored=_count(Score.objects.current(), "assessment_id"),
            n_absent=_count(NotAssessed.objects.all(), "assessment_id"),
            n_retakers=_count(Assessment.retakers.through.objects.all(), "assessment_id"),
        )
        .order_by("-assessed_on", "-pk")
    )
    waiting: list[WaitingAssessment] = []
    # AssessmentQuerySet yields plain Assessments to mypy, which then does not see the counts annotated above.
    for assessment in cast("Iterable[WithAnnotations[Assessment, _Counts]]", candidates):
        # A re-assessment given to some students is scored only for them; otherwise, for the whole section.
        takers = assessment.n_retakers or students.get(assessment.section_id, 0)
        slots = (takers - assessment.n_absent) * assessment.n_indicators
        if assessment.n_scored < slots:
            waiting.append({"assessment": assessment, "scored": assessment.n_scored, "slots": slots})
            if len(waiting) == limit:
                break
    return waiting


def summative_count(school: School) -> int:
    """How many summative assessments the school's sections have (one query)."""
    return Assessment.objects.filter(section__course__school=school, kind=Assessment.Kind.SUMMATIVE).count()
