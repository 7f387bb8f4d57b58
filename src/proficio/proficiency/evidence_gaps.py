"""Students who still lack enough evidence on what their class has assessed, as the term closes.

A teacher needs this list before levels are reported: for each student, the indicators the section has
assessed summatively on which the student has no level yet ("insufficient evidence" or no score at all), so
the last weeks of the term can go to gathering exactly that evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from proficio.evidence.models import Assessment
from proficio.proficiency.models import IndicatorResult
from proficio.roster.models import AcademicSession, Enrollment, Section, Student
from proficio.standards.models import PerformanceIndicator, Standard


@dataclass
class ClosingTerm:
    session: AcademicSession
    as_of: date

    @property
    def days_left(self) -> int:
        return (self.session.end_date - self.as_of).days

    @property
    def ended(self) -> bool:
        return self.days_left < 0


@dataclass
class StudentGap:
    student: Student
    section: Section
    indicators: list[PerformanceIndicator] = field(default_factory=list)


def closing_term(year: AcademicSession, as_of: date) -> ClosingTerm:
    """The shortest reporting period of ``year`` that contains ``as_of``, else the one that ended last
    (in the summer, last term's gaps are still what matters), else the year itself."""
    periods = list(AcademicSession.objects.filter(parent=year)) + list(
        AcademicSession.objects.filter(parent__parent=year)
    )
    running = [p for p in periods if p.start_date <= as_of <= p.end_date]
    if running:
        return ClosingTerm(min(running, key=lambda p: p.end_date - p.start_date), as_of)
    ended = [p for p in periods if p.end_date < as_of]
    if ended:
        latest = max(p.end_date for p in ended)
        return ClosingTerm(
            min((p for p in ended if p.end_date == latest), key=lambda p: p.end_date - p.start_date), as_of
        )
    return ClosingTerm(year, as_of)


def evidence_gaps(
    sections: QuerySet[Section], as_of: date | None = None, limit: int = 12
) -> tuple[ClosingTerm | None, list[StudentGap], int]:
    """The closing term, the students with the most indicators still lacking a level (up to ``limit``), and
    how many students have any such gap in all."""
    as_of = as_of or timezone.localdate()
    sections = sections.select_related("session")
    first = sections.first()
    if first is None:
        return None, [], 0
    term = closing_term(first.session.parent or first.session, as_of)
    alignment = Assessment.indicators.through.objects
    assessed = (
        alignment.filter(assessment__section__in=sections, assessment__kind=Assessment.Kind.SUMMATIVE)
        .exclude(performanceindicator__standard__kind=Standard.Kind.WORK_HABIT)
        .values_list("assessment__section_id", "performanceindicator_id")
        .distinct()
    )
    per_section: dict[int, set[int]] = {}
    for section_id, indicator_id in assessed:
        per_section.setdefault(section_id, set()).add(indicator_id)
    enrolled = Enrollment.objects.filter(section__in=sections, role=Enrollment.Role.STUDENT).values_list(
        "section_id", "user_id"
    )
    students = {
        s.user_id: s for s in Student.objects.filter(user_id__in=[u for _, u in enrolled]).select_related("user")
    }
    all_indicators = {i for ids in per_section.values() for i in ids}
    with_level = set(
        IndicatorResult.objects.filter(
            student__in=students.values(), indicator_id__in=all_indicators, level__isnull=False
        ).values_list("student_id", "indicator_id")
    )
    indicators = {
        i.pk: i
        for i in PerformanceIndicator.objects.filter(pk__in=all_indicators).order_by(
            "standard__position", "position", "code"
        )
    }
    section_by_id = {s.pk: s for s in sections}
    gaps = []
    for section_id, user_id in enrolled:
        student = students.get(user_id)
        if student is None or not student.is_active:
            continue
        missing = [indicators[i] for i in per_section.get(section_id, ()) if (student.pk, i) not in with_level]
        if missing:
            missing.sort(key=lambda i: (i.standard_id, i.position, i.code))
            gaps.append(StudentGap(student, section_by_id[section_id], missing))
    gaps.sort(key=lambda g: (-len(g.indicators), g.student.user.last_name, g.student.user.first_name))
    return term, gaps[:limit], len(gaps)
