"""Improvement cycles (Plan–Do–Study–Act): a school's small tests of change, each measured by one dashboard figure.

Starting a cycle measures its metric (``metrics``) and keeps the value as *before*; studying it measures the
metric again as *after*, so the change is read from the same figure the dashboards show, never typed in.
Deciding (adopt, adapt or abandon) ends the cycle; an ended cycle is a record and is not changed again.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from proficio.accounts.models import User
from proficio.insights import metrics
from proficio.insights.models import ImprovementCycle
from proficio.roster.models import School


class CycleError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def start_cycle(*, school: School, by: User, title: str, metric: str, plan: str) -> ImprovementCycle:
    try:
        chosen = metrics.metric(key=metric, school_id=school.pk)
    except metrics.UnknownMetric as unknown:
        raise CycleError("metric", str(unknown)) from unknown
    if not title.strip() or not plan.strip():
        raise CycleError("plan", "Name the change and say what you predict it will do.")
    return ImprovementCycle.objects.create(
        school=school,
        title=title.strip(),
        metric=chosen.key,
        metric_label=chosen.label,
        plan=plan.strip(),
        value_before=metrics.measure(key=chosen.key, school_id=school.pk),
        measured_before_at=timezone.now(),
        created_by=by,
    )


def record_progress(
    *, cycle: ImprovementCycle, do: str, study: str, measure_again: bool, decision: str = "", act: str = ""
) -> ImprovementCycle:
    """Write the Do and Study notes, measure the metric again if asked, and end the cycle on a decision."""
    if cycle.ended_on is not None:
        raise CycleError("decision", "This cycle has ended: its record is closed.")
    if decision and decision not in ImprovementCycle.Decision.values:
        raise CycleError("decision", "Adopt, adapt or abandon.")
    cycle.do, cycle.study, cycle.act = do.strip(), study.strip(), act.strip()
    if measure_again or (decision and cycle.value_after is None):
        cycle.value_after = metrics.measure(key=cycle.metric, school_id=cycle.school_id)
        cycle.measured_after_at = timezone.now()
    if decision:
        cycle.decision, cycle.ended_on = decision, timezone.localdate()
    cycle.save()
    return cycle


@dataclass(frozen=True)
class CycleLine:
    """A cycle as lists show it: its figure before and after, and the change, in words."""

    cycle: ImprovementCycle
    before: str
    after: str
    change: str


def cycle_line(cycle: ImprovementCycle) -> CycleLine:
    is_share = metrics.is_share(cycle.metric)
    return CycleLine(
        cycle,
        metrics.shown(cycle.value_before, is_share=is_share),
        metrics.shown(cycle.value_after, is_share=is_share) if cycle.measured_after_at else "not measured yet",
        metrics.change(cycle.value_before, cycle.value_after, is_share=is_share) if cycle.measured_after_at else "—",
    )
