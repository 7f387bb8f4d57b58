"""A school's action plans: one per school year, owned by its leadership team with its coach (seed 000: "each
school's assigned coach works with a representative leadership team to develop an action plan informed by Global
Best Practices").

- **Write** — create the year's plan, add a step, change a step's status and progress: the school's leadership
  team, its leaders and its coaches. **Read**: whoever reaches the school's programs pages (its network's staff and
  its district's administrators read only).
- The **current** plan is the one for the current school year or a later one (school years begin in August:
  programs.school_years); earlier years' plans are kept read-only.
- A step serves a grid activity of the school's network and a Global Best Practices dimension of an edition the
  school has been assessed on (any edition's when it has none yet).
- Every change to a step is kept in its history, with who made it (simple-history reads the request's user).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet

from proficio.programs.coaching import display_name
from proficio.programs.models import ActionPlan, ActionStep, GbpDimension, GridActivity
from proficio.programs.school_years import school_year_of
from proficio.roster.models import School

SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def school_year_label(start: int) -> str:
    """2026 → "2026-27", as plans are named."""
    return f"{start}-{(start + 1) % 100:02d}"


def current_school_year(today: date) -> str:
    return school_year_label(school_year_of(today))


def parse_school_year(text: str) -> int | None:
    """The year a school year written "2026-27" begins in; None unless the two years follow each other."""
    match = SCHOOL_YEAR.match(text.strip())
    if match is None or (int(match[1]) + 1) % 100 != int(match[2]):
        return None
    return int(match[1])


def is_current(plan: ActionPlan, today: date) -> bool:
    return plan.school_year >= current_school_year(today)


def split_plans(school: School, today: date) -> tuple[ActionPlan | None, list[ActionPlan]]:
    """The current plan (the newest, when it is not an earlier year's) and the earlier years' plans, newest first."""
    plans = list(ActionPlan.objects.filter(school=school).order_by("-school_year"))
    if plans and is_current(plans[0], today):
        return plans[0], plans[1:]
    return None, plans


def create_plan(*, school: School, title: str, school_year: str) -> ActionPlan:
    return ActionPlan.objects.create(school=school, title=title, school_year=school_year)


def activity_choices(school: School) -> QuerySet[GridActivity]:
    return GridActivity.objects.filter(network=school.district.network)


def dimension_choices(school: School) -> QuerySet[GbpDimension]:
    """Dimensions of the editions the school has administrations in, or every dimension when it has none."""
    dimensions = GbpDimension.objects.select_related("strand__edition").order_by(
        "strand__edition__name", "strand__position", "code"
    )
    assessed = dimensions.filter(strand__edition__administrations__school=school).distinct()
    return assessed if assessed.exists() else dimensions


def add_step(
    *,
    plan: ActionPlan,
    action: str,
    owner: str,
    dimension: GbpDimension | None = None,
    activity: GridActivity | None = None,
    due_on: date | None = None,
    status: str = ActionStep.Status.PLANNED,
    progress_note: str = "",
) -> ActionStep:
    return ActionStep.objects.create(
        plan=plan,
        action=action,
        owner=owner,
        dimension=dimension,
        activity=activity,
        due_on=due_on,
        status=status,
        progress_note=progress_note,
    )


def update_step(*, step: ActionStep, status: str, progress_note: str) -> ActionStep:
    """Change a step's status and progress note; an unchanged step writes no history."""
    if (step.status, step.progress_note) != (status, progress_note):
        step.status, step.progress_note = status, progress_note
        step.save(update_fields=["status", "progress_note"])
    return step


@dataclass(frozen=True)
class Change:
    by: str | None  # None when the change was written outside a request (an import, the demo)
    at: datetime
    status: str
    progress_note: str


@dataclass(frozen=True)
class StepLine:
    step: ActionStep
    last_change: Change | None


def _change(record: Any) -> Change:  # a historical ActionStep, a class simple-history makes at run time
    status = record.status
    return Change(
        by=display_name(record.history_user) if record.history_user_id else None,
        at=record.history_date,
        status=ActionStep.Status(status).label if status in ActionStep.Status.values else status,
        progress_note=record.progress_note,
    )


def step_history(step: ActionStep) -> list[Change]:
    """Every version of the step, newest first."""
    return [_change(r) for r in step.history.select_related("history_user").order_by("-history_date", "-pk")]


def step_lines(plan: ActionPlan) -> list[StepLine]:
    """The plan's steps, each with its latest change (one query for all the histories)."""
    steps = list(plan.steps.select_related("dimension", "activity"))
    latest: dict[int, Change] = {}
    records = (
        ActionStep.history.filter(id__in=[s.pk for s in steps])
        .select_related("history_user")
        .order_by("id", "-history_date", "-pk")
    )
    for record in records:
        latest.setdefault(record.id, _change(record))
    return [StepLine(step, latest.get(step.pk)) for step in steps]
