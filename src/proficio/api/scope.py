"""What the caller may see through the API, beyond ``Model.objects.for_user`` (the web app's own rules).

Only what the API adds lives here: which students' demographics the caller sees, and which scores they may
correct. Everything is a queryset filter, so a list and the single record it came from can never disagree.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest

from proficio.accounts.models import Role, User
from proficio.api.errors import NotFound
from proficio.evidence.models import Assessment, Score
from proficio.roster.models import School

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


def correctable_scores(user: User) -> QuerySet[Score]:
    """Scores on assessments of sections the user teaches: only they correct them, as only they score."""
    return Score.objects.filter(assessment__in=Assessment.objects.taught_by(user).values("pk"))
