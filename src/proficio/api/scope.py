"""What the caller may see through the API, built on the web app's own rules in ``roster.permissions``.

Only what the API adds lives here: the districts whose frameworks a user reads, which students' demographics
they see, and which scores they read or write. Everything is a queryset filter, so a list and the single
record it came from can never disagree.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest

from proficio.accounts.models import Role, User
from proficio.api.errors import NotFound
from proficio.evidence.models import Score
from proficio.roster.models import District, School
from proficio.roster.permissions import readable_schools, readable_students, taught_section_ids

M = TypeVar("M", bound=Model)


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User), "the API's authentication always sets a user"
    return user


def get_or_404(queryset: QuerySet[M], pk: int, what: str) -> M:
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise NotFound(what)
    return found


def readable_district_ids(user: User) -> QuerySet[District, Any]:
    """Districts the user belongs to: through a school they may see, or a student they may see (themselves,
    a child). Their frameworks are public within the district, so coaches, students and guardians read them."""
    return (
        District.objects.filter(
            Q(schools__in=readable_schools(user).values("pk"))
            | Q(schools__students__in=readable_students(user).values("pk"))
        )
        .values("pk")
        .distinct()
    )


def demographic_school_ids(request: HttpRequest) -> frozenset[int]:
    """Schools whose students' demographics the caller may see: school leaders' schools, district admins'
    districts. Teachers, advisors, students and guardians see names and grades, not subgroup data.

    Asked once per request (a page of students would otherwise ask once per student).
    """
    cached: frozenset[int] | None = getattr(request, "_proficio_demographic_schools", None)
    if cached is None:
        memberships = user_of(request).memberships.active()
        led = memberships.filter(role=Role.SCHOOL_LEADER).values("school_id")
        administered = memberships.filter(role=Role.DISTRICT_ADMIN).values("district_id")
        cached = frozenset(
            School.objects.filter(Q(pk__in=led) | Q(district_id__in=administered)).values_list("pk", flat=True)
        )
        request._proficio_demographic_schools = cached  # type: ignore[attr-defined]
    return cached


def readable_scores(user: User) -> QuerySet[Score]:
    """Scores of the students the user may see by name: the same rule as the gradebook cell and the results."""
    return Score.objects.filter(student_id__in=readable_students(user).values("pk"))


def correctable_scores(user: User) -> QuerySet[Score]:
    """Scores on assessments of sections the user teaches: only they correct them, as only they score."""
    return Score.objects.filter(assessment__section_id__in=taught_section_ids(user))
