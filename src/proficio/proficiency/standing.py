"""A student's standing: their cached level on each standard of the framework their district uses now, and their
graduation status on that framework.

The read of it for a single student: the progress page takes the whole standing from here, and the student's
panel on the home page its framework and levels, so that the two list the same standards at the same levels. It
reads the result cache only and never recomputes. The framework is the district's current one; when a district
has two current frameworks side by side (two lineages imported), it is the first in the frameworks' own order
(title, then newest version).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from proficio.proficiency.models import GraduationStatus, StandardResult
from proficio.roster.models import Student
from proficio.standards.models import Framework


@dataclass(frozen=True)
class Standing:
    """Where the student stands: no framework (and nothing else) when the district has adopted none yet."""

    framework: Framework | None
    results: dict[int, StandardResult] = field(default_factory=dict)  # by standard id, each with its level
    graduation: GraduationStatus | None = None


def current_framework(student: Student) -> Framework | None:
    """The framework the student's district uses now (one query)."""
    return student.school.district.frameworks.filter(is_current=True).first()


def standard_results(student: Student, framework: Framework) -> dict[int, StandardResult]:
    """The student's cached result on each standard of the framework that has one, by standard id (one query)."""
    return {r.standard_id: r for r in student.standard_results.filter(framework=framework).select_related("level")}


def standing_of(student: Student) -> Standing:
    """The student's results and graduation status on their district's current framework (three queries)."""
    framework = current_framework(student)
    if framework is None:
        return Standing(None)
    graduation = student.graduation_statuses.filter(framework=framework).first()
    return Standing(framework, standard_results(student, framework), graduation)
