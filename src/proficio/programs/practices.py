"""The network's practice library: practices one school worked out and others adopted.

Who may do what:

- **Read**: the network's staff, and whoever reads the programs pages of any school of the network
  (``access.program_schools``: its district admins, leaders, leadership team members and coaches).
- **Add a practice**: the network's staff (naming any member school as the source), and the leaders and
  leadership team members of a member school (with their own school as the source).
- **"Our school adopted this"**: the leaders and leadership team members of a member school, for their school;
  the source school does not adopt its own practice.
"""

from __future__ import annotations

from django.db.models import QuerySet

from proficio.accounts.models import Role, User
from proficio.programs.access import program_schools, staffed_networks
from proficio.programs.models import SharedPractice
from proficio.roster.models import Network, School

SCHOOL_SHARERS = (Role.SCHOOL_LEADER, Role.LEADERSHIP_TEAM)


def member_schools(network: Network) -> QuerySet[School]:
    return School.objects.filter(district__network=network).order_by("name")


def is_staff_of(user: User, network: Network) -> bool:
    return staffed_networks(user).filter(pk=network.pk).exists()


def may_read_library(user: User, network: Network) -> bool:
    """Network staff, or a reader of the programs pages of any school of the network."""
    return is_staff_of(user, network) or program_schools(user).filter(district__network=network).exists()


def own_member_schools(user: User, network: Network) -> QuerySet[School]:
    """The member schools ``user`` leads or is on the leadership team of."""
    if not user.is_authenticated or not user.is_active:
        return School.objects.none()
    ids = user.memberships.active().filter(role__in=SCHOOL_SHARERS).values("school_id")
    return member_schools(network).filter(pk__in=ids)


def source_choices(user: User, network: Network) -> QuerySet[School]:
    """The schools ``user`` may name as a new practice's source (none: they may not add one)."""
    return member_schools(network) if is_staff_of(user, network) else own_member_schools(user, network)


def library(*, network: Network, topic: str = "") -> QuerySet[SharedPractice]:
    practices = SharedPractice.objects.filter(network=network).select_related("source_school")
    return practices.filter(topic=topic) if topic else practices


def topics(network: Network) -> list[str]:
    return sorted(set(SharedPractice.objects.filter(network=network).values_list("topic", flat=True)))


def adopt(*, practice: SharedPractice, school: School) -> bool:
    """Record that ``school`` adopted ``practice``; False when it is the source (nothing recorded)."""
    if school.pk == practice.source_school_id:
        return False
    practice.adopting_schools.add(school)
    return True
