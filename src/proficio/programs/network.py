"""A network's figures: its initiatives' cohorts and phases (seed 000's Table 1), the Implementation Grid across its
schools (Table 2 and "at least 11 of 21"), and its events' attendance.

- **Entitlements**: a phase's coaching days read "20–30" when a range, "60" otherwise; its grant "$25,000", or
  "—" when none.
- **Grid thresholds**: the report counts schools with at least 11 and at least 17 of its 21 activities complete;
  for a network with another number of activities the thresholds are the same shares, rounded up (half and
  four fifths: 11 and 17 of 21, 2 and 4 of 4). A school's completion and an activity's are ``programs.grid``'s.
- **Attendance**: a school came to an event when it has an attendance row (attendees above zero); a form that
  saves the attendance of every member school at once saves all of it or none.

Pure functions take plain rows; ``load_*`` functions are the few bounded queries that read them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Prefetch, Sum

from proficio.programs import grid
from proficio.programs.coaching import coaching_days_text
from proficio.programs.models import (
    ChangeKind,
    Cohort,
    CohortSchool,
    Event,
    EventAttendance,
    GridActivity,
    GridStatus,
    Initiative,
    Phase,
)
from proficio.roster.models import Network, School

TECHNICAL_COLOUR = "#1f5fa8"  # the site's accent
ADAPTIVE_COLOUR = "#b35900"  # an orange that meets AA contrast on white
SHARES = (0.5, 0.8)  # seed 000: at least 11 and at least 17 of 21


# --- The initiatives, their cohorts and phases (Table 1). --------------------------------------------------------


def grant_text(amount: Decimal) -> str:
    """ "$25,000", "$1,250.50", or "—" for no grant."""
    if not amount:
        return "—"
    whole = amount == amount.to_integral_value()
    return f"${amount:,.0f}" if whole else f"${amount:,.2f}"


@dataclass(frozen=True)
class PhaseLine:
    kind: str  # "Implementation year 1"
    starts_on: date
    ends_on: date
    grant: str
    coaching_days: str
    supports: tuple[str, ...]


@dataclass(frozen=True)
class SchoolLine:
    school_id: int
    name: str
    joined_on: date


@dataclass(frozen=True)
class CohortView:
    cohort_id: int
    name: str
    schools: tuple[SchoolLine, ...]
    phases: tuple[PhaseLine, ...]


@dataclass(frozen=True)
class InitiativeView:
    initiative: Initiative
    cohorts: tuple[CohortView, ...]


def phase_line(phase: Phase) -> PhaseLine:
    return PhaseLine(
        kind=phase.get_kind_display(),
        starts_on=phase.starts_on,
        ends_on=phase.ends_on,
        grant=grant_text(phase.grant_amount),
        coaching_days=coaching_days_text(phase.coaching_days_min, phase.coaching_days_max),
        supports=tuple(str(s) for s in phase.supports or ()),
    )


def load_initiatives(*, network: Network) -> list[InitiativeView]:
    """The network's initiatives, oldest first, each cohort with its schools (by name) and phases (by start)."""
    memberships = CohortSchool.objects.select_related("school").order_by("school__name")
    cohorts = Cohort.objects.prefetch_related(
        Prefetch("memberships", queryset=memberships), Prefetch("phases", queryset=Phase.objects.order_by("starts_on"))
    )
    initiatives = Initiative.objects.filter(network=network).prefetch_related(Prefetch("cohorts", queryset=cohorts))
    return [
        InitiativeView(
            initiative,
            tuple(
                CohortView(
                    cohort.pk,
                    cohort.name,
                    tuple(SchoolLine(m.school_id, m.school.name, m.joined_on) for m in cohort.memberships.all()),
                    tuple(phase_line(p) for p in cohort.phases.all()),
                )
                for cohort in initiative.cohorts.all()
            ),
        )
        for initiative in initiatives
    ]


# --- The Implementation Grid across schools. ---------------------------------------------------------------------


def thresholds(activities: int) -> tuple[int, ...]:
    """The completion counts the report's figures use, for a network of ``activities`` (21 → 11 and 17)."""
    return tuple(max(1, math.ceil(share * activities - 1e-9)) for share in SHARES) if activities else ()


def in_progress(cells: Iterable[grid.Cell], school_ids: Sequence[int]) -> dict[int, int]:
    """Each school's activities in progress."""
    counts = Counter(c.school_id for c in cells if c.status == GridStatus.Status.IN_PROGRESS)
    return {pk: counts[pk] for pk in school_ids}


@dataclass(frozen=True)
class SchoolGridLine:
    school_id: int
    name: str
    completion: grid.Completion
    in_progress: int


@dataclass(frozen=True)
class ActivityLine:
    rank: int
    number: int
    criterion: str
    change: str  # ChangeKind value
    completion: grid.Completion
    priorities: int  # schools that marked it a priority

    @property
    def change_label(self) -> str:
        return "Technical" if self.change == ChangeKind.TECHNICAL else "Adaptive"


@dataclass(frozen=True)
class AtLeast:
    complete: int
    schools: int


@dataclass(frozen=True)
class GridAnalytics:
    activities: int
    schools: tuple[SchoolGridLine, ...]  # most complete first
    at_least: tuple[AtLeast, ...]
    ranked: tuple[ActivityLine, ...]
    highest: tuple[ActivityLine, ...]
    lowest: tuple[ActivityLine, ...]


def grid_analytics(
    *,
    cells: Sequence[grid.Cell],
    schools: Sequence[tuple[int, str]],
    activities: Sequence[tuple[int, str, str]],
    priorities: Mapping[int, int],
) -> GridAnalytics:
    """The grid's figures over ``schools`` (id, name) and the network's ``activities`` (number, criterion, kind)."""
    ids = [pk for pk, _ in schools]
    completions = grid.school_completion(cells, ids, activities=len(activities))
    going = in_progress(cells, ids)
    school_lines = sorted(
        (SchoolGridLine(pk, name, completions[pk], going[pk]) for pk, name in schools),
        key=lambda line: (-line.completion.complete, -line.in_progress, line.name),
    )
    criteria = {number: criterion for number, criterion, _ in activities}
    ranked = grid.activity_completion(cells, ids, {number: kind for number, _, kind in activities})
    lines = tuple(
        ActivityLine(i, r.number, criteria[r.number], r.change, r.completion, priorities.get(r.number, 0))
        for i, r in enumerate(ranked, start=1)
    )
    n = min(5, len(lines) // 2)
    by_number = {line.number: line for line in lines}
    highest, lowest = grid.highest_and_lowest(ranked, n) if n else ([], [])
    return GridAnalytics(
        activities=len(activities),
        schools=tuple(school_lines),
        at_least=tuple(AtLeast(k, grid.schools_at_least(completions, k)) for k in thresholds(len(activities))),
        ranked=lines,
        highest=tuple(by_number[r.number] for r in highest),
        lowest=tuple(by_number[r.number] for r in lowest),
    )


def load_grid_analytics(*, network: Network, schools: Sequence[School]) -> GridAnalytics:
    """Three queries: the network's activities, the schools' statuses, and their priorities per activity."""
    ids = [s.pk for s in schools]
    activities = list(GridActivity.objects.filter(network=network).values_list("number", "criterion", "change"))
    marked = (
        GridStatus.objects.filter(school_id__in=ids, activity__network=network, is_priority=True)
        .values("activity__number")
        .annotate(n=Count("pk"))
    )
    cells = [c for c in grid.load_cells(ids) if c.activity in {number for number, _, _ in activities}]
    return grid_analytics(
        cells=cells,
        schools=[(s.pk, s.name) for s in schools],
        activities=activities,
        priorities={row["activity__number"]: row["n"] for row in marked},
    )


def kinds_sentence(analytics: GridAnalytics) -> str:
    """Table 2 in words: how many of the most completed are technical, and of the least completed adaptive."""
    if not analytics.highest:
        return "The network has too few activities to compare the most and the least completed."
    n = len(analytics.highest)
    technical = sum(1 for line in analytics.highest if line.change == ChangeKind.TECHNICAL)
    adaptive = sum(1 for line in analytics.lowest if line.change == ChangeKind.ADAPTIVE)
    return (
        f"Of the {n} most completed activities, {technical} {'is' if technical == 1 else 'are'} technical; "
        f"of the {n} least completed, {adaptive} {'is' if adaptive == 1 else 'are'} adaptive."
    )


def chart_spec(analytics: GridAnalytics) -> dict[str, Any] | None:
    """Vega-Lite: a bar per activity, most completed first, its height the share of schools complete, coloured by
    whether the change is technical or adaptive."""
    import altair as alt  # imported on first use: it is large

    rows = [line for line in analytics.ranked if line.completion.applicable]
    if not rows:
        return None
    values = [
        {
            "activity": f"({line.number})",
            "share": round(100 * (line.completion.share or 0.0), 1),
            "completed": str(line.completion),
            "kind": line.change_label,
        }
        for line in rows
    ]
    order = [f"({line.number})" for line in rows]
    colour = alt.Scale(domain=["Technical", "Adaptive"], range=[TECHNICAL_COLOUR, ADAPTIVE_COLOUR])
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            x=alt.X("activity:N", title="Activity, most completed first", sort=order),
            y=alt.Y("share:Q", title="Schools complete (%)", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("kind:N", scale=colour, title=None, legend=alt.Legend(orient="top")),
            tooltip=[
                alt.Tooltip("activity:N"),
                alt.Tooltip("completed:N", title="schools complete"),
                alt.Tooltip("kind:N"),
            ],
        )
        .properties(width="container", height=220)
    )
    return chart.to_dict(validate=False)


# --- Events and attendance. ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventLine:
    event: Event
    schools: int
    attendees: int


def load_event_lines(*, network: Network) -> list[EventLine]:
    """The network's events by date, each with the schools that came and how many people."""
    events = (
        Event.objects.filter(network=network)
        .select_related("cohort")
        .annotate(schools=Count("attendances"), attendees=Sum("attendances__attendees"))
        .order_by("held_on", "pk")
    )
    return [EventLine(e, e.schools, e.attendees or 0) for e in events]


@dataclass(frozen=True)
class MatrixRow:
    school_id: int
    name: str
    cells: tuple[int | None, ...]  # attendees per event, None when the school did not come
    came: int


def attendance_matrix(
    *, schools: Sequence[tuple[int, str]], event_ids: Sequence[int], attendance: Mapping[tuple[int, int], int]
) -> list[MatrixRow]:
    """Schools × events: each cell the attendees of ``attendance[(event, school)]``, None when it did not come."""
    rows = []
    for pk, name in schools:
        cells = tuple(attendance.get((event_id, pk)) for event_id in event_ids)
        rows.append(MatrixRow(pk, name, cells, sum(1 for c in cells if c)))
    return rows


def load_attendance(event_ids: Sequence[int]) -> dict[tuple[int, int], int]:
    rows = EventAttendance.objects.filter(event_id__in=event_ids).values_list("event_id", "school_id", "attendees")
    return {(event_id, school_id): attendees for event_id, school_id, attendees in rows}


def save_attendance(*, event: Event, counts: Mapping[int, int]) -> None:
    """Set the event's attendance to ``counts`` (school id → attendees; 0 means it did not come), all at once."""
    with transaction.atomic():
        EventAttendance.objects.filter(event=event, school_id__in=[pk for pk, n in counts.items() if n == 0]).delete()
        for school_id, attendees in counts.items():
            if attendees:
                EventAttendance.objects.update_or_create(
                    event=event, school_id=school_id, defaults={"attendees": attendees}
                )
