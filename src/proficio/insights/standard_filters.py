"""The filters of "proficiency by standard": what a reader may choose for one school, and reading their choice.

Only what is offered is accepted: a course, section or term id that is not the school's is ignored, as an
unknown grade is, so a crafted URL can narrow the view but never widen it to another school's students.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from proficio.insights.distribution import InView
from proficio.insights.readiness import HIGH_SCHOOL_GRADES, school_year_name
from proficio.proficiency.models import TermSnapshot
from proficio.roster.models import AcademicSession, Course, School, Section


@dataclass(frozen=True)
class FilterChoices:
    grades: tuple[int, ...]
    courses: list[tuple[int, str]]
    sections: list[tuple[int, str]]
    terms: list[tuple[int, str]]  # past terms with a snapshot of this school


def choices(school: School) -> FilterChoices:
    """What may be chosen for this school (already checked as the reader's)."""
    courses = Course.objects.filter(school=school).exclude(grade__lt=9).order_by("title")
    sections = (
        Section.objects.filter(course__in=courses)
        .select_related("course", "session")
        .order_by("-session__school_year", "course__title", "name")
    )
    snapshotted = TermSnapshot.objects.filter(school=school, students__gt=0).values("term_id")
    terms = AcademicSession.objects.filter(pk__in=snapshotted).order_by("-end_date")
    return FilterChoices(
        HIGH_SCHOOL_GRADES,
        [(course.pk, course.title) for course in courses],
        [
            (section.pk, f"{section.course.title} — {section.name}, {school_year_name(section.session.school_year)}")
            for section in sections
        ],
        [(term.pk, f"{term.title} {school_year_name(term.school_year)} (end of term)") for term in terms],
    )


def _chosen(query: Mapping[str, str], key: str, offered: set[int]) -> int | None:
    value = query.get(key, "")
    return int(value) if value.isdigit() and int(value) in offered else None


def read_view(query: Mapping[str, str], offered: FilterChoices) -> InView:
    """The reader's choice from the query string, keeping only what was offered."""
    return InView(
        grade=_chosen(query, "grade", set(offered.grades)),
        course_id=_chosen(query, "course", {pk for pk, _ in offered.courses}),
        section_id=_chosen(query, "section", {pk for pk, _ in offered.sections}),
        term_id=_chosen(query, "term", {pk for pk, _ in offered.terms}),
    )
