"""Two districts with one person in every role, and the objects each role may or may not reach.

District A is where the objects under test live: section A1 (taught by ``teacher``) with the student
``student``, whose guardian, advisor and scores are all in A; section A2 in the same school is taught by
``other_teacher``. District B mirrors the roles, all outside A's scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.test import Client
from django.utils import timezone

from proficio.accounts.models import Membership, Role, User
from proficio.api.tokens import issue
from proficio.evidence.models import Assessment, Score
from proficio.evidence.services import record_score
from proficio.insights.models import ImprovementCycle, InterventionKind, InterventionPlan
from proficio.interop.case.exporter import framework_package
from proficio.interop.case.identity import document_identifier
from proficio.interop.models import ImportRecord
from proficio.jobs import services as job_services
from proficio.proficiency.models import IndicatorResult, StandardResult
from proficio.reports.models import IssuedReport, ReportKind
from proficio.roster.models import Advisory, Enrollment, Guardian, GuardianLink, Section, Student
from tests.authz.programs_world import programs_ids, programs_users
from tests.factories import World, make_user, make_world

ROLES = (
    "anonymous",
    "district_admin",
    "school_leader",
    "teacher",
    "other_teacher",
    "advisor",
    "coach",
    "student",
    "classmate",
    "guardian",
    "former_guardian",
    "admin_elsewhere",
    "leader_elsewhere",
    "teacher_elsewhere",
    "network_staff",
    "leadership_team",
    "network_staff_elsewhere",
)


@dataclass
class AuthzWorld:
    a: World
    b: World
    users: dict[str, User | None] = field(default_factory=dict)
    ids: dict[str, object] = field(default_factory=dict)

    _reading_clients: dict[str, Client] = field(default_factory=dict)

    def client(self, role: str) -> Client:
        """A fresh client logged in as ``role`` (anonymous for "anonymous")."""
        client = Client()
        user = self.users[role]
        if user is not None:
            client.force_login(user)
        return client

    def reading_client(self, role: str) -> Client:
        """One client per role for GET requests, which change no session; logging in is a third of a request."""
        if role not in self._reading_clients:
            self._reading_clients[role] = self.client(role)
        return self._reading_clients[role]


def _member(username: str, role: Role, world: World) -> User:
    user = make_user(username)
    if role == Role.DISTRICT_ADMIN:
        Membership.objects.create(user=user, role=role, district=world.district)
    else:
        Membership.objects.create(user=user, role=role, school=world.school)
    return user


def _student(world: World, username: str, section: Section) -> Student:
    user = make_user(username, first_name=username.title(), last_name="Learner")
    student = Student.objects.create(user=user, school=world.school, student_number=username, grade=9)
    Enrollment.objects.create(section=section, user=user, role=Enrollment.Role.STUDENT)
    Membership.objects.create(user=user, role=Role.STUDENT)
    return student


def _guardian(username: str, student: Student, *, active: bool) -> User:
    user = make_user(username)
    guardian = Guardian.objects.create(user=user)
    GuardianLink.objects.create(guardian=guardian, student=student, is_active=active)
    Membership.objects.create(user=user, role=Role.GUARDIAN)
    return user


def build_world() -> AuthzWorld:
    a, b = make_world("a"), make_world("b")
    programs = programs_users(a, b)  # A and B each in a network, its staff, A's leadership team
    other_section = Section.objects.create(course=a.section.course, session=a.section.session, name="A2", period="2")
    other_teacher = _member("a.other_teacher", Role.TEACHER, a)
    Enrollment.objects.create(section=other_section, user=other_teacher, role=Enrollment.Role.TEACHER)
    classmate = _student(a, "a.classmate", other_section)  # same school, other section
    advisor = _member("a.advisor", Role.ADVISOR, a)
    Advisory.objects.create(advisor=advisor, student=a.student)
    Membership.objects.create(user=a.student.user, role=Role.STUDENT)
    users: dict[str, User | None] = {
        "anonymous": None,
        "district_admin": _member("a.admin", Role.DISTRICT_ADMIN, a),
        "school_leader": _member("a.leader", Role.SCHOOL_LEADER, a),
        "teacher": a.teacher,
        "other_teacher": other_teacher,
        "advisor": advisor,
        "coach": _member("a.coach", Role.COACH, a),
        "student": a.student.user,
        "classmate": classmate.user,
        "guardian": _guardian("a.guardian", a.student, active=True),
        "former_guardian": _guardian("a.former_guardian", a.student, active=False),
        "admin_elsewhere": _member("b.admin", Role.DISTRICT_ADMIN, b),
        "leader_elsewhere": _member("b.leader", Role.SCHOOL_LEADER, b),
        "teacher_elsewhere": b.teacher,
        **programs,
    }
    score = record_score(student=a.student, indicator=a.indicator, value=3, scorer=a.teacher, assessment=a.assessment)
    retake = Assessment.objects.create(
        section=a.section, title="Retake", kind=Assessment.Kind.SUMMATIVE, assessed_on=date(2025, 11, 1)
    )
    retake.indicators.set([a.indicator])
    admin = users["district_admin"]
    assert admin is not None
    job = job_services.create(kind=ImportRecord.Kind.CASE, user=admin)
    record = ImportRecord.objects.create(
        kind=ImportRecord.Kind.CASE,
        status=ImportRecord.Status.FAILED,
        user=admin,
        district=a.district,
        source_name="framework.json",
        sha256="0" * 64,
    )
    plan = InterventionPlan.objects.create(
        student=a.student,
        tier=2,
        kind=InterventionKind.MATHEMATICS,
        block="WIN block",
        responsible=a.teacher,
        start_date=date(2025, 10, 1),
        weeks=6,
        goal="Solve the problems on their own.",
        check_every_days=7,
        created_by=admin,
    )
    ids: dict[str, object] = {
        "district_id": a.district.pk,
        "school_id": a.school.pk,
        "section_id": a.section.pk,
        "student_id": a.student.pk,
        "indicator_id": a.indicator.pk,
        "standard_id": a.standard.pk,
        "framework_id": a.framework.pk,
        "assessment_id": a.assessment.pk,
        "score_id": score.pk,
        "token": job.token,
        "record_id": record.pk,
        "plan_id": plan.pk,
        "cycle_id": ImprovementCycle.objects.create(
            school=a.school,
            title="Exit tickets every Friday",
            metric="on_track",
            metric_label="Share of high-school students on track to graduate",
            plan="More students on track by spring.",
            measured_before_at=timezone.now(),
            created_by=admin,
        ).pk,
        "indicator_result_id": IndicatorResult.objects.get(student=a.student, indicator=a.indicator).pk,
        "standard_result_id": StandardResult.objects.filter(student=a.student).values_list("pk", flat=True).first(),
        "current_scores": Score.objects.count(),
        "identifier": document_identifier(a.framework),
        "token_id": issue(user=a.teacher, name="grades sync", scope="read", lifetime=timedelta(days=30)).token.pk,
        "item_identifier": framework_package(a.framework)["CFItems"][0]["identifier"],
        "document_id": IssuedReport.objects.create(
            kind=ReportKind.TRANSCRIPT, student=a.student, version=1, pdf=b"%PDF-1.7 authz", issued_by=admin
        ).pk,
    }
    coach = users["coach"]
    assert coach is not None
    ids |= programs_ids(a, coach=coach, author=admin)
    return AuthzWorld(a=a, b=b, users=users, ids=ids)
