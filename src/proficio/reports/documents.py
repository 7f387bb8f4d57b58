"""What a progress report, a report card and a transcript say, gathered for many students at once.

One template set (``reports/document.html`` around ``reports/body.html``) shows all three, on the web and in
print; this module builds its context. Everything is read in a handful of queries for a whole batch of
students (a school's report cards), never one query per student, and levels come from the engine:

- **Per course** (progress report and report card): for each standard the course assessed, the engine's
  calculation method applied to the student's current summative scores *from that course's sections*, dated
  up to the cut-off (the term's last day; for a progress report, today if the term is still running), then
  rolled up over the indicators the course assessed. Proficiency is cumulative, so evidence from earlier in
  the course counts. Work habits are computed the same way on their own scale and printed apart.
- **Transcript**: the required graduation standards with the student's current level (the result cache) and
  the date each was met — the evidence date from which the standard has been proficient ever since, found by
  replaying the engine over the student's evidence in date order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils import timezone

from proficio.engine.indicator import evaluate_indicator
from proficio.engine.rollup import rollup_standard
from proficio.engine.scales import Level
from proficio.evidence.models import OutsideEvidence
from proficio.proficiency.evidence import EvidenceRow, counted_scores
from proficio.proficiency.models import GraduationStatus, StandardResult
from proficio.proficiency.shape import FrameworkShape, StandardShape, shapes_for_indicators
from proficio.reports.models import GradePointConversion, ReportKind, TermComment
from proficio.roster.models import AcademicSession, ContentArea, Enrollment, Section, Student, student_grade_name
from proficio.standards.models import ScaleLevel, Standard

NONE = "—"


@dataclass(frozen=True)
class StandardLine:
    code: str
    title: str
    level: str  # "3 – Proficient", or "Not enough evidence yet"
    number: str  # "3", or ""
    proficient: bool
    evidence: int  # pieces of evidence behind it
    met_on: date | None = None  # transcript only


@dataclass
class CourseBlock:
    title: str
    code: str
    content_area: str
    section: str
    teachers: str
    session: str
    standards: list[StandardLine] = field(default_factory=list)
    habits: list[StandardLine] = field(default_factory=list)
    comment: str = ""
    comment_by: str = ""


@dataclass(frozen=True)
class CourseTaken:
    title: str
    code: str
    content_area: str
    session: str
    school_year: int


@dataclass(frozen=True)
class OutsideLine:
    title: str
    kind: str
    organization: str
    started_on: date
    completed_on: date
    hours: int | None
    verified_on: date | None
    standards: str


@dataclass(frozen=True)
class ScaleLine:
    number: str
    label: str
    description: str
    threshold: bool


@dataclass
class ReportData:
    """Everything one document shows about one student."""

    kind: str
    kind_label: str
    student: Student
    name: str
    term: AcademicSession | None
    as_of: date
    school: str
    district: str
    grade: str
    courses: list[CourseBlock] = field(default_factory=list)
    graduation_met: bool | None = None
    standards_required: int = 0
    standards_met: int = 0
    graduation_standards: list[StandardLine] = field(default_factory=list)
    courses_taken: list[CourseTaken] = field(default_factory=list)
    outside: list[OutsideLine] = field(default_factory=list)
    gpa: Decimal | None = None
    gpa_note: str = ""
    scale: list[ScaleLine] = field(default_factory=list)
    habit_scale: list[ScaleLine] = field(default_factory=list)

    @property
    def title(self) -> str:
        if self.term is not None:
            return f"{self.kind_label} — {self.term.title}"
        return self.kind_label

    @property
    def is_transcript(self) -> bool:
        return self.kind == ReportKind.TRANSCRIPT

    @property
    def is_report_card(self) -> bool:
        return self.kind == ReportKind.REPORT_CARD

    @property
    def has_habits(self) -> bool:
        return any(course.habits for course in self.courses)

    @property
    def habit_grid(self) -> tuple[list[str], list[tuple[str, list[StandardLine | None]]]]:
        """Work habits as a grid: (habit titles, [(course title, that course's line per habit or None)])."""
        names: list[str] = []
        for course in self.courses:
            names.extend(line.title for line in course.habits if line.title not in names)
        rows = []
        for course in self.courses:
            if course.habits:
                by_title = {line.title: line for line in course.habits}
                rows.append((course.title, [by_title.get(name) for name in names]))
        return names, rows


def person(user: object) -> str:
    first, last = getattr(user, "first_name", ""), getattr(user, "last_name", "")
    return " ".join(p for p in (first, last) if p) or str(user)


def cutoff(kind: str, term: AcademicSession | None, today: date | None = None) -> date:
    """The last evidence date a document counts: the term's end, or today for a progress report mid-term."""
    today = today or timezone.localdate()
    if term is None:
        return today
    if kind == ReportKind.PROGRESS_REPORT:
        return min(today, term.end_date)
    return term.end_date


def _line(standard: StandardShape, level: Level | None, proficient: bool, evidence: int) -> StandardLine:
    return StandardLine(
        code=standard.code,
        title=standard.title,
        level=level.label if level is not None else "Not enough evidence yet",
        number=level.number if level is not None else "",
        proficient=proficient,
        evidence=evidence,
    )


def course_levels(
    rows: Sequence[EvidenceRow], shapes: dict[int, FrameworkShape]
) -> tuple[list[StandardLine], list[StandardLine]]:
    """(academic, work habits) lines from one student's evidence in one course, by the engine."""
    by_indicator: dict[int, list[EvidenceRow]] = defaultdict(list)
    for row in rows:
        by_indicator[row.indicator_id].append(row)
    by_standard: dict[tuple[int, StandardShape], list[int]] = defaultdict(list)
    for indicator_id in by_indicator:
        shape = shapes.get(indicator_id)
        if shape is None:
            continue
        by_standard[(shape.framework_id, shape.standard_of_indicator[indicator_id])].append(indicator_id)
    academic: list[tuple[int, StandardLine]] = []
    habits: list[tuple[int, StandardLine]] = []
    for (_, standard), indicator_ids in by_standard.items():
        shape = shapes[indicator_ids[0]]
        part = shape.part_of_indicator[indicator_ids[0]]
        ordered = [i for i in standard.indicator_ids if i in indicator_ids]
        levels = []
        count = 0
        for indicator_id in ordered:
            evidence = sorted(by_indicator[indicator_id], key=lambda r: r.order_key)
            count += len(evidence)
            levels.append(evaluate_indicator([r.value for r in evidence], part.scale, shape.policy).level)
        result = rollup_standard(levels, part.scale, shape.policy)
        position = part.standards.index(standard)
        target = academic if part is shape.academic else habits
        target.append((position, _line(standard, result.level, result.proficient, count)))
    return [line for _, line in sorted(academic, key=lambda p: p[0])], [
        line for _, line in sorted(habits, key=lambda p: p[0])
    ]


def met_since(rows: Sequence[EvidenceRow], standard: StandardShape, shape: FrameworkShape) -> date | None:
    """The evidence date from which ``standard`` has been proficient ever since (None if it is not now)."""
    part = shape.academic
    wanted = set(standard.indicator_ids)
    mine = sorted((r for r in rows if r.indicator_id in wanted), key=lambda r: r.order_key)
    since: date | None = None
    for day in sorted({r.on for r in mine}):
        levels = []
        for indicator_id in standard.indicator_ids:
            values = [r.value for r in mine if r.indicator_id == indicator_id and r.on <= day]
            levels.append(evaluate_indicator(values, part.scale, shape.policy).level if values else None)
        proficient = rollup_standard(levels, part.scale, shape.policy).proficient
        if proficient and since is None:
            since = day
        elif not proficient:
            since = None
    return since


def _scale_lines(levels: Iterable[ScaleLevel]) -> list[ScaleLine]:
    return [
        ScaleLine(level.number, level.label, level.description, level.is_threshold)
        for level in sorted(levels, key=lambda lv: lv.value, reverse=True)
    ]


def _overlapping(term: AcademicSession) -> Q:
    return Q(section__session__start_date__lte=term.end_date, section__session__end_date__gte=term.start_date)


def build(
    kind: str, students: Sequence[Student], term: AcademicSession | None, *, today: date | None = None
) -> list[ReportData]:
    """One ``ReportData`` per student (in the order given), read in a fixed number of queries."""
    if kind not in ReportKind.values:
        raise ValueError(f"unknown report kind {kind!r}")
    if kind != ReportKind.TRANSCRIPT and term is None:
        raise ValueError("progress reports and report cards need a term")
    as_of = cutoff(kind, term, today)
    students = list(students)
    user_ids = [s.user_id for s in students]
    student_of_user = {s.user_id: s for s in students}
    student_ids = [s.pk for s in students]

    # Enrolments: the term's courses (report card, progress report) or every course taken (transcript).
    enrollments = Enrollment.objects.filter(user_id__in=user_ids, role=Enrollment.Role.STUDENT).select_related(
        "section__course", "section__session"
    )
    if term is not None and kind != ReportKind.TRANSCRIPT:
        enrollments = enrollments.filter(_overlapping(term))
    sections_of: dict[int, list[Section]] = defaultdict(list)
    for enrollment in enrollments.order_by("section__course__content_area", "section__course__title", "pk"):
        sections_of[student_of_user[enrollment.user_id].pk].append(enrollment.section)
    section_ids = {section.pk for sections in sections_of.values() for section in sections}

    # Evidence: current summative scores, from the term's sections (per course) or from anywhere (transcript).
    scores = counted_scores().filter(student_id__in=student_ids)
    if kind == ReportKind.TRANSCRIPT:
        scores = scores.filter(Q(assessment__assessed_on__lte=as_of) | Q(outside_evidence__completed_on__lte=as_of))
    else:
        scores = scores.filter(assessment__section_id__in=section_ids, assessment__assessed_on__lte=as_of)
    rows_by_key: dict[tuple[int, int | None], list[EvidenceRow]] = defaultdict(list)
    indicator_ids: set[int] = set()
    for pk, student_id, indicator_id, value, assessment_id, on, outside_id, completed, section_id in scores.values_list(
        "pk",
        "student_id",
        "indicator_id",
        "value",
        "assessment_id",
        "assessment__assessed_on",
        "outside_evidence_id",
        "outside_evidence__completed_on",
        "assessment__section_id",
    ).order_by():
        if assessment_id is not None:
            row = EvidenceRow(pk, student_id, indicator_id, float(value), on, 0, assessment_id)
        else:
            row = EvidenceRow(pk, student_id, indicator_id, float(value), completed, 1, outside_id)
        rows_by_key[(student_id, section_id)].append(row)
        indicator_ids.add(indicator_id)
    shapes: dict[int, FrameworkShape] = {}
    for shape in shapes_for_indicators(indicator_ids):
        for indicator_id in shape.part_of_indicator:
            shapes[indicator_id] = shape

    teachers: dict[int, list[str]] = defaultdict(list)
    for enrollment in (
        Enrollment.objects.filter(section_id__in=section_ids, role=Enrollment.Role.TEACHER)
        .select_related("user")
        .order_by("-primary", "user__last_name")
    ):
        teachers[enrollment.section_id].append(person(enrollment.user))
    comments: dict[tuple[int, int], TermComment] = {}
    if term is not None and kind == ReportKind.REPORT_CARD:
        for comment in TermComment.objects.filter(student_id__in=student_ids, term=term).select_related("author"):
            comments[(comment.student_id, comment.section_id)] = comment

    documents = []
    for student in students:
        data = ReportData(
            kind=kind,
            kind_label=ReportKind(kind).label,
            student=student,
            name=person(student.user),
            term=term,
            as_of=as_of,
            school=student.school.name,
            district=student.school.district.name,
            grade=student_grade_name(student.grade),
        )
        if kind == ReportKind.TRANSCRIPT:
            seen = set()
            for section in sections_of[student.pk]:
                key = (section.course_id, section.session_id)
                if key in seen:
                    continue
                seen.add(key)
                data.courses_taken.append(
                    CourseTaken(
                        section.course.title,
                        section.course.code,
                        ContentArea(section.course.content_area).label if section.course.content_area else "",
                        section.session.title,
                        section.session.school_year,
                    )
                )
            data.courses_taken.sort(key=lambda c: (c.school_year, c.content_area, c.title))
        else:
            by_course: dict[int, CourseBlock] = {}
            for section in sections_of[student.pk]:
                block = by_course.get(section.course_id)
                if block is None:
                    block = by_course[section.course_id] = CourseBlock(
                        title=section.course.title,
                        code=section.course.code,
                        content_area=ContentArea(section.course.content_area).label,
                        section=section.name,
                        teachers=", ".join(teachers[section.pk]) or NONE,
                        session=section.session.title,
                    )
                    block._rows = []  # type: ignore[attr-defined]
                block._rows.extend(rows_by_key.get((student.pk, section.pk), []))  # type: ignore[attr-defined]
                comment = comments.get((student.pk, section.pk))
                if comment is not None:
                    block.comment, block.comment_by = comment.text, person(comment.author)
            for block in by_course.values():
                block.standards, block.habits = course_levels(block._rows, shapes)  # type: ignore[attr-defined]
                del block._rows  # type: ignore[attr-defined]
                data.courses.append(block)
        documents.append(data)

    _graduation(documents, kind, rows_by_key, shapes)
    _scales(documents)
    if kind == ReportKind.TRANSCRIPT:
        _outside(documents)
        _gpa(documents)
    return documents


def _graduation(
    documents: list[ReportData],
    kind: str,
    rows_by_key: dict[tuple[int, int | None], list[EvidenceRow]],
    shapes: dict[int, FrameworkShape],
) -> None:
    ids = [d.student.pk for d in documents]
    statuses = {
        g.student_id: g
        for g in GraduationStatus.objects.filter(student_id__in=ids, framework__is_current=True).order_by("pk")
    }
    for data in documents:
        status = statuses.get(data.student.pk)
        if status is not None:
            data.graduation_met = status.met
            data.standards_required, data.standards_met = status.standards_required, status.standards_met
    if kind != ReportKind.TRANSCRIPT:
        return
    results = defaultdict(dict)
    for result in StandardResult.objects.filter(
        student_id__in=ids, standard__framework__is_current=True
    ).select_related("level"):
        results[result.student_id][result.standard_id] = result
    frameworks = {shape.framework_id: shape for shape in shapes.values()}
    required = list(
        Standard.objects.filter(framework__is_current=True, required_for_graduation=True)
        .filter(framework__district__schools__students__in=ids)
        .select_related("framework")
        .distinct()
        .order_by("framework_id", "position", "code")
    )
    rows_of: dict[int, list[EvidenceRow]] = defaultdict(list)
    for (student_id, _), student_rows in rows_by_key.items():
        rows_of[student_id].extend(student_rows)
    for data in documents:
        rows = rows_of[data.student.pk]
        for standard in required:
            if standard.framework.district_id != data.student.school.district_id:
                continue
            result = results[data.student.pk].get(standard.pk)
            level = result.level if result is not None else None
            met_on = None
            shape = frameworks.get(standard.framework_id)
            if result is not None and result.is_proficient and shape is not None:
                standard_shape = next((s for s in shape.academic.standards if s.id == standard.pk), None)
                if standard_shape is not None:
                    met_on = met_since(rows, standard_shape, shape)
            data.graduation_standards.append(
                StandardLine(
                    code=standard.code,
                    title=standard.title,
                    level=level.label if level is not None else "Not enough evidence yet",
                    number=level.number if level is not None else "",
                    proficient=bool(result and result.is_proficient),
                    evidence=0,
                    met_on=met_on,
                )
            )


def _scales(documents: list[ReportData]) -> None:
    districts = {d.student.school.district_id for d in documents}
    levels = defaultdict(list)
    for level in (
        ScaleLevel.objects.filter(
            Q(scale__frameworks__district_id__in=districts, scale__frameworks__is_current=True)
            | Q(scale__work_habit_frameworks__district_id__in=districts, scale__work_habit_frameworks__is_current=True)
        )
        .distinct()
        .select_related("scale")
    ):
        levels[(level.scale.purpose, level.scale_id)].append(level)
    academic = next((v for (purpose, _), v in sorted(levels.items()) if purpose == "academic"), [])
    habits = next((v for (purpose, _), v in sorted(levels.items()) if purpose == "work_habit"), [])
    for data in documents:
        data.scale, data.habit_scale = _scale_lines(academic), _scale_lines(habits)


def _outside(documents: list[ReportData]) -> None:
    ids = [d.student.pk for d in documents]
    by_student = defaultdict(list)
    for evidence in (
        OutsideEvidence.objects.filter(student_id__in=ids, status=OutsideEvidence.Status.VERIFIED)
        .prefetch_related("indicators__standard")
        .order_by("completed_on", "pk")
    ):
        standards = sorted({i.standard.code for i in evidence.indicators.all()})
        by_student[evidence.student_id].append(
            OutsideLine(
                evidence.title,
                evidence.get_kind_display(),
                evidence.organization,
                evidence.started_on,
                evidence.completed_on,
                evidence.hours,
                timezone.localdate(evidence.verified_at) if evidence.verified_at else None,
                ", ".join(standards),
            )
        )
    for data in documents:
        data.outside = by_student[data.student.pk]


def _gpa(documents: list[ReportData]) -> None:
    """A GPA only where the school has a conversion table: the mean of its points over the student's levels on
    the academic standards of the current framework."""
    schools = {d.student.school_id for d in documents}
    tables: dict[int, dict[int, Decimal]] = defaultdict(dict)
    labels: dict[int, list[str]] = defaultdict(list)
    for row in (
        GradePointConversion.objects.filter(school_id__in=schools)
        .select_related("level")
        .order_by("school_id", "-level__value")
    ):
        tables[row.school_id][row.level_id] = row.points
        labels[row.school_id].append(f"{row.level.label} = {row.points.normalize():f}")
    if not tables:
        return
    ids = [d.student.pk for d in documents if d.student.school_id in tables]
    levels = defaultdict(list)
    for student_id, level_id in (
        StandardResult.objects.filter(student_id__in=ids, level__isnull=False, standard__framework__is_current=True)
        .exclude(standard__kind=Standard.Kind.WORK_HABIT)
        .values_list("student_id", "level_id")
    ):
        levels[student_id].append(level_id)
    for data in documents:
        table = tables.get(data.student.school_id)
        if not table:
            continue
        points = [table[level_id] for level_id in levels[data.student.pk] if level_id in table]
        if not points:
            continue
        data.gpa = (sum(points) / len(points)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        data.gpa_note = (
            f"Converted by {data.school}'s table ({'; '.join(labels[data.student.school_id])}) from the level on "
            f"each of {len(points)} academic standards, averaged. proficio reports proficiency; the GPA is "
            "shown only because the school asks for one."
        )
