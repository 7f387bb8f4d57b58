"""Who reaches a network's work and a school's: one place for the 404 rules of every programs page.

- **Network staff** see everything in their network: every member school's programs pages and the network's own
  (cohorts, events, the grid and self-assessment across schools, stories, the practice library). Of student data
  they see aggregates only — no programs page names a student, and insights.scope never lets them see a row.
- **Coaches** see the schools they are assigned to (a coach membership of the school), nothing else.
- **School leaders and leadership team members** see their own school's.
- **District administrators** see their district's schools'.

A school outside every network has no programs pages. 404, not 403: whether a school or a network exists is
itself not for everyone to learn.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from proficio.accounts.models import Role, User
from proficio.roster.models import Network, School

SCHOOL_ROLES = (Role.SCHOOL_LEADER, Role.LEADERSHIP_TEAM, Role.COACH)


def request_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # every programs view is behind login_required
    return user


def staffed_networks(user: User) -> QuerySet[Network]:
    """The networks ``user`` works for as network staff."""
    if not user.is_authenticated or not user.is_active:
        return Network.objects.none()
    ids = user.memberships.active().filter(role=Role.NETWORK_STAFF).values("network_id")
    return Network.objects.filter(pk__in=ids)


def program_schools(user: User) -> QuerySet[School]:
    """Every school whose programs pages ``user`` may read (all of them belong to a network)."""
    if not user.is_authenticated or not user.is_active:
        return School.objects.none()
    memberships = user.memberships.active()
    networks = memberships.filter(role=Role.NETWORK_STAFF).values("network_id")
    districts = memberships.filter(role=Role.DISTRICT_ADMIN).values("district_id")
    schools = memberships.filter(role__in=SCHOOL_ROLES).values("school_id")
    return (
        School.objects.filter(district__network__isnull=False)
        .filter(Q(district__network_id__in=networks) | Q(district_id__in=districts) | Q(pk__in=schools))
        .select_related("district__network")
    )


def school_for_programs(request: HttpRequest, school_id: int) -> School:
    """The school, if the reader may see its programs pages."""
    school = program_schools(request_user(request)).filter(pk=school_id).first()
    if school is None:
        raise Http404("No such school among those you may see.")
    return school


def network_for(request: HttpRequest, network_id: int) -> Network:
    """The network, if the reader is on its staff (a coach or a school sees its own schools, not the network)."""
    network = staffed_networks(request_user(request)).filter(pk=network_id).first()
    if network is None:
        raise Http404("No such network among those you work for.")
    return network


def network_of(school: School) -> Network:
    network = school.district.network
    assert network is not None  # a school with programs pages belongs to a network (program_schools)
    return network


def is_on_school_team(user: User, school: School) -> bool:
    """Whether ``user`` leads the school, sits on its leadership team or coaches it: the people who keep its own
    records of the work (PLGs, classroom visits, the action plan)."""
    return user.memberships.active().filter(role__in=SCHOOL_ROLES, school=school).exists()


def is_coach_of(user: User, school: School) -> bool:
    return user.memberships.active().filter(role=Role.COACH, school=school).exists()


def is_network_staff_of(user: User, school: School) -> bool:
    network_id = school.district.network_id
    return network_id is not None and staffed_networks(user).filter(pk=network_id).exists()


def school_coaches(school: School) -> QuerySet[User]:
    """The coaches assigned to the school."""
    return User.objects.filter(
        memberships__role=Role.COACH, memberships__school=school, memberships__is_active=True, is_active=True
    ).distinct()
