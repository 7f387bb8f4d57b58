"""Coaching days planned against used, and what the days focused on.

- A phase's **planned** days are its cohort's entitlement, ``coaching_days_min`` to ``coaching_days_max`` (seed
  000's Table 1: "20–30 days coaching"); one number when they are equal.
- A phase's **used** days are the sum of the school's sessions' days held within the phase's dates, both ends
  included. A session outside every phase counts in none.
- The **share** is used over the planned minimum (the floor the school is entitled to); none when no day is planned.
- **Expected by today** is the planned minimum spread evenly over the phase's days, counted up to today (all of it
  once the phase has ended); **behind** is expected minus used, in days (negative when ahead). The network's
  overview lists the schools furthest behind first, so a cohort in a young phase is not read as behind.
- The **focus tally** is the days by focus area. A session with several focus areas counts its days for each, so
  the tallies may add up to more than the days used.

Pure functions over plain ``Session`` and ``PhasePlan`` values; the ``load_*`` functions are the queries that
build them for schools already checked as the reader's, and ``log_session`` writes a session.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from proficio.accounts.models import Membership, Role, User
from proficio.programs.models import CoachingSession, CohortSchool, FocusArea, Phase
from proficio.roster.models import School

ZERO = Decimal(0)


def coaching_days_text(days_min: int, days_max: int) -> str:
    """ "20–30" for a range, "60" for a number, "—" for none."""
    if days_max > days_min:
        return f"{days_min}–{days_max}"
    return str(days_min) if days_min else "—"


@dataclass(frozen=True)
class Session:
    school_id: int
    held_on: date
    days: Decimal
    focus_areas: tuple[str, ...]


@dataclass(frozen=True)
class PhasePlan:
    phase_id: int
    cohort: str
    kind: str  # "Implementation year 1"
    starts_on: date
    ends_on: date
    days_min: int
    days_max: int

    @property
    def planned(self) -> str:
        return coaching_days_text(self.days_min, self.days_max)

    def contains(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class PhaseUse:
    plan: PhasePlan
    used: Decimal
    sessions: int
    expected: float
    is_current: bool

    @property
    def share(self) -> float | None:
        return float(self.used) / self.plan.days_min if self.plan.days_min else None

    @property
    def behind(self) -> float:
        return self.expected - float(self.used)


def days_used(sessions: Iterable[Session], plan: PhasePlan) -> Decimal:
    """The days of the sessions held within the phase's dates."""
    return sum((s.days for s in sessions if plan.contains(s.held_on)), ZERO)


def expected_by(plan: PhasePlan, today: date) -> float:
    """The planned minimum spread evenly over the phase's days, up to and including ``today``."""
    if today < plan.starts_on:
        return 0.0
    if today >= plan.ends_on:
        return float(plan.days_min)
    elapsed = (today - plan.starts_on).days + 1
    return plan.days_min * elapsed / ((plan.ends_on - plan.starts_on).days + 1)


def phase_use(sessions: Sequence[Session], plan: PhasePlan, today: date) -> PhaseUse:
    held = [s for s in sessions if plan.contains(s.held_on)]
    return PhaseUse(
        plan=plan,
        used=sum((s.days for s in held), ZERO),
        sessions=len(held),
        expected=expected_by(plan, today),
        is_current=plan.contains(today),
    )


def current_and_earlier(plans: Iterable[PhasePlan], today: date) -> list[PhasePlan]:
    """The phase under way (if any) then the phases that have ended, newest first; phases to come are left out."""
    begun = [p for p in plans if p.starts_on <= today]
    return sorted(begun, key=lambda p: p.starts_on, reverse=True)


def focus_tally(sessions: Iterable[Session]) -> dict[str, Decimal]:
    """Days by focus area, every area listed (in FocusArea's order); a session counts for each of its areas."""
    tally = {area.value: ZERO for area in FocusArea}
    for session in sessions:
        for area in set(session.focus_areas):
            if area in tally:
                tally[area] += session.days
    return tally


@dataclass(frozen=True)
class FocusLine:
    label: str
    this_phase: Decimal | None  # None when no phase is under way
    in_all: Decimal


def focus_lines(sessions: Sequence[Session], current: PhasePlan | None) -> list[FocusLine]:
    """The focus tally of every session and, when a phase is under way, of its sessions."""
    in_all = focus_tally(sessions)
    this_phase = focus_tally([s for s in sessions if current.contains(s.held_on)]) if current else None
    labels = dict(FocusArea.choices)
    return [FocusLine(labels[a], this_phase[a] if this_phase else None, days) for a, days in in_all.items()]


def focus_labels(values: Iterable[str]) -> str:
    """A session's focus areas as words: "Policy, Capacity building"."""
    labels = dict(FocusArea.choices)
    return ", ".join(labels.get(value, value) for value in values)


@dataclass(frozen=True)
class SchoolCoaching:
    """One school's line on its network's coaching overview."""

    school_id: int
    school: str
    coaches: tuple[str, ...]
    cohort: str | None
    use: PhaseUse | None  # the phase under way
    last_session: date | None


def school_coaching(
    *,
    school_id: int,
    school: str,
    coaches: Sequence[str],
    plans: Sequence[PhasePlan],
    sessions: Sequence[Session],
    today: date,
) -> SchoolCoaching:
    current = next((p for p in plans if p.contains(today)), None)
    return SchoolCoaching(
        school_id=school_id,
        school=school,
        coaches=tuple(coaches),
        cohort=plans[0].cohort if plans else None,
        use=phase_use(sessions, current, today) if current else None,
        last_session=max((s.held_on for s in sessions if s.held_on <= today), default=None),
    )


def furthest_behind_first(rows: Iterable[SchoolCoaching]) -> list[SchoolCoaching]:
    """Schools in a phase, the most days behind first (then by name); schools in no phase last, by name."""
    return sorted(rows, key=lambda r: (r.use is None, -(r.use.behind if r.use else 0.0), r.school))


# --- Queries: plain values for schools already checked as the reader's. ------------------------------------------


def load_sessions(school_ids: Sequence[int]) -> dict[int, list[Session]]:
    rows = CoachingSession.objects.filter(school_id__in=school_ids).values_list(
        "school_id", "held_on", "days", "focus_areas"
    )
    sessions: dict[int, list[Session]] = defaultdict(list)
    for school_id, held_on, days, areas in rows:
        sessions[school_id].append(Session(school_id, held_on, days, tuple(areas or ())))
    return sessions


def load_phase_plans(school_ids: Sequence[int]) -> dict[int, list[PhasePlan]]:
    """Each school's cohorts' phases, earliest first."""
    cohorts: dict[int, list[int]] = defaultdict(list)
    for school_id, cohort_id in CohortSchool.objects.filter(school_id__in=school_ids).values_list(
        "school_id", "cohort_id"
    ):
        cohorts[cohort_id].append(school_id)
    plans: dict[int, list[PhasePlan]] = defaultdict(list)
    for phase in Phase.objects.filter(cohort_id__in=cohorts).select_related("cohort").order_by("starts_on"):
        plan = PhasePlan(
            phase_id=phase.pk,
            cohort=phase.cohort.name,
            kind=phase.get_kind_display(),
            starts_on=phase.starts_on,
            ends_on=phase.ends_on,
            days_min=phase.coaching_days_min,
            days_max=max(phase.coaching_days_max, phase.coaching_days_min),
        )
        for school_id in cohorts[phase.cohort_id]:
            plans[school_id].append(plan)
    return plans


def load_coach_names(school_ids: Sequence[int]) -> dict[int, list[str]]:
    memberships = (
        Membership.objects.active()
        .filter(role=Role.COACH, school_id__in=school_ids, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    names: dict[int, list[str]] = defaultdict(list)
    for membership in memberships:
        assert membership.school_id is not None
        names[membership.school_id].append(display_name(membership.user))
    return names


def days_text(days: Decimal) -> str:
    """12.0 → "12", 2.5 → "2.5"."""
    return f"{days.normalize():f}"


def display_name(user: User | None) -> str:
    if user is None:
        return "someone no longer here"
    return user.get_full_name() or user.username


def log_session(
    *,
    school: School,
    coach: User,
    held_on: date,
    days: Decimal,
    focus_areas: Sequence[str],
    notes: str = "",
    teacher_check_ins: int = 0,
    check_in_notes: str = "",
) -> CoachingSession:
    """Record a coach's session with a school (the caller has checked the coach is assigned to it)."""
    return CoachingSession.objects.create(
        school=school,
        coach=coach,
        held_on=held_on,
        days=days,
        focus_areas=[area for area in FocusArea.values if area in focus_areas],
        notes=notes,
        teacher_check_ins=teacher_check_ins,
        check_in_notes=check_in_notes,
    )


# --- The overview's chart: a bar of days used per school, a tick at its planned minimum. -------------------------

USED_COLOUR = "#1f5fa8"  # the site's accent
PLAN_COLOUR = "#555f70"  # the site's muted ink


def overview_chart_spec(rows: Sequence[SchoolCoaching]) -> dict[str, Any] | None:
    """Vega-Lite: per school in a phase, its days used this phase as a bar and its planned minimum as a tick."""
    import altair as alt  # imported on first use: it is large

    shown = [r for r in rows if r.use is not None]
    if not shown:
        return None
    values = [
        {
            "school": r.school,
            "used": float(r.use.used),
            "planned": r.use.plan.days_min,
            "expected": round(r.use.expected, 1),
            "range": r.use.plan.planned,
        }
        for r in shown
        if r.use is not None
    ]
    y = alt.Y("school:N", title=None, sort=[r.school for r in shown], axis=alt.Axis(labelLimit=320))
    tooltip = [
        alt.Tooltip("school:N"),
        alt.Tooltip("used:Q", title="days used"),
        alt.Tooltip("range:N", title="days planned"),
        alt.Tooltip("expected:Q", title="expected by today"),
    ]
    base = alt.Chart(alt.Data(values=values))
    x = alt.X("used:Q", title="Coaching days this phase", axis=alt.Axis(tickCount=6))
    bars = base.mark_bar(color=USED_COLOUR, size=14).encode(y=y, x=x, tooltip=tooltip)
    ticks = base.mark_tick(color=PLAN_COLOUR, thickness=4, size=22).encode(y=y, x="planned:Q", tooltip=tooltip)
    chart = alt.layer(bars, ticks).properties(width="container", height=max(80, 24 * len(values)))
    return chart.to_dict(validate=False)


def overview_alternative(rows: Sequence[SchoolCoaching]) -> str:
    """The chart in words: how many schools are behind their plan's pace, and the furthest behind."""
    in_phase = [r for r in rows if r.use is not None]
    if not in_phase:
        return "No school of this network is in a phase of coaching today."
    behind = [r for r in in_phase if r.use is not None and r.use.behind >= 0.5]
    text = f"Of {len(in_phase)} school{'s' if len(in_phase) != 1 else ''} in a phase today, {len(behind)} "
    text += f"{'is' if len(behind) == 1 else 'are'} behind the pace of their planned minimum"
    first = in_phase[0]
    if behind and first.use is not None:
        text += (
            f"; the furthest behind, {first.school}, has used {days_text(first.use.used)} of "
            f"{first.use.plan.planned} planned days where {first.use.expected:.0f} were expected by today"
        )
    return text + ". Bars are days used this phase; ticks mark each school's planned minimum."
