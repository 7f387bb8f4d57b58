"""Who may download everything held about a student: the student, an actively linked guardian, and the
student's school leaders and district administrators. Teachers, advisors and coaches see what their work
needs through their own pages, not the whole record."""

from __future__ import annotations

from proficio.accounts.models import Role, User
from proficio.roster.models import Student


def can_export_student(user: User, student: Student) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if student.user_id == user.pk:
        return True
    if student.guardian_links.filter(guardian__user=user, is_active=True).exists():
        return True
    memberships = user.memberships.active()
    return (
        memberships.filter(role=Role.SCHOOL_LEADER, school_id=student.school_id).exists()
        or memberships.filter(role=Role.DISTRICT_ADMIN, district_id=student.school.district_id).exists()
    )
