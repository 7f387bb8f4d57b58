"""Who sees which school's insights, and who may see student rows in them.

District administrators see every school of their district and its students; school leaders their school and
its students; coaches the schools they coach, and network staff their network's schools, in aggregate only —
never a student row (roster.permissions keeps coaches and network staff out of every student rule for the same
reason). Everyone else sees no insights at all.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from proficio.accounts.models import Role, User
from proficio.roster.models import School, Student


def insight_schools(user: User) -> QuerySet[School]:
    if not user.is_authenticated or not user.is_active:
        return School.objects.none()
    memberships = user.memberships.active()
    districts = memberships.filter(role=Role.DISTRICT_ADMIN).values("district_id")
    schools = memberships.filter(role__in=[Role.SCHOOL_LEADER, Role.COACH]).values("school_id")
    networks = memberships.filter(role=Role.NETWORK_STAFF).values("network_id")
    return School.objects.filter(
        Q(district_id__in=districts) | Q(pk__in=schools) | Q(district__network_id__in=networks)
    ).select_related("district")


def sees_students(user: User, school: School) -> bool:
    """Whether ``user`` may see the students behind a school's figures (leaders and district admins)."""
    memberships = user.memberships.active()
    return (
        memberships.filter(role=Role.DISTRICT_ADMIN, district_id=school.district_id).exists()
        or memberships.filter(role=Role.SCHOOL_LEADER, school_id=school.pk).exists()
    )


def support_filter(user: User, student: str = "") -> Q:
    """Rows whose student this user supports — as the school's leader, the district's admin or the student's
    active advisor. ``student`` is the path from the model to the student (``""``: the model is ``Student``)."""
    path = f"{student}__" if student else ""
    memberships = user.memberships.active()
    led = memberships.filter(role=Role.SCHOOL_LEADER).values("school_id")
    administered = memberships.filter(role=Role.DISTRICT_ADMIN).values("district_id")
    return (
        Q(**{f"{path}school_id__in": led})
        | Q(**{f"{path}school__district_id__in": administered})
        | Q(**{f"{path}advisories__advisor": user, f"{path}advisories__is_active": True})
    )


def supported_students(user: User) -> QuerySet[Student]:
    """The students whose flags and plans this user may read and act on."""
    if not user.is_authenticated or not user.is_active:
        return Student.objects.none()
    return Student.objects.filter(pk__in=Student.objects.filter(support_filter(user)).values("pk"))
