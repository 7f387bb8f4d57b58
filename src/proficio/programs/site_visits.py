"""Site visits: an outside team's day at a school — classroom observations, focus groups with students and teachers,
conversations with leaders (seed 000) — whose summary is shared with the school's coach to inform the coaching.

Who does what (the one place the views ask):

- **Record** a visit and **share** it with the coach: the visitors — the network's staff, the school's coaches and its
  district's administrators. Not the school's own leaders or leadership team: the visit is an outside look.
- **Read**: the school's leaders and leadership team, the network's staff and the district's administrators read
  every visit of the school; a coach reads the visits shared with the coaches and those the coach recorded.

Invariants: a visit's team names at least two different people, one per line; sharing stamps the time once (sharing
again keeps the first stamp).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Q, QuerySet

from proficio.accounts.models import Role, User
from proficio.programs.access import is_coach_of, is_network_staff_of
from proficio.programs.models import SiteVisit
from proficio.roster.models import School

MIN_TEAM = 2


def team_lines(text: str) -> list[str]:
    """The people named, one per line, blank lines and repeats left out (first spelling kept)."""
    people: list[str] = []
    for line in text.splitlines():
        name = " ".join(line.split())
        if name and name.casefold() not in {p.casefold() for p in people}:
            people.append(name)
    return people


def _is_district_admin_of(user: User, school: School) -> bool:
    return user.memberships.active().filter(role=Role.DISTRICT_ADMIN, district_id=school.district_id).exists()


def _is_school_reader(user: User, school: School) -> bool:
    roles = (Role.SCHOOL_LEADER, Role.LEADERSHIP_TEAM)
    return user.memberships.active().filter(role__in=roles, school=school).exists()


def may_record(user: User, school: School) -> bool:
    return is_network_staff_of(user, school) or is_coach_of(user, school) or _is_district_admin_of(user, school)


def visible_visits(user: User, school: School) -> QuerySet[SiteVisit]:
    """The school's visits the reader may read (the reader already reaches the school's programs pages)."""
    visits = SiteVisit.objects.filter(school=school).select_related("recorded_by")
    if _is_school_reader(user, school) or is_network_staff_of(user, school) or _is_district_admin_of(user, school):
        return visits
    if is_coach_of(user, school):
        return visits.filter(Q(shared_with_coach_at__isnull=False) | Q(recorded_by=user))
    return visits.none()


def record_visit(
    *,
    school: School,
    recorded_by: User,
    visited_on: date,
    team: str,
    summary: str,
    observations: str = "",
    focus_groups: str = "",
) -> SiteVisit:
    people = team_lines(team)
    if len(people) < MIN_TEAM:
        raise ValueError("A site visit team has at least two people.")
    return SiteVisit.objects.create(
        school=school,
        visited_on=visited_on,
        team="\n".join(people),
        observations=observations,
        focus_groups=focus_groups,
        summary=summary,
        recorded_by=recorded_by,
    )


def share_with_coach(*, visit: SiteVisit, when: datetime) -> SiteVisit:
    """Stamp the visit as shared with the school's coach; a visit already shared keeps its first stamp."""
    if visit.shared_with_coach_at is None:
        visit.shared_with_coach_at = when
        visit.save(update_fields=["shared_with_coach_at"])
    return visit
