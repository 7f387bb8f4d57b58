"""Who may read which part of the trail — each rule written once, as a filter.

The trail itself is student data (who looked at whom, from where), so it is as closed as the records it
describes. School leaders read their schools' events, district administrators their districts'; everyone
else reads none (deny by default, and the views answer 404). Students and guardians do not read the trail:
they read the history of their own scores (``score_history_students``), which the scores themselves hold.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from proficio.accounts.models import Role, User
from proficio.accounts.scoping import scope_rule
from proficio.audit.models import AuditEvent
from proficio.roster.models import Student


@scope_rule(AuditEvent)
def event_filter(user: User) -> Q:
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    memberships = user.memberships.active()
    led = memberships.filter(role=Role.SCHOOL_LEADER).values("school_id")
    administered = memberships.filter(role=Role.DISTRICT_ADMIN).values("district_id")
    return Q(school_id__in=led) | Q(district_id__in=administered)


def may_browse(user: User) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.memberships.active().filter(role__in=[Role.SCHOOL_LEADER, Role.DISTRICT_ADMIN]).exists()


def events_for(user: User) -> QuerySet[AuditEvent]:
    """The events ``user`` may read: an empty queryset for anyone without a leader's or admin's role."""
    return AuditEvent.objects.for_user(user)


def score_history_students(user: User) -> QuerySet[Student]:
    """Whose score history ``user`` may read here: themselves as a student, and children while linked."""
    if not user.is_authenticated or not user.is_active:
        return Student.objects.none()
    own = Q(user=user)
    children = Q(guardian_links__guardian__user=user, guardian_links__is_active=True)
    return Student.objects.for_user(user).filter(own | children).distinct().select_related("user")
