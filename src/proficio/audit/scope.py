"""Which school and district an event concerns, so the trail can be browsed by those responsible for them.

Each lookup reads ids (never whole related objects) and tolerates a related row that is already gone, because
events are also recorded from ``post_delete`` while a cascade is under way. A person or a shared scale that
belongs to several schools or districts is scoped only as far as it is unambiguous: an event must not show up
in a school's trail merely because one of the people involved also works elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from proficio.accounts.models import Role, User
from proficio.roster.models import District, School, Section, Student
from proficio.standards.models import (
    CalculationPolicy,
    Framework,
    PerformanceIndicator,
    ProficiencyScale,
    ScaleLevel,
    Standard,
)


@dataclass(frozen=True)
class Scope:
    school_id: int | None = None
    district_id: int | None = None

    def or_(self, other: Scope) -> Scope:
        """This scope, with what it lacks taken from ``other``."""
        return Scope(self.school_id or other.school_id, self.district_id or other.district_id)


NOWHERE = Scope()


def _only(values: set[Any]) -> Any:
    values.discard(None)
    return next(iter(values)) if len(values) == 1 else None


def of_school(school_id: int | None) -> Scope:
    if school_id is None:
        return NOWHERE
    return Scope(school_id, School.objects.filter(pk=school_id).values_list("district_id", flat=True).first())


def of_student(student: Student | None) -> Scope:
    return of_school(student.school_id) if student is not None else NOWHERE


def of_framework(framework_id: int | None) -> Scope:
    if framework_id is None:
        return NOWHERE
    district_id = Framework.objects.filter(pk=framework_id).values_list("district_id", flat=True).first()
    return Scope(None, district_id)


def of_scale(scale_id: int | None) -> Scope:
    """A scale's own district, else the one district of the frameworks that use it."""
    if scale_id is None:
        return NOWHERE
    district_id = ProficiencyScale.objects.filter(pk=scale_id).values_list("district_id", flat=True).first()
    if district_id is None:
        using = Framework.objects.filter(scale_id=scale_id) | Framework.objects.filter(work_habit_scale_id=scale_id)
        district_id = _only(set(using.values_list("district_id", flat=True)))
    return Scope(None, district_id)


def of_user(user: User) -> Scope:
    """The one school (and district) a person belongs to, through memberships, a student record or a child."""
    memberships = user.memberships.active()
    schools = set(memberships.exclude(school=None).values_list("school_id", flat=True))
    districts = set(memberships.filter(role=Role.DISTRICT_ADMIN).values_list("district_id", flat=True))
    schools |= set(Student.objects.filter(user=user).values_list("school_id", flat=True))
    schools |= set(
        Student.objects.filter(guardian_links__guardian__user=user, guardian_links__is_active=True).values_list(
            "school_id", flat=True
        )
    )
    districts |= set(School.objects.filter(pk__in=schools).values_list("district_id", flat=True))
    return Scope(_only(schools), _only(districts))


def of_object(obj: Any) -> Scope:
    """The school and district of any record the trail mentions; nothing when it cannot tell."""
    if obj is None:
        return NOWHERE
    if isinstance(obj, District):
        return Scope(None, obj.pk)
    if isinstance(obj, School):
        return Scope(obj.pk, obj.district_id)
    if isinstance(obj, Student):
        return of_student(obj)
    if isinstance(obj, Section):
        return of_school(Section.objects.filter(pk=obj.pk).values_list("course__school_id", flat=True).first())
    if isinstance(obj, User):
        return of_user(obj)
    if isinstance(obj, Framework):
        return Scope(None, obj.district_id)
    if isinstance(obj, Standard | CalculationPolicy):
        return of_framework(obj.framework_id)
    if isinstance(obj, PerformanceIndicator):
        return of_framework(Standard.objects.filter(pk=obj.standard_id).values_list("framework_id", flat=True).first())
    if isinstance(obj, ScaleLevel):
        return of_scale(obj.scale_id)
    if isinstance(obj, ProficiencyScale):
        return of_scale(obj.pk)
    scope = of_school(getattr(obj, "school_id", None))
    district_id = getattr(obj, "district_id", None)
    return scope.or_(Scope(None, district_id)) if district_id else scope
