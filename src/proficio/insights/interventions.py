"""Intervention plans: starting one (from a flag or not), monitoring it, ending it, and how well each kind works.

A plan's goal names performance indicators; its status is always read from the student's evidence — the
indicator results the engine keeps — never typed in: "proficient on 1 of 3 goal indicators". When the plan ends,
that status is frozen on it (``goal_met``, ``goal_evidence``), and its flag closes. A plan is *overdue for a
check-in* when no progress note has been written within ``check_every_days`` of the last one (or of the start).

Invariants: a plan is only changed while open; notes are never edited; every check here that could refuse
raises ``PlanError`` naming the field, before anything is written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from proficio.accounts.models import Membership, Role, User
from proficio.insights import flag_register
from proficio.insights.models import InterventionKind, InterventionPlan, ProgressNote, Strategy, StudentFlag
from proficio.proficiency.models import IndicatorResult
from proficio.roster.models import Student
from proficio.standards.models import PerformanceIndicator


class PlanError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class GoalLine:
    """One goal indicator and where the student's evidence puts them on it today."""

    indicator_id: int
    code: str
    statement: str
    level: str | None  # None: not enough evidence for a level yet
    proficient: bool


def goal_status(plan: InterventionPlan) -> list[GoalLine]:
    indicators = list(plan.goal_indicators.order_by("standard__code", "position", "code"))
    results = {
        result.indicator_id: result
        for result in IndicatorResult.objects.filter(
            student_id=plan.student_id, indicator__in=indicators
        ).select_related("level")
    }
    lines = []
    for indicator in indicators:
        result = results.get(indicator.pk)
        level = result.level.label if result is not None and result.level is not None else None
        proficient = bool(result is not None and result.is_proficient)
        lines.append(GoalLine(indicator.pk, indicator.code, indicator.statement, level, proficient))
    return lines


def goal_words(lines: Sequence[GoalLine]) -> str:
    """The goal's status in one sentence: "Proficient on 1 of 3 goal indicators (M.1: Proficient; …)"."""
    met = sum(line.proficient for line in lines)
    each = "; ".join(f"{line.code}: {line.level or 'no level yet'}" for line in lines)
    return f"Proficient on {met} of {len(lines)} goal indicators ({each})."


def _check_responsible(student: Student, responsible: User) -> None:
    staff = responsible.memberships.active().exclude(role__in=[Role.STUDENT, Role.GUARDIAN, Role.COACH])
    at_school = staff.filter(school_id=student.school_id) | staff.filter(district__schools=student.school_id)
    if not at_school.exists():
        raise PlanError("responsible", f"{responsible.get_full_name()} is not on the staff of the student's school.")


def _check_choices(
    student: Student,
    *,
    tier: int,
    kind: str,
    indicators: Sequence[PerformanceIndicator],
    strategies: Iterable[Strategy],
) -> None:
    if tier not in InterventionPlan.Tier.values:
        raise PlanError("tier", "A plan is tier 2 or tier 3.")
    if kind not in InterventionKind.values:
        raise PlanError("kind", f"Unknown kind of intervention: {kind!r}.")
    if not indicators:
        raise PlanError("goal_indicators", "Name at least one performance indicator the goal is about.")
    district = student.school.district_id
    if any(i.standard.framework.district_id != district for i in indicators):
        raise PlanError("goal_indicators", "Goal indicators come from the student's own district's framework.")
    for strategy in strategies:
        fits_tier = strategy.for_tier_2 if tier == 2 else strategy.for_tier_3
        if strategy.district_id != district or strategy.kind != kind or not fits_tier:
            raise PlanError("strategies", f"“{strategy.name}” is not in the library for tier {tier} {kind}.")


@transaction.atomic
def create_plan(
    *,
    student: Student,
    by: User,
    tier: int,
    kind: str,
    block: str,
    responsible: User,
    start_date: date,
    weeks: int,
    goal: str,
    indicators: Sequence[PerformanceIndicator],
    strategies: Sequence[Strategy] = (),
    check_every_days: int,
    flag: StudentFlag | None = None,
) -> InterventionPlan:
    _check_choices(student, tier=tier, kind=kind, indicators=indicators, strategies=strategies)
    _check_responsible(student, responsible)
    if flag is not None and (flag.student_id != student.pk or flag.closed_at is not None):
        raise PlanError("flag", "That flag is not an open flag of this student.")
    if weeks < 1 or check_every_days < 1:
        raise PlanError("weeks", "A plan lasts at least a week and is checked at least every few days.")
    plan = InterventionPlan.objects.create(
        student=student,
        flag=flag,
        tier=tier,
        kind=kind,
        block=block.strip(),
        responsible=responsible,
        start_date=start_date,
        weeks=weeks,
        goal=goal.strip(),
        check_every_days=check_every_days,
        created_by=by,
    )
    plan.goal_indicators.set(indicators)
    plan.strategies.set(strategies)
    return plan


def add_note(*, plan: InterventionPlan, by: User, note: str, on: date | None = None) -> ProgressNote:
    if not plan.is_open:
        raise PlanError("note", "This plan has ended: its record is closed.")
    if not note.strip():
        raise PlanError("note", "Write what you saw.")
    goal = goal_words(goal_status(plan))
    return ProgressNote.objects.create(
        plan=plan, written_by=by, written_on=on or timezone.localdate(), note=note.strip(), goal_status=goal[:500]
    )


@transaction.atomic
def end_plan(*, plan: InterventionPlan, ending: str, on: date | None = None) -> InterventionPlan:
    """End the plan: freeze the goal's status from the student's evidence today, and close its flag."""
    if not plan.is_open:
        raise PlanError("ending", "This plan has already ended.")
    if ending not in InterventionPlan.Ending.values:
        raise PlanError("ending", "Say how the plan ended.")
    lines = goal_status(plan)
    plan.ended_on = on or timezone.localdate()
    plan.ending = ending
    plan.goal_met = bool(lines) and all(line.proficient for line in lines)
    plan.goal_evidence = goal_words(lines)
    plan.save(update_fields=["ended_on", "ending", "goal_met", "goal_evidence"])
    flag_register.close_for_plan(plan)
    return plan


def next_check(plan: InterventionPlan, last_note: date | None) -> date:
    return (last_note or plan.start_date) + timedelta(days=plan.check_every_days)


@dataclass(frozen=True)
class PlanLine:
    """One plan in a list: whose, what, who is responsible, and whether a check-in is overdue."""

    plan_id: int
    student_id: int
    name: str
    tier: int
    kind: str
    responsible: str
    start_date: date
    planned_end: date
    next_check: date | None  # None: the plan has ended
    overdue: bool
    ended_on: date | None
    goal_met: bool | None


def plan_lines(plans: QuerySet[InterventionPlan], today: date | None = None) -> list[PlanLine]:
    today = today or timezone.localdate()
    found = plans.select_related("student__user", "responsible").annotate(last_note=Max("notes__written_on"))
    lines = []
    for plan in found:
        due = next_check(plan, plan.last_note) if plan.is_open else None  # type: ignore[attr-defined]
        lines.append(
            PlanLine(
                plan.pk,
                plan.student_id,
                plan.student.user.get_full_name(),
                plan.tier,
                plan.get_kind_display(),
                plan.responsible.get_full_name() or plan.responsible.username,
                plan.start_date,
                plan.start_date + timedelta(weeks=plan.weeks),
                due,
                due is not None and due < today,
                plan.ended_on,
                plan.goal_met,
            )
        )
    return lines


@dataclass(frozen=True)
class Effectiveness:
    """For one kind and tier of intervention: plans ended, and how many ended with the goal met on evidence."""

    kind: str
    tier: int
    ended: int
    on_target: int
    still_open: int

    @property
    def share(self) -> float | None:
        return self.on_target / self.ended if self.ended else None


def effectiveness(outcomes: Iterable[tuple[str, int, bool | None, bool]]) -> list[Effectiveness]:
    """From (kind, tier, goal met, ended) per plan: the exit rate on target per kind and tier, kinds in order."""
    tally: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    for kind, tier, goal_met, ended in outcomes:
        counts = tally[(kind, tier)]
        if ended:
            counts[0] += 1
            counts[1] += bool(goal_met)
        else:
            counts[2] += 1
    order = {value: n for n, value in enumerate(InterventionKind.values)}
    return [
        Effectiveness(InterventionKind(kind).label, tier, *counts)
        for (kind, tier), counts in sorted(tally.items(), key=lambda item: (order.get(item[0][0], 99), item[0][1]))
    ]


def school_effectiveness(*, school_ids: Sequence[int]) -> list[Effectiveness]:
    """Every plan of the schools' students (the schools already checked), tallied by kind and tier."""
    rows = InterventionPlan.objects.filter(student__school_id__in=school_ids).values_list(
        "kind", "tier", "goal_met", "ended_on"
    )
    return effectiveness((kind, tier, met, ended is not None) for kind, tier, met, ended in rows)


def school_staff(*, school_id: int) -> QuerySet[User]:
    """Who may be responsible for a plan at this school: its staff (not coaches) and its district's admins."""
    memberships = Membership.objects.filter(is_active=True)
    at_school = memberships.filter(
        school_id=school_id, role__in=[Role.SCHOOL_LEADER, Role.TEACHER, Role.ADVISOR]
    ).values("user_id")
    admins = memberships.filter(role=Role.DISTRICT_ADMIN, district__schools=school_id).values("user_id")
    return (
        User.objects.filter(is_active=True)
        .filter(Q(pk__in=at_school) | Q(pk__in=admins))
        .order_by("last_name", "first_name", "username")
    )


def goal_choices(*, student: Student) -> QuerySet[PerformanceIndicator]:
    """The indicators a goal may name: those of the current framework the student is not yet proficient on (all
    of them, when they are proficient everywhere), work habits included. Those the student's evidence puts below
    proficient come first, each annotated with its level (``current_level``: None when there is no level yet)."""
    current = PerformanceIndicator.objects.filter(
        standard__framework__district_id=student.school.district_id, standard__framework__is_current=True
    )
    mine = IndicatorResult.objects.filter(student=student)
    not_yet = current.exclude(pk__in=mine.filter(is_proficient=True).values("indicator_id"))
    level = mine.filter(indicator=OuterRef("pk"), level__isnull=False).values("level__label")[:1]
    return (
        (not_yet if not_yet.exists() else current)
        .annotate(current_level=Subquery(level), assessed=Exists(level))
        .select_related("standard")
        .order_by("-assessed", "standard__code", "position", "code")
    )
