"""How every insights page finds its reader and its school: one place for the 404 rules.

404, not 403: whether a school exists is itself not for everyone to learn. A page that names students also
asks ``scope.sees_students``; a coach gets the same 404 there as a stranger.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from proficio.accounts.models import User
from proficio.insights.scope import insight_schools, sees_students
from proficio.roster.models import School


def request_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # every insights view is behind login_required
    return user


def school_for(request: HttpRequest, school_id: int) -> School:
    """The school, if it is among those whose insights the reader may see."""
    school = insight_schools(request_user(request)).filter(pk=school_id).first()
    if school is None:
        raise Http404("No such school among those you may see.")
    return school


def school_with_students(request: HttpRequest, school_id: int, *, why: str) -> School:
    """The school, if the reader may also see the students behind its figures (leaders and administrators)."""
    school = school_for(request, school_id)
    if not sees_students(request_user(request), school):
        raise Http404(why)
    return school
