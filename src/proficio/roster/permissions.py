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
from proficio.accounts.scoping import read_perm, scope_rule
from proficio.roster.models import Advisory, District, Enrollment, GuardianLink, School, Section, Student

TEACHING_ROLES = Enrollment.TEACHING_ROLES


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
    return Enrollment.objects.filter(user=user, role__in=Enrollment.TEACHING_ROLES).values("section_id")


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


def district_filter(user: User) -> Q:
    """Districts the user belongs to: through a school they may see, or a student they may see (themselves, a
    child). Their frameworks are public within the district, so coaches, students and guardians read them."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    return Q(schools__in=School.objects.for_user(user).values("pk")) | Q(
        schools__students__in=Student.objects.for_user(user).values("pk")
    )


scope_rule(District)(district_filter)
scope_rule(School)(school_filter)
scope_rule(Section)(section_filter)
scope_rule(Student)(student_filter)


def about_readable_students(user: User) -> Q:
    """Rows about one student (a score, a result, a guardian link): readable exactly when the student is."""
    return Q(student__in=Student.objects.for_user(user).values("pk"))


for about_a_student in (GuardianLink, Advisory):
    scope_rule(about_a_student)(about_readable_students)


@rules.predicate
def is_the_student(user: User, student: Student) -> bool:
    return student.user_id == user.pk


@rules.predicate
def is_linked_guardian(user: User, student: Student) -> bool:
    """A guardian of the student while the link is active (a former guardian is nobody here)."""
    return student.guardian_links.filter(guardian__user=user, is_active=True).exists()


@rules.predicate
def leads_students_school(user: User, student: Student) -> bool:
    return _memberships(user, Role.SCHOOL_LEADER).filter(school_id=student.school_id).exists()


@rules.predicate
def administers_students_district(user: User, student: Student) -> bool:
    return _memberships(user, Role.DISTRICT_ADMIN).filter(district__schools=student.school_id).exists()


for scoped in (District, School, Section, Student, GuardianLink, Advisory):
    read_perm(scoped)
