"""Who may see which schools, sections and students — each rule written once.

Each rule is a queryset filter; the object check is the same filter applied to one object, so the list a
user sees and the single records they may open can never disagree (Kolibri's ``readable_by_user_filter``
beside ``user_can_read_object``). Deny by default: a user with no matching membership or link sees nothing.
Coaches see schools they coach, and student data only in aggregate, so no student rule includes them.
"""

from __future__ import annotations

import rules
from django.db.models import Q, QuerySet

from proficio.accounts.models import Role, User
from proficio.roster.models import Enrollment, School, Section, Student

TEACHING_ROLES = [Enrollment.Role.TEACHER, Enrollment.Role.AIDE]


def _memberships(user: User, role: Role) -> QuerySet:
    return user.memberships.active().filter(role=role)


def school_filter(user: User) -> Q:
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    district_ids = _memberships(user, Role.DISTRICT_ADMIN).values("district_id")
    school_ids = (
        user.memberships.active()
        .filter(role__in=[Role.SCHOOL_LEADER, Role.TEACHER, Role.ADVISOR, Role.COACH])
        .values("school_id")
    )
    return Q(district_id__in=district_ids) | Q(pk__in=school_ids)


def taught_section_ids(user: User) -> QuerySet:
    """Ids of the sections the user teaches (or assists in): the scope for scoring and creating assessments."""
    return Enrollment.objects.filter(user=user, role__in=TEACHING_ROLES).values("section_id")


def section_filter(user: User) -> Q:
    """Sections a user teaches, leads (school leader) or administers (district admin)."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    taught = taught_section_ids(user)
    led = _memberships(user, Role.SCHOOL_LEADER).values("school_id")
    administered = _memberships(user, Role.DISTRICT_ADMIN).values("district_id")
    return Q(pk__in=taught) | Q(course__school_id__in=led) | Q(course__school__district_id__in=administered)


def student_filter(user: User) -> Q:
    """Students a user has a legitimate reason to see by name."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    taught_users = Enrollment.objects.filter(
        section_id__in=taught_section_ids(user), role=Enrollment.Role.STUDENT
    ).values("user_id")
    led = _memberships(user, Role.SCHOOL_LEADER).values("school_id")
    administered = _memberships(user, Role.DISTRICT_ADMIN).values("district_id")
    return (
        Q(user=user)
        | Q(guardian_links__guardian__user=user, guardian_links__is_active=True)
        | Q(advisories__advisor=user, advisories__is_active=True)
        | Q(user_id__in=taught_users)
        | Q(school_id__in=led)
        | Q(school__district_id__in=administered)
    )


def readable_schools(user: User) -> QuerySet[School]:
    return School.objects.filter(school_filter(user)).distinct()


def readable_sections(user: User) -> QuerySet[Section]:
    return Section.objects.filter(section_filter(user)).distinct()


def readable_students(user: User) -> QuerySet[Student]:
    return Student.objects.filter(student_filter(user)).distinct()


@rules.predicate
def can_read_student(user: User, student: Student | None) -> bool:
    if student is None:
        return False
    return Student.objects.filter(student_filter(user), pk=student.pk).exists()


@rules.predicate
def can_read_section(user: User, section: Section | None) -> bool:
    if section is None:
        return False
    return Section.objects.filter(section_filter(user), pk=section.pk).exists()


rules.add_perm("roster.view_student_record", can_read_student)
rules.add_perm("roster.view_section_record", can_read_section)
