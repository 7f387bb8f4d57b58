"""A school with one person in each role around one student (``a.student`` in section A1)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from proficio.accounts.models import Membership, Role, User
from proficio.roster.models import Advisory, Enrollment, Section
from tests.authz.world import _guardian, _member, _student
from tests.factories import World, make_world


@dataclass
class School:
    a: World
    users: dict[str, User]
    other_section: Section

    def client(self, role: str) -> Client:
        client = Client()
        client.force_login(self.users[role])
        return client


@pytest.fixture
def school(db: None) -> School:
    return build_school()


def build_school() -> School:
    a = make_world("a")
    other_section = Section.objects.create(course=a.section.course, session=a.section.session, name="A2", period="2")
    other_teacher = _member("a.other_teacher", Role.TEACHER, a)
    Enrollment.objects.create(section=other_section, user=other_teacher, role=Enrollment.Role.TEACHER)
    classmate = _student(a, "a.classmate", other_section)
    advisor = _member("a.advisor", Role.ADVISOR, a)
    Advisory.objects.create(advisor=advisor, student=a.student)
    Membership.objects.create(user=a.student.user, role=Role.STUDENT)
    users = {
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
    }
    return School(a=a, users=users, other_section=other_section)
