"""A small cast for the API tests: one school with two teachers' sections, every role, and another district.

``world`` (from ``make_world``) is district A: teacher Tess teaches student Sam in English 9, whose essay is
scored on ELA.1.1. Colleague Cole teaches Casey in another section of the same school. The school has a
leader, the district an administrator, a coach coaches the school, Sam's guardian is linked to Sam, and
``elsewhere`` is a second district with its own teacher, student and framework.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.test import Client

from proficio.accounts.models import Membership, Role, User
from proficio.api import tokens
from proficio.evidence.models import Assessment
from proficio.roster.models import Course, Enrollment, Guardian, GuardianLink, Section, Student
from tests.factories import World, make_user, make_world


@dataclass
class Cast:
    world: World
    colleague: User
    colleague_section: Section
    colleague_student: Student
    colleague_assessment: Assessment
    leader: User
    admin: User
    coach: User
    guardian: User
    elsewhere: World


def make_cast() -> Cast:
    world = make_world("a")
    colleague = make_user("a.colleague", first_name="Cole", last_name="Colleague")
    Membership.objects.create(user=colleague, role=Role.TEACHER, school=world.school)
    course = Course.objects.create(school=world.school, title="English 10", code="ELA10", content_area="ela", grade=10)
    section = Section.objects.create(course=course, session=world.section.session, name="English 10 — period 2")
    Enrollment.objects.create(section=section, user=colleague, role=Enrollment.Role.TEACHER, primary=True)
    casey = make_user("a.casey", first_name="Casey", last_name="Other")
    colleague_student = Student.objects.create(user=casey, school=world.school, student_number="a-2", grade=10)
    Enrollment.objects.create(section=section, user=casey, role=Enrollment.Role.STUDENT)
    assessment = Assessment.objects.create(
        section=section, title="Research paper", kind=Assessment.Kind.SUMMATIVE, assessed_on=date(2025, 10, 2)
    )
    assessment.indicators.set([world.indicator])

    leader = make_user("a.leader", first_name="Lee", last_name="Leader")
    Membership.objects.create(user=leader, role=Role.SCHOOL_LEADER, school=world.school)
    admin = make_user("a.admin", first_name="Ada", last_name="Admin")
    Membership.objects.create(user=admin, role=Role.DISTRICT_ADMIN, district=world.district)
    coach = make_user("a.coach", first_name="Coco", last_name="Coach")
    Membership.objects.create(user=coach, role=Role.COACH, school=world.school)
    guardian_user = make_user("a.guardian", first_name="Gail", last_name="Guardian")
    Membership.objects.create(user=guardian_user, role=Role.GUARDIAN)
    guardian = Guardian.objects.create(user=guardian_user)
    GuardianLink.objects.create(guardian=guardian, student=world.student)
    Membership.objects.create(user=world.student.user, role=Role.STUDENT)
    world.student.gender = Student.Gender.FEMALE
    world.student.english_learner = True
    world.student.save()
    return Cast(
        world, colleague, section, colleague_student, assessment, leader, admin, coach, guardian_user, make_world("b")
    )


@pytest.fixture
def cast(db: None) -> Cast:
    return make_cast()


def secret_for(user: User, scope: str = "write", days: int = 30) -> str:
    return tokens.issue(user=user, name="tests", scope=scope, lifetime=timedelta(days=days)).secret


def token_client(user: User, scope: str = "write") -> Client:
    """A client that calls the API as ``user`` with a fresh personal access token (no session, no CSRF)."""
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret_for(user, scope)}")


def ids(response: object) -> list[int]:
    body = response.json()  # type: ignore[attr-defined]
    assert response.status_code == 200, body  # type: ignore[attr-defined]
    return [item["id"] for item in body["items"]]
