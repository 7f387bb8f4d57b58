"""The leaders' pages: the schools one may see, and a school's graduation readiness by cohort and group.

Every figure is computed by ``readiness`` from the graduation statuses the engine keeps; every group figure
goes through small-group suppression. Student rows (the at-risk list and its CSV) only for those who may read
the students (``scope.sees_students``): a coach gets the same page without them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from proficio.accounts.models import Role, User
from proficio.audit.services import record_export
from proficio.insights import (
    consistency,
    distribution,
    flag_register,
    interventions,
    readiness,
    standard_filters,
    student_list,
)
from proficio.insights import district as district_readiness
from proficio.insights.access import request_user, school_for, school_with_students
from proficio.insights.exports import csv_response, percent
from proficio.insights.scope import insight_schools, sees_students
from proficio.insights.suppression import minimum_group_size
from proficio.roster.models import District, School

AT_RISK_ON_PAGE = 25


@dataclass(frozen=True)
class AtRiskLine:
    student_id: int
    name: str
    grade: int
    met: int
    expected: int
    required: int
    missing: tuple[str, ...]


@dataclass(frozen=True)
class SchoolReadiness:
    """What the school page shows: the cohorts with their breakdowns and, for those who may, the students furthest
    behind (the rest of those at risk are one link away)."""

    school: School
    cohorts: list[readiness.CohortFigure]
    at_risk: list[AtRiskLine] | None  # None: this reader sees aggregates only
    at_risk_total: int
    minimum: int
    shares: dict[int, float]


def _at_risk_line(row: readiness.ReadinessRow, shares: Mapping[int, float]) -> AtRiskLine:
    return AtRiskLine(row.student_id, row.name, row.grade, row.met, row.expected(shares), row.required, row.missing)


def school_readiness(user: User, school: School) -> SchoolReadiness:
    """Counted by the database (``district``), so a school of thousands is read as grouped rows."""
    ids, minimum, shares = [school.pk], minimum_group_size(), readiness.on_track_shares()  # the school is the user's
    figures = district_readiness.cohorts(
        ids, readiness.school_day(ids, timezone.localdate()), dimensions=readiness.DIMENSIONS, minimum=minimum
    )
    total, first = district_readiness.furthest_behind(ids, limit=AT_RISK_ON_PAGE)
    students = [_at_risk_line(row, shares) for row in first] if sees_students(user, school) else None
    return SchoolReadiness(school, figures, students, total, minimum, shares)


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """The schools one may see; for a district's administrators, the district's readiness above them."""
    user = request_user(request)
    schools = list(insight_schools(user))
    if not schools:
        raise Http404("No insights for you here.")
    administered = set(user.memberships.active().filter(role=Role.DISTRICT_ADMIN).values_list("district_id", flat=True))
    overviews = [
        district_overview(district_schools)
        for district_id, district_schools in _by_district(schools).items()
        if district_id in administered
    ]
    context = {"schools": schools, "overviews": overviews, "labels": readiness.DIMENSION_LABELS}
    return render(request, "insights/index.html", context)


@dataclass(frozen=True)
class DistrictOverview:
    district: District
    schools: list[district_readiness.SchoolReadinessLine]
    cohorts: list[readiness.CohortFigure]
    minimum: int


def _by_district(schools: list[School]) -> dict[int, list[School]]:
    grouped: dict[int, list[School]] = {}
    for found in schools:
        grouped.setdefault(found.district_id, []).append(found)
    return grouped


def district_overview(schools: list[School]) -> DistrictOverview:
    """A district's high schools (all found among the reader's own) and its classes by group, counted in SQL."""
    high = [found for found in schools if found.highest_grade >= 9]
    ids = [found.pk for found in high]
    minimum = minimum_group_size()
    figures = district_readiness.cohorts(
        ids, readiness.school_day(ids, timezone.localdate()), dimensions=readiness.DIMENSIONS, minimum=minimum
    )
    return DistrictOverview(schools[0].district, district_readiness.school_lines(high), figures, minimum)


@dataclass(frozen=True)
class StandardsView:
    """Proficiency by standard for the students and the moment chosen, with its chart and what may be chosen."""

    view: distribution.InView
    offered: standard_filters.FilterChoices
    rows: list[distribution.StandardDistribution]
    spec: dict[str, object]
    alternative: str

    @property
    def described(self) -> str:
        """The choice in words, for the heading: "grade 12, English 9 — period 1, Semester 1 2025–26 (end of term)"."""
        parts = [f"grade {self.view.grade}"] if self.view.grade else []
        if self.view.section_id:
            parts.append(dict(self.offered.sections)[self.view.section_id])
        elif self.view.course_id:
            parts.append(dict(self.offered.courses)[self.view.course_id])
        if self.view.term_id:
            parts.append(dict(self.offered.terms)[self.view.term_id])
        return ", ".join(parts)


def _grade(request: HttpRequest) -> int | None:
    """The ``grade`` filter: one of the high-school grades, or None for all (anything else is ignored)."""
    value = request.GET.get("grade", "")
    return int(value) if value.isdigit() and int(value) in readiness.HIGH_SCHOOL_GRADES else None


def standards_view(school: School, query: Mapping[str, str]) -> StandardsView:
    offered = standard_filters.choices(school)  # the school was found among the user's own
    view = standard_filters.read_view(query, offered)
    rows = distribution.distribution([school.pk], view=view)
    spec = distribution.chart_spec(rows) if rows else {}
    return StandardsView(view, offered, rows, spec, distribution.alternative(rows))


@login_required
@require_safe
def school(request: HttpRequest, school_id: int) -> HttpResponse:
    found = school_for(request, school_id)
    page = school_readiness(request_user(request), found)
    return render(
        request,
        "insights/school.html",
        {
            "page": page,
            "labels": readiness.DIMENSION_LABELS,
            "standards": standards_view(found, request.GET),
            "effectiveness": interventions.school_effectiveness(school_ids=[found.pk]),
        },
    )


@login_required
@require_safe
def readiness_csv(request: HttpRequest, school_id: int) -> HttpResponse:
    """The cohort and group figures as CSV; hidden groups are written as hidden, never as numbers."""
    found = school_for(request, school_id)
    page = school_readiness(request_user(request), found)
    response, out = csv_response(f"readiness-school-{found.pk}.csv")
    out.writerow(["class of", "grade", "breakdown", "group", "students", "on track", "share on track", "gap (points)"])
    for cohort in page.cohorts:
        overall = cohort.all_students
        out.writerow(
            [
                cohort.cohort,
                cohort.grade,
                "all students",
                "",
                overall.students,
                overall.on_track,
                percent(overall.share),
                "",
            ]
        )
        for dimension, groups in cohort.breakdowns.items():
            for figure in groups:
                if figure.tally is None:
                    out.writerow(
                        [cohort.cohort, cohort.grade, dimension, figure.group, "hidden", "hidden", "hidden", "hidden"]
                    )
                else:
                    out.writerow(
                        [
                            cohort.cohort,
                            cohort.grade,
                            dimension,
                            figure.group,
                            figure.tally.students,
                            figure.tally.on_track,
                            percent(figure.tally.share),
                            figure.gap,
                        ]
                    )
    record_export("graduation readiness (CSV)", actor=request_user(request), obj=found, request=request)
    return response


@login_required
@require_safe
def at_risk_csv(request: HttpRequest, school_id: int) -> HttpResponse:
    """The students not on track and what each lacks — for leaders and district admins only."""
    found = school_with_students(
        request, school_id, why="Student lists are for school leaders and district administrators."
    )
    shares = readiness.on_track_shares()
    response, out = csv_response(f"at-risk-school-{found.pk}.csv")
    out.writerow(["student", "grade", "standards met", "expected by now", "required", "not yet met"])
    for row in (_at_risk_line(r, shares) for r in readiness.at_risk(readiness.load_rows([found.pk]))):
        out.writerow([row.name, row.grade, row.met, row.expected, row.required, " ".join(row.missing)])
    record_export("students at risk of not graduating (CSV)", actor=request_user(request), obj=found, request=request)
    return response


@dataclass(frozen=True)
class NamedSpread:
    """A spread as leaders see it: each teacher's name beside their figures."""

    spread: consistency.Spread
    names: dict[int, str]


def _measure(request: HttpRequest) -> str:
    """Which levels the consistency pages compare: first scores (the default) or final levels."""
    return "final" if request.GET.get("measure") == "final" else "first"


@login_required
@require_safe
def consistency_page(request: HttpRequest, school_id: int) -> HttpResponse:
    """Each course and indicator two or more teachers scored: the levels each gives, far-from-peers flagged."""
    found = school_with_students(
        request, school_id, why="Grading consistency is for school leaders and district administrators."
    )
    measure = _measure(request)
    spreads = consistency.spreads(
        consistency.measured([found.pk], measure, since=readiness.school_year_start([found.pk], timezone.localdate()))
    )
    names = {
        user.pk: user.get_full_name() or user.username
        for user in User.objects.filter(pk__in={t.teacher_id for s in spreads for t in s.teachers})
    }
    context = {
        "school": found,
        "spreads": [NamedSpread(spread, names) for spread in spreads],
        "measure": measure,
        "measures": consistency.MEASURES,
        "minimum": consistency.MINIMUM_SCORES,
        "threshold": consistency.THRESHOLD,
    }
    return render(request, "insights/consistency.html", context)


@dataclass(frozen=True)
class OwnPosition:
    """A teacher's own figures on one course and indicator, against the others' unnamed pooled figures."""

    course: str
    indicator: str
    mine: consistency.TeacherSpread
    others_levels: dict[float, int]
    levels: list[float]


@login_required
@require_safe
def my_grading(request: HttpRequest) -> HttpResponse:
    """A teacher's own grading against the anonymous spread of colleagues who score the same indicators."""
    user = request_user(request)
    school_ids = list(user.memberships.active().filter(role=Role.TEACHER).values_list("school_id", flat=True))
    if not school_ids:
        raise Http404("This page is for teachers.")
    positions = []
    measure = _measure(request)
    scores = consistency.measured(
        school_ids, measure, since=readiness.school_year_start(school_ids, timezone.localdate())
    )
    for spread in consistency.spreads(scores):
        mine = next((t for t in spread.teachers if t.teacher_id == user.pk), None)
        if mine is None:
            continue
        others: dict[float, int] = {}
        for teacher in spread.teachers:
            if teacher.teacher_id != user.pk:
                for level, n in teacher.levels.items():
                    others[level] = others.get(level, 0) + n
        positions.append(OwnPosition(spread.course, spread.indicator, mine, others, spread.levels))
    context = {
        "positions": positions,
        "measure": measure,
        "measures": consistency.MEASURES,
        "threshold": consistency.THRESHOLD,
        "minimum": consistency.MINIMUM_SCORES,
    }
    return render(request, "insights/my_grading.html", context)


@login_required
@require_safe
def students_page(request: HttpRequest, school_id: int) -> HttpResponse:
    """The school's high-school students, of one grade (``?grade=``) or all, only those at risk
    (``?status=at-risk``) or every one, each linked to their progress."""
    found = school_with_students(
        request, school_id, why="Student lists are for school leaders and district administrators."
    )
    grade, at_risk = _grade(request), request.GET.get("status") == "at-risk"
    flag_register.refresh(school_ids=[found.pk])  # the school was found among the user's own
    lines = student_list.student_lines([found.pk], grade=grade)
    if at_risk:
        lines = [line for line in lines if not line.on_track]
    context = {
        "school": found,
        "lines": lines,
        "grade": grade,
        "at_risk": at_risk,
        "grades": readiness.HIGH_SCHOOL_GRADES,
    }
    return render(request, "insights/students.html", context)


@login_required
@require_safe
def students_csv(request: HttpRequest, school_id: int) -> HttpResponse:
    found = school_with_students(
        request, school_id, why="Student lists are for school leaders and district administrators."
    )
    grade = _grade(request)
    response, out = csv_response(f"students-school-{found.pk}{f'-grade-{grade}' if grade else ''}.csv")
    out.writerow(
        ["student", "grade", "class of", "standards met", "required", "expected by now", "on track", "open flags"]
    )
    for line in student_list.student_lines([found.pk], grade=grade):
        on_track = "yes" if line.on_track else "no"
        out.writerow(
            [line.name, line.grade, line.cohort, line.met, line.required, line.expected, on_track, line.open_flags]
        )
    record_export(
        "high-school students and their standing (CSV)", actor=request_user(request), obj=found, request=request
    )
    return response
