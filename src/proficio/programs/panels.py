"""The programs pieces of a home page: the network for its staff, and each school's improvement work for its
leadership team, leaders and coaches.

Both read only what programs.access lets the reader see, and name no student. Each is a few bounded queries: a
network's panel reads its cohorts, grid cells and next events; a school card its grid cells, latest
self-assessment, open action steps and coaching days this phase.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Sum
from django.utils import timezone

from proficio.accounts.models import Role, User
from proficio.programs import grid
from proficio.programs.access import staffed_networks
from proficio.programs.coaching import coaching_days_text
from proficio.programs.models import (
    ActionStep,
    CoachingSession,
    Cohort,
    CohortSchool,
    Event,
    GbpAdministration,
    GridActivity,
    Phase,
)
from proficio.roster.models import Network, School


@dataclass(frozen=True)
class CohortLine:
    cohort: Cohort
    schools: int
    phase: Phase | None


@dataclass(frozen=True)
class NetworkCard:
    network: Network
    cohorts: list[CohortLine]
    schools: int
    activities: int
    schools_past_half: int
    next_events: list[Event]


@dataclass(frozen=True)
class NetworkPanel:
    networks: list[NetworkCard]


@dataclass(frozen=True)
class SchoolWorkCard:
    school: School
    cohort: Cohort | None
    phase: Phase | None
    grid: grid.Completion
    latest_assessment: GbpAdministration | None
    open_steps: int
    coaching_days_used: float | None

    @property
    def coaching_days_planned(self) -> str:
        return coaching_days_text(self.phase.coaching_days_min, self.phase.coaching_days_max) if self.phase else ""


@dataclass(frozen=True)
class SchoolWorkPanel:
    cards: list[SchoolWorkCard]
    coaches: bool


def current_phase(cohort: Cohort | None, today: date) -> Phase | None:
    if cohort is None:
        return None
    return cohort.phases.filter(starts_on__lte=today, ends_on__gte=today).first()


def network_panel(user: User) -> NetworkPanel:
    today = timezone.localdate()
    return NetworkPanel([_network_card(network, today) for network in staffed_networks(user)])


def _network_card(network: Network, today: date) -> NetworkCard:
    cohorts = Cohort.objects.filter(initiative__network=network).order_by("initiative__started_on", "name")
    lines = [CohortLine(c, c.memberships.count(), current_phase(c, today)) for c in cohorts]
    school_ids = list(School.objects.filter(district__network=network).values_list("pk", flat=True))
    activities = GridActivity.objects.filter(network=network).count()
    completions = grid.school_completion(grid.load_cells(school_ids), school_ids, activities=activities)
    past_half = sum(1 for c in completions.values() if c.applicable and c.complete * 2 >= c.applicable)
    events = list(Event.objects.filter(network=network, held_on__gte=today).order_by("held_on")[:3])
    return NetworkCard(network, lines, len(school_ids), activities, past_half, events)


def school_work_panel(user: User, roles: Sequence[str]) -> SchoolWorkPanel:
    """The user's schools in any of ``roles`` that belong to a network, one card each (once per school)."""
    today = timezone.localdate()
    memberships = user.memberships.active().filter(role__in=roles, school__district__network__isnull=False)
    schools = {m.school_id: m.school for m in memberships.select_related("school__district") if m.school is not None}
    return SchoolWorkPanel([_school_card(s, today) for s in schools.values()], coaches=Role.COACH in roles)


def _school_card(school: School, today: date) -> SchoolWorkCard:
    membership = CohortSchool.objects.filter(school=school).select_related("cohort").first()
    cohort = membership.cohort if membership else None
    phase = current_phase(cohort, today)
    activities = GridActivity.objects.filter(network_id=school.district.network_id).count()
    [completion] = grid.school_completion(grid.load_cells([school.pk]), [school.pk], activities=activities).values()
    used = None
    if phase is not None:
        sessions = CoachingSession.objects.filter(school=school, held_on__range=(phase.starts_on, phase.ends_on))
        used = float(sessions.aggregate(days=Sum("days"))["days"] or 0)
    open_steps = ActionStep.objects.filter(plan__school=school).exclude(
        status__in=[ActionStep.Status.DONE, ActionStep.Status.DROPPED]
    )
    return SchoolWorkCard(
        school=school,
        cohort=cohort,
        phase=phase,
        grid=completion,
        latest_assessment=GbpAdministration.objects.filter(school=school).order_by("-taken_on").first(),
        open_steps=open_steps.count(),
        coaching_days_used=used,
    )
