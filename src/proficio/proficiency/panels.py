"""What the result cache gives a teacher's home page: the standards where their students need them, and the
students still lacking evidence as the term closes.

Both read the cached results of the students enrolled in sections the caller has already scoped to the
teacher; neither recomputes anything. Work habits are left out: they never enter academic results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from django.db.models import Count, Q, QuerySet

from proficio.proficiency.evidence_gaps import ClosingTerm, StudentGap, evidence_gaps
from proficio.proficiency.models import StandardResult
from proficio.roster.models import Enrollment, Section
from proficio.standards.models import PerformanceIndicator, Standard


class AttentionRow(TypedDict):
    """A standard and how many of the sections' students are below proficient on it, have no level yet
    (``insufficient``), or are proficient."""

    standard_id: int
    standard__code: str
    standard__title: str
    below: int
    insufficient: int
    proficient: int


@dataclass(frozen=True)
class MissingEvidence:
    """The term closing, the students with the most gaps (up to a limit) and how many have any gap in all."""

    term: ClosingTerm | None
    students: list[StudentGap] = field(default_factory=list)
    total: int = 0


def standards_needing_attention(sections: QuerySet[Section], limit: int = 8) -> list[AttentionRow]:
    """Per academic standard: how many of these sections' students are below proficient, or lack evidence."""
    users = Enrollment.objects.filter(section__in=sections, role=Enrollment.Role.STUDENT).values("user_id")
    # Only the standards these sections teach (assess), not every standard their students are working on.
    taught = PerformanceIndicator.objects.filter(assessments__section__in=sections).values("standard_id")
    rows = (
        StandardResult.objects.filter(student__user_id__in=users, standard_id__in=taught)
        .exclude(standard__kind=Standard.Kind.WORK_HABIT)
        .values("standard_id", "standard__code", "standard__title")
        .annotate(
            below=Count("id", filter=Q(level__isnull=False, is_proficient=False)),
            insufficient=Count("id", filter=Q(level__isnull=True)),
            proficient=Count("id", filter=Q(is_proficient=True)),
        )
        .filter(Q(below__gt=0) | Q(insufficient__gt=0))
        .order_by("-below", "-insufficient", "standard__code")
    )
    return list(rows[:limit])


def missing_evidence(sections: QuerySet[Section]) -> MissingEvidence:
    """The students of these sections still without a level on indicators their section has assessed."""
    term, students, total = evidence_gaps(sections)
    return MissingEvidence(term, students, total)
