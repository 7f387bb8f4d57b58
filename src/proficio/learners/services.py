"""What the learner pages show and the changes they make: strengths from results, a student's path and pace,
the advisor's view of their advisees, and a teacher's answer to a "show what I know" request."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from proficio.accounts.models import User
from proficio.evidence.models import Assessment
from proficio.evidence.services import create_assessment
from proficio.learners.models import AssessmentRequest, Goal, PathStep
from proficio.learners.pace import Pace, pace
from proficio.proficiency.models import IndicatorResult, StandardResult
from proficio.roster.models import Enrollment, Section, Student
from proficio.standards.models import Standard

STRENGTHS_SHOWN = 4
DUE_SOON_DAYS = 14


def strengths_and_areas(student: Student, limit: int = STRENGTHS_SHOWN) -> dict[str, list[Any]]:
    """The standards and indicators where the student's current levels are highest (proficient) and lowest
    (not yet proficient), from the result cache of the district's current framework. Work habits apart."""
    current = Q(framework__is_current=True, framework__district_id=student.school.district_id, level__isnull=False)
    standards = list(
        StandardResult.objects.filter(current, student=student)
        .exclude(standard__kind=Standard.Kind.WORK_HABIT)
        .select_related("standard", "level")
    )
    indicators = list(
        IndicatorResult.objects.filter(current, student=student)
        .exclude(indicator__standard__kind=Standard.Kind.WORK_HABIT)
        .select_related("indicator__standard", "level")
    )

    def top(rows: list[Any], code: str) -> list[Any]:
        strong = [r for r in rows if r.is_proficient]
        return sorted(strong, key=lambda r: (-r.level.value, getattr(r, code).code))[:limit]

    def bottom(rows: list[Any], code: str) -> list[Any]:
        weak = [r for r in rows if not r.is_proficient]
        return sorted(weak, key=lambda r: (r.level.value, getattr(r, code).code))[:limit]

    return {
        "strong_standards": top(standards, "standard"),
        "grow_standards": bottom(standards, "standard"),
        "strong_indicators": top(indicators, "indicator"),
        "grow_indicators": bottom(indicators, "indicator"),
    }


def student_sections(student: Student) -> QuerySet[Section]:
    return Section.objects.filter(
        enrollments__user_id=student.user_id, enrollments__role=Enrollment.Role.STUDENT
    ).select_related("course", "session")


def is_enrolled(student: Student, section: Section) -> bool:
    return section.enrollments.filter(user_id=student.user_id, role=Enrollment.Role.STUDENT).exists()


@dataclass
class PathRow:
    step: PathStep
    result: IndicatorResult | None
    options: list[Any] = field(default_factory=list)
    pending: AssessmentRequest | None = None

    @property
    def proficient(self) -> bool:
        return bool(self.result and self.result.is_proficient)


def _term_dates(section: Section) -> tuple[date, date]:
    return section.session.start_date, section.session.end_date


def path_steps(section: Section) -> list[PathStep]:
    return list(section.path_steps.select_related("indicator__standard", "objective").prefetch_related("options"))


def student_path(section: Section, student: Student, today: date | None = None) -> tuple[list[PathRow], Pace]:
    """The section's path as this student walks it: their current level on each step, and their pace."""
    today = today or timezone.localdate()
    steps = path_steps(section)
    indicator_ids = {s.indicator_id for s in steps}
    results = {
        r.indicator_id: r
        for r in IndicatorResult.objects.filter(student=student, indicator_id__in=indicator_ids).select_related("level")
    }
    pending = {
        r.indicator_id: r
        for r in student.assessment_requests.filter(section=section, status=AssessmentRequest.Status.PENDING)
    }
    rows = [
        PathRow(
            step=s,
            result=results.get(s.indicator_id),
            options=list(s.options.all()),
            pending=pending.get(s.indicator_id),
        )
        for s in steps
    ]
    proficient = sum(1 for i in indicator_ids if results.get(i) is not None and results[i].is_proficient)
    start, end = _term_dates(section)
    return rows, pace(proficient, len(indicator_ids), start=start, end=end, today=today)


def paces_for(students: list[Student], today: date | None = None) -> dict[int, list[tuple[Section, Pace]]]:
    """Each student's pace in every section of theirs that has a learning path, in four queries for them all."""
    today = today or timezone.localdate()
    by_user = {s.user_id: s.pk for s in students}
    enrolled = (
        Enrollment.objects.filter(user_id__in=by_user, role=Enrollment.Role.STUDENT, section__path_steps__isnull=False)
        .values_list("user_id", "section_id")
        .distinct()
    )
    sections_of: dict[int, set[int]] = {}
    for user_id, section_id in enrolled:
        sections_of.setdefault(by_user[user_id], set()).add(section_id)
    section_ids = {i for ids in sections_of.values() for i in ids}
    if not section_ids:
        return {}
    sections = Section.objects.filter(pk__in=section_ids).select_related("course", "session").order_by("period", "pk")
    steps: dict[int, set[int]] = {}
    for section_id, indicator_id in PathStep.objects.filter(section_id__in=section_ids).values_list(
        "section_id", "indicator_id"
    ):
        steps.setdefault(section_id, set()).add(indicator_id)
    proficient: dict[int, set[int]] = {}
    for student_id, indicator_id in IndicatorResult.objects.filter(
        student_id__in=sections_of, is_proficient=True, indicator_id__in={i for ids in steps.values() for i in ids}
    ).values_list("student_id", "indicator_id"):
        proficient.setdefault(student_id, set()).add(indicator_id)
    paces: dict[int, list[tuple[Section, Pace]]] = {}
    for section in sections:
        ids = steps.get(section.pk, set())
        start, end = _term_dates(section)
        for student_id, mine in sections_of.items():
            if section.pk in mine:
                done = len(ids & proficient.get(student_id, set()))
                paces.setdefault(student_id, []).append(
                    (section, pace(done, len(ids), start=start, end=end, today=today))
                )
    return paces


def student_paces(student: Student, today: date | None = None) -> list[tuple[Section, Pace]]:
    """The student's pace in every section of theirs that has a learning path."""
    return paces_for([student], today).get(student.pk, [])


def advisee_rows(advisees: QuerySet[Student], today: date | None = None) -> list[dict[str, Any]]:
    """For the advisor's home: each advisee's goals due soon or overdue, whether they are off pace anywhere,
    and how many graduation standards they are below proficient on."""
    today = today or timezone.localdate()
    students = list(advisees)
    ids = [s.pk for s in students]
    goals: dict[int, list[Goal]] = {}
    for goal in Goal.objects.filter(
        student_id__in=ids, status=Goal.Status.ACTIVE, target_date__lte=today + timedelta(days=DUE_SOON_DAYS)
    ).select_related("indicator", "standard"):
        goals.setdefault(goal.student_id, []).append(goal)
    below = dict(
        StandardResult.objects.filter(
            student_id__in=ids, framework__is_current=True, level__isnull=False, is_proficient=False
        )
        .exclude(standard__kind=Standard.Kind.WORK_HABIT)
        .values_list("student_id")
        .annotate(n=Count("id"))
    )
    paces = paces_for(students, today)
    rows = []
    for student in students:
        mine = goals.get(student.pk, [])
        behind = [section for section, p in paces.get(student.pk, []) if p.off_pace]
        rows.append(
            {
                "student": student,
                "overdue": [g for g in mine if g.target_date < today],
                "due_soon": [g for g in mine if g.target_date >= today],
                "off_pace": behind,
                "below": below.get(student.pk, 0),
            }
        )
    return rows


def _original_for(req: AssessmentRequest, on: date) -> Assessment | None:
    """The latest summative assessment of the section on the indicator, given on or before ``on``."""
    return (
        req.section.assessments.filter(
            indicators=req.indicator, kind=Assessment.Kind.SUMMATIVE, assessed_on__lte=on, retake_of__isnull=True
        )
        .order_by("-assessed_on", "-pk")
        .first()
    )


@transaction.atomic
def accept_request(req: AssessmentRequest, *, teacher: User, on: date) -> Assessment:
    """Schedule the student's assessment on ``on``: a summative assessment on the one indicator, with the
    student as its only taker (a re-assessment of the latest one on that indicator, when there is one)."""
    req = AssessmentRequest.objects.select_for_update().select_related("section", "indicator", "student").get(pk=req.pk)
    if req.status != AssessmentRequest.Status.PENDING:
        raise ValidationError("This request has already been answered.")
    original = _original_for(req, on)
    label = "Retake" if original is not None else "Show what I know"
    (assessment,) = create_assessment(
        section=req.section,
        created_by=teacher,
        fields={
            "title": f"{label}: {req.indicator.code} — {req.student}"[:200],
            "kind": Assessment.Kind.SUMMATIVE,
            "assessed_on": on,
            "description": req.note,
            "retake_of": original,
            "retakers": [req.student],
        },
        indicators=[req.indicator],
    )
    if original is None:  # create_assessment names retakers only for a re-assessment; this one is for one student
        assessment.retakers.set([req.student])
    req.status = AssessmentRequest.Status.ACCEPTED
    req.decided_by = teacher
    req.decided_at = timezone.now()
    req.assessment = assessment
    req.save()
    return assessment


@transaction.atomic
def decline_request(req: AssessmentRequest, *, teacher: User, reason: str) -> AssessmentRequest:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why, so the student knows what to do next."})
    req = AssessmentRequest.objects.select_for_update().get(pk=req.pk)
    if req.status != AssessmentRequest.Status.PENDING:
        raise ValidationError("This request has already been answered.")
    req.status = AssessmentRequest.Status.DECLINED
    req.reason = reason
    req.decided_by = teacher
    req.decided_at = timezone.now()
    req.save()
    return req
