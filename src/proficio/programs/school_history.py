"""A school's programs history on one page: what a new principal reads to pick up the work where it was left.

Gathers, for one school the reader already reaches (``programs.access``): its cohorts and current phases; every
self-assessment side by side (dimension × administration); the Implementation Grid's current statuses, each with
every change kept (who, when, what); its action plans with their steps; the newest coaching sessions' notes; the
site visits the reader may read (``site_visits.visible_visits``); its PLGs with their meetings; its classroom
visits; its change stories.

Invariants: a bounded number of queries whatever the school's size (each section is one or two queries, never
one per row); nothing here names a student; the view models are frozen dataclasses, never model instances with
attributes added.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Max, Prefetch

from proficio.accounts.models import User
from proficio.programs import gbp_records, grid
from proficio.programs.coaching import display_name
from proficio.programs.models import (
    ActionPlan,
    ActionStep,
    ChangeStory,
    ClassroomVisit,
    CoachingSession,
    CohortSchool,
    GbpAdministration,
    GridActivity,
    GridStatus,
    Phase,
    Plg,
)
from proficio.programs.site_visits import visible_visits
from proficio.roster.models import School

SESSIONS_SHOWN = 10
STATUS_LABELS = dict(GridStatus.Status.choices)


@dataclass(frozen=True)
class Placement:
    initiative: str
    cohort: str
    joined_on: date
    phase: str | None  # the phase today, e.g. "Implementation year 2"
    phase_ends_on: date | None


@dataclass(frozen=True)
class GbpRow:
    code: str
    title: str
    levels: tuple[int | None, ...]  # one per administration, oldest first


@dataclass(frozen=True)
class GbpTable:
    administrations: tuple[GbpAdministration, ...]
    rows: tuple[GbpRow, ...]


@dataclass(frozen=True)
class StatusChange:
    at: datetime
    by: str | None  # None when written outside a request (an import, the demo)
    status: str


@dataclass(frozen=True)
class GridLine:
    number: int
    criterion: str
    change: str
    status: str  # its label; "Not started" when it has none
    benchmark: str
    evidence: str
    is_priority: bool
    changes: tuple[StatusChange, ...]  # newest first


@dataclass(frozen=True)
class PlanView:
    plan: ActionPlan
    steps: tuple[ActionStep, ...]


@dataclass(frozen=True)
class SessionNote:
    held_on: date
    coach: str
    days: str
    notes: str


@dataclass(frozen=True)
class PlgLine:
    plg_id: int
    name: str
    facilitator: str
    meetings: int
    last_met_on: date | None


@dataclass(frozen=True)
class SchoolHistory:
    placements: tuple[Placement, ...]
    gbp: GbpTable
    grid_completion: grid.Completion
    grid: tuple[GridLine, ...]
    plans: tuple[PlanView, ...]
    sessions: tuple[SessionNote, ...]
    session_count: int
    visits: tuple[Any, ...]  # SiteVisit rows the reader may read
    plgs: tuple[PlgLine, ...]
    classroom_visits: int
    stories: tuple[ChangeStory, ...]

    @property
    def plg_meetings(self) -> int:
        return sum(line.meetings for line in self.plgs)


def placements(school: School, today: date) -> list[Placement]:
    """The school's cohorts, newest initiative first, each with the phase it is in today (if any)."""
    current = Phase.objects.filter(starts_on__lte=today, ends_on__gte=today)
    memberships = (
        CohortSchool.objects.filter(school=school)
        .select_related("cohort__initiative")
        .prefetch_related(Prefetch("cohort__phases", queryset=current, to_attr="current_phases"))
        .order_by("-cohort__initiative__started_on", "cohort__name")
    )
    found = []
    for m in memberships:
        phase = next(iter(m.cohort.current_phases), None)  # type: ignore[attr-defined]
        found.append(
            Placement(
                m.cohort.initiative.name,
                m.cohort.name,
                m.joined_on,
                phase.get_kind_display() if phase else None,
                phase.ends_on if phase else None,
            )
        )
    return found


def gbp_table(school: School) -> GbpTable:
    """Every administration, oldest first, with each dimension's level in each (matched by code)."""
    administrations = tuple(
        GbpAdministration.objects.filter(school=school).select_related("edition").order_by("taken_on", "pk")
    )
    levels = gbp_records.ratings(a.pk for a in administrations)
    titles = gbp_records.dimension_titles({a.edition_id for a in administrations})
    rows = tuple(
        GbpRow(code, info.title, tuple(levels[a.pk].get(code) for a in administrations))
        for code, info in sorted(titles.items(), key=lambda item: gbp_records.code_key(item[0]))
    )
    return GbpTable(administrations, rows)


def _status_change(record: Any) -> StatusChange:  # a historical GridStatus, a class simple-history makes
    who = record.history_user or record.updated_by
    return StatusChange(record.history_date, display_name(who) if who else None, STATUS_LABELS.get(record.status, ""))


def grid_lines(school: School) -> tuple[grid.Completion, list[GridLine]]:
    """Each activity of the school's network with its current status and every change to it, newest first."""
    activities = list(GridActivity.objects.filter(network__districts=school.district_id))
    statuses = {s.activity_id: s for s in GridStatus.objects.filter(school=school)}
    changes: dict[int, list[StatusChange]] = defaultdict(list)
    records = (
        GridStatus.history.filter(school_id=school.pk)
        .select_related("history_user", "updated_by")
        .order_by("-history_date", "-history_id")
    )
    for record in records:
        changes[record.activity_id].append(_status_change(record))
    [completion] = grid.school_completion(grid.load_cells([school.pk]), [school.pk], len(activities)).values()
    lines = []
    for activity in activities:
        status = statuses.get(activity.pk)
        lines.append(
            GridLine(
                activity.number,
                activity.criterion,
                activity.get_change_display(),
                status.get_status_display() if status else STATUS_LABELS[GridStatus.Status.NOT_STARTED],
                status.benchmark if status else "",
                status.evidence if status else "",
                bool(status and status.is_priority),
                tuple(changes.get(activity.pk, ())),
            )
        )
    return completion, lines


def _sessions(school: School) -> tuple[list[SessionNote], int]:
    sessions = CoachingSession.objects.filter(school=school).select_related("coach").order_by("-held_on", "-pk")
    shown = [
        SessionNote(s.held_on, display_name(s.coach), f"{s.days.normalize():f}", s.notes)
        for s in sessions[:SESSIONS_SHOWN]
    ]
    return shown, sessions.count()


def _plgs(school: School) -> list[PlgLine]:
    plgs = Plg.objects.filter(school=school).annotate(n=Count("meetings"), last=Max("meetings__met_on"))
    return [PlgLine(p.pk, p.name, p.facilitator, p.n, p.last) for p in plgs]


def school_history(*, school: School, reader: User, today: date) -> SchoolHistory:
    """Everything the school's programs hub shows, in a bounded number of queries."""
    completion, lines = grid_lines(school)
    steps = ActionStep.objects.select_related("dimension", "activity")
    plans = ActionPlan.objects.filter(school=school).prefetch_related(Prefetch("steps", queryset=steps))
    sessions, session_count = _sessions(school)
    return SchoolHistory(
        placements=tuple(placements(school, today)),
        gbp=gbp_table(school),
        grid_completion=completion,
        grid=tuple(lines),
        plans=tuple(PlanView(plan, tuple(plan.steps.all())) for plan in plans),
        sessions=tuple(sessions),
        session_count=session_count,
        visits=tuple(visible_visits(reader, school).order_by("-visited_on", "-pk")),
        plgs=tuple(_plgs(school)),
        classroom_visits=ClassroomVisit.objects.filter(school=school).count(),
        stories=tuple(ChangeStory.objects.filter(school=school).order_by("-collected_on", "-pk")),
    )
