"""Who reads reports: whoever reads the student (``about_readable_students``). Issuing is narrower: the school's
leaders and the district's administrators (``reports.issue_for_student`` / ``can_issue_for_school``)."""

from __future__ import annotations

import rules

from proficio.accounts.models import Role, User
from proficio.accounts.scoping import scope_rule
from proficio.reports.models import IssuedReport, TermComment
from proficio.roster.models import School
from proficio.roster.permissions import (
    about_readable_students,
    administers_students_district,
    leads_students_school,
)

for about_a_student in (IssuedReport, TermComment):
    scope_rule(about_a_student)(about_readable_students)

ISSUE_FOR_STUDENT = "reports.issue_for_student"
rules.add_perm(ISSUE_FOR_STUDENT, rules.is_active & (leads_students_school | administers_students_district))


def can_issue_for_school(user: User, school: School) -> bool:
    """The school's leaders and its district's administrators issue its reports (one student or all)."""
    if not (user.is_authenticated and user.is_active):
        return False
    memberships = user.memberships.active()
    return (
        memberships.filter(role=Role.SCHOOL_LEADER, school_id=school.pk).exists()
        or memberships.filter(role=Role.DISTRICT_ADMIN, district_id=school.district_id).exists()
    )
