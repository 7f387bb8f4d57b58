"""Who may change what on a student's learner pages (reading is the scope rule in ``permissions.py``).

The student edits their own profile, goals and requests. Staff whose work gives them the student — their
teachers, their advisor, the school's leaders, the district's admins — see and edit accommodations; a guardian
who also teaches elsewhere does not, because the right comes from the relationship, not from the role.
The student's advisor comments on the profile and reviews goals.
"""

from __future__ import annotations

from proficio.accounts.models import User
from proficio.roster.models import Enrollment, Student
from proficio.roster.permissions import administers_students_district, leads_students_school, taught_section_ids


def is_self(user: User, student: Student) -> bool:
    return student.user_id == user.pk


def is_advisor_of(user: User, student: Student) -> bool:
    return student.advisories.filter(advisor=user, is_active=True).exists()


def teaches(user: User, student: Student) -> bool:
    return Enrollment.objects.filter(
        user_id=student.user_id, role=Enrollment.Role.STUDENT, section_id__in=taught_section_ids(user)
    ).exists()


def is_staff_for(user: User, student: Student) -> bool:
    """Staff with a working reason to see this student: they see and edit accommodations."""
    if not user.is_active or is_self(user, student):
        return False
    return (
        teaches(user, student)
        or is_advisor_of(user, student)
        or leads_students_school(user, student)
        or administers_students_district(user, student)
    )
