"""Who is enrolled in a section as a student: the roster reads that scoring, gradebooks, reports and the API
share. They live here, with the enrollments they read, so that those apps need not import each other for them.
"""

from __future__ import annotations

from proficio.roster.models import Enrollment, Section, Student


def section_students(section: Section) -> list[Student]:
    """The section's students, by family name then given name (one query)."""
    users = Enrollment.objects.filter(section=section, role=Enrollment.Role.STUDENT).values("user_id")
    return list(
        Student.objects.filter(user_id__in=users).select_related("user").order_by("user__last_name", "user__first_name")
    )


def section_student(section: Section, student_id: int) -> Student | None:
    """One student of the section, or None when they are not enrolled in it (one query)."""
    return (
        Student.objects.filter(
            pk=student_id, user__enrollments__section=section, user__enrollments__role=Enrollment.Role.STUDENT
        )
        .select_related("user")
        .first()
    )
