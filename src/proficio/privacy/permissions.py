"""Who may download everything held about a student: the student, an actively linked guardian, and the
student's school leaders and district administrators. Teachers, advisors and coaches see what their work
needs through their own pages, not the whole record."""

from __future__ import annotations

import rules
from django.db.models import Q

from proficio.accounts.models import Role, User
from proficio.accounts.scoping import scope_rule
from proficio.privacy.models import Anonymization
from proficio.roster.models import Student
from proficio.roster.permissions import (
    administers_students_district,
    is_linked_guardian,
    is_the_student,
    leads_students_school,
)

EXPORT_STUDENT = "privacy.export_student"

rules.add_perm(
    EXPORT_STUDENT,
    rules.is_active & (is_the_student | is_linked_guardian | leads_students_school | administers_students_district),
)


def can_export_student(user: User, student: Student) -> bool:
    return user.has_perm(EXPORT_STUDENT, student)


@scope_rule(Anonymization)
def anonymization_filter(user: User) -> Q:
    """The record that a student was anonymised: for the school's leaders and the district's admins only."""
    memberships = user.memberships.active()
    led = memberships.filter(role=Role.SCHOOL_LEADER).values("school_id")
    administered = memberships.filter(role=Role.DISTRICT_ADMIN).values("district_id")
    return Q(student__school_id__in=led) | Q(student__school__district_id__in=administered)
