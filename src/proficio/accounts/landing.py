"""What each role's landing page shows: only what that user may see, gathered in a few queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from proficio.accounts.models import Role, User
from proficio.evidence.models import Assessment, NotAssessed, Score
from proficio.learners.models import AssessmentRequest
from proficio.learners.services import advisee_rows
from proficio.proficiency.evidence_gaps import evidence_gaps
from proficio.proficiency.models import GraduationStatus, StandardResult
from proficio.roster.models import Enrollment, School, Section, Student, student_grade_name
from proficio.standards.models import Framework, PerformanceIndicator, Standard


@dataclass
class Panel:
    role: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def _roles(user: User) -> set[str]:
    roles = set(user.memberships.active().values_list("role", flat=True))
    if hasattr(user, "student_profile"):
        roles.add(Role.STUDENT)
    if hasattr(user, "guardian_profile"):
        roles.add(Role.GUARDIAN)
    return roles


def _section_rows(sections: QuerySet[Section]) -> QuerySet[Section]:
    return (
        sections.select_related("course", "session")
        .annotate(
            student_count=Count("enrollments", filter=Q(enrollments__role=Enrollment.Role.STUDENT), distinct=True),
            assessment_count=Count("assessments", distinct=True),
            last_assessed=Max("assessments__assessed_on"),
        )
        .order_by("period", "course__title")
    )


def _count(rows: QuerySet[Any], key: str) -> Coalesce:
    """How many of ``rows`` belong to the outer row (``key`` = its primary key), as a scalar subquery."""
    counted = rows.filter(**{key: OuterRef("pk")}).order_by().values(key).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def waiting_to_be_scored(sections: QuerySet[Section], limit: int = 8) -> list[dict[str, Any]]:
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
            n_indicators=_count(Assessment.indicators.through.objects, "assessment_id"),
            n_scored=_count(Score.objects.current(), "assessment_id"),
            n_absent=_count(NotAssessed.objects.all(), "assessment_id"),
            n_retakers=_count(Assessment.retakers.through.objects, "assessment_id"),
        )
        .order_by("-assessed_on", "-pk")
    )
    waiting = []
    for assessment in candidates:
        # A re-assessment given to some students is scored only for them; otherwise, for the whole section.
        takers = assessment.n_retakers or students.get(assessment.section_id, 0)
        slots = (takers - assessment.n_absent) * assessment.n_indicators
        if assessment.n_scored < slots:
            waiting.append({"assessment": assessment, "scored": assessment.n_scored, "slots": slots})
            if len(waiting) == limit:
                break
    return waiting


def standards_needing_attention(sections: QuerySet[Section], limit: int = 8) -> list[dict[str, Any]]:
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


def pending_requests(user: User, sections: QuerySet[Section], limit: int = 8) -> list[AssessmentRequest]:
    """Students' "show what I know" requests waiting for an answer in these sections, oldest first."""
    waiting = AssessmentRequest.objects.for_user(user).filter(
        section__in=sections, status=AssessmentRequest.Status.PENDING
    )
    return list(waiting.select_related("student__user", "indicator", "section").order_by("created_at", "pk")[:limit])


def share(part: int, whole: int) -> str:
    """A percentage for people to read: whole numbers, and "<1%" rather than a misleading "0%"."""
    if not whole:
        return "—"
    percent = 100 * part / whole
    return "<1%" if 0 < percent < 0.5 else f"{round(percent)}%"


def _school_summary(school: School, *, named: bool) -> dict[str, Any]:
    students = school.students.filter(is_active=True)
    by_grade = [
        {**row, "label": student_grade_name(row["grade"])}
        for row in students.values("grade").annotate(n=Count("id")).order_by("grade")
    ]
    total = sum(row["n"] for row in by_grade)
    groups = [
        ("Economically disadvantaged", students.filter(economically_disadvantaged=True).count()),
        ("English learners", students.filter(english_learner=True).count()),
        ("Students with disabilities", students.filter(disability=True).count()),
    ]
    race_rows = students.exclude(race_ethnicity="").values("race_ethnicity").annotate(n=Count("id")).order_by("-n")
    race_labels = dict(Student.RaceEthnicity.choices)
    return {
        "school": school,
        "student_total": total,
        "by_grade": by_grade,
        "subgroups": [(label, n, share(n, total)) for label, n in groups],
        "race": [(race_labels[row["race_ethnicity"]], row["n"], share(row["n"], total)) for row in race_rows],
        "teacher_count": school.memberships.filter(role=Role.TEACHER, is_active=True).count(),
        "section_count": Section.objects.filter(course__school=school).count(),
        "summative_count": Assessment.objects.filter(section__course__school=school, kind="summative").count(),
        "named": named,
    }


def _graduation_for_student(student: Student) -> GraduationStatus | None:
    return GraduationStatus.objects.filter(
        student=student, framework__is_current=True, framework__district=student.school.district
    ).first()


def _standards_for_student(student: Student) -> list[dict[str, Any]]:
    framework = Framework.objects.filter(is_current=True, district=student.school.district).first()
    if framework is None:
        return []
    results = {
        r.standard_id: r
        for r in StandardResult.objects.filter(student=student, framework=framework).select_related("level")
    }
    counts = dict(
        Score.objects.current()
        .summative()
        .filter(student=student, indicator__standard__framework=framework)
        .values_list("indicator__standard_id")
        .annotate(n=Count("id"))
    )
    groups: dict[str, list[dict[str, Any]]] = {}
    for standard in framework.standards.order_by("position", "code"):
        if standard.is_work_habit:
            continue  # reported apart from academic proficiency
        label = standard.get_content_area_display() if standard.content_area else standard.get_kind_display()
        groups.setdefault(label, []).append(
            {"standard": standard, "evidence": counts.get(standard.pk, 0), "result": results.get(standard.pk)}
        )
    return [{"label": label, "standards": rows} for label, rows in groups.items()]


def _student_detail(student: Student) -> dict[str, Any]:
    sections = (
        Section.objects.filter(enrollments__user=student.user, enrollments__role=Enrollment.Role.STUDENT)
        .select_related("course", "session")
        .order_by("period")
    )
    teachers = {
        e.section_id: e.user
        for e in Enrollment.objects.filter(
            section__in=sections, role=Enrollment.Role.TEACHER, primary=True
        ).select_related("user")
    }
    current = student.scores.current().select_related("indicator", "assessment", "outside_evidence")
    recent = current.exclude(indicator__standard__kind=Standard.Kind.WORK_HABIT).order_by("-scored_at", "-id")[:8]
    habits = current.filter(indicator__standard__kind=Standard.Kind.WORK_HABIT).order_by("-scored_at", "-id")
    latest_habits: dict[int, Score] = {}
    for score in habits[:40]:
        latest_habits.setdefault(score.indicator_id, score)
    return {
        "student": student,
        "courses": [{"section": s, "teacher": teachers.get(s.pk)} for s in sections],
        "recent": recent,
        "habits": sorted(latest_habits.values(), key=lambda score: score.indicator.code),
        "standard_groups": _standards_for_student(student),
        "graduation": _graduation_for_student(student),
    }


def panels_for(user: User) -> list[Panel]:
    roles = _roles(user)
    panels: list[Panel] = []
    if Role.DISTRICT_ADMIN in roles:
        districts = [m.district for m in user.memberships.active().filter(role=Role.DISTRICT_ADMIN)]
        rows = []
        for district in districts:
            schools = School.objects.filter(district=district).annotate(
                student_count=Count("students", filter=Q(students__is_active=True), distinct=True),
                course_count=Count("courses", distinct=True),
            )
            frameworks = Framework.objects.filter(district=district, is_current=True).annotate(
                standard_count=Count("standards", filter=~Q(standards__kind=Standard.Kind.WORK_HABIT))
            )
            rows.append({"district": district, "schools": schools, "frameworks": frameworks})
        panels.append(Panel(Role.DISTRICT_ADMIN, "Your district", "accounts/panels/district.html", {"districts": rows}))
    for role, title, named in [
        (Role.SCHOOL_LEADER, "Your school", True),
        (Role.COACH, "Schools you coach", False),
    ]:
        if role in roles:
            schools = [m.school for m in user.memberships.active().filter(role=role).select_related("school")]
            summaries = [_school_summary(s, named=named) for s in schools if s is not None]
            leads = role == Role.SCHOOL_LEADER
            context = {"summaries": summaries, "can_import_frameworks": leads, "leads": leads}
            panels.append(Panel(role, title, "accounts/panels/school.html", context))
    if Role.TEACHER in roles:
        # pk__in rather than a join on enrollments, so the student count below is not limited to this teacher.
        taught = Section.objects.taught_by(user)
        panels.append(
            Panel(
                Role.TEACHER,
                "Your sections",
                "accounts/panels/teacher.html",
                {
                    "sections": _section_rows(taught),
                    "to_score": waiting_to_be_scored(taught),
                    "standards": standards_needing_attention(taught),
                    "gaps": dict(zip(("term", "students", "total"), evidence_gaps(taught), strict=True)),
                    "requests": pending_requests(user, taught),
                },
            )
        )
    if Role.ADVISOR in roles:
        advisees = (
            Student.objects.for_user(user)
            .filter(advisories__advisor=user, advisories__is_active=True)
            .select_related("user", "school")
        )
        panels.append(
            Panel(Role.ADVISOR, "Your advisees", "accounts/panels/advisor.html", {"advisees": advisee_rows(advisees)})
        )
    if Role.STUDENT in roles:
        panels.append(
            Panel(
                Role.STUDENT,
                _("Your learning"),
                "accounts/panels/student.html",
                _student_detail(user.student_profile),
            )
        )
    if Role.GUARDIAN in roles:
        children = (
            Student.objects.for_user(user)
            .filter(guardian_links__guardian__user=user, guardian_links__is_active=True)
            .select_related("user", "school", "school__district")
        )
        panels.append(
            Panel(
                Role.GUARDIAN,
                _("Your children"),
                "accounts/panels/guardian.html",
                {"children": [_student_detail(child) for child in children]},
            )
        )
    return panels
