"""Flags kept as records: raised when a rule first flags a student, closed when it no longer does or a plan ends.

``flags`` computes who is flagged right now; ``refresh`` brings the stored flags of some schools in step with
that, so that an advisor can act on a flag and a leader can see when it closed and why. It is idempotent: run
twice, it changes nothing the second time. Invariants: at most one open flag per student and rule (a database
constraint); a flag closed because its plan ended is not reopened — if the rule still holds, a new flag is
raised, so that the next step (another tier, another plan) is decided afresh.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from proficio.insights import flags
from proficio.insights.models import InterventionPlan, StudentFlag


@dataclass(frozen=True)
class OpenFlag:
    """A stored open flag as the flag lists show it, with the open plan acting on it if there is one."""

    flag_id: int
    student_id: int
    name: str
    rule: str
    why: str
    raised_on: str
    plan_id: int | None

    @property
    def rule_name(self) -> str:
        return flags.rule_name(self.rule)


@transaction.atomic
def refresh(*, school_ids: Sequence[int]) -> None:
    """Open, update and close the stored flags of the schools' students (the schools already checked)."""
    current = {(flag.student_id, flag.rule): flag for flag in flags.school_flags(school_ids)}
    stored = {
        (flag.student_id, flag.rule): flag
        for flag in StudentFlag.objects.select_for_update().filter(
            student__school_id__in=school_ids, closed_at__isnull=True
        )
    }
    now = timezone.now()
    for key, flag in stored.items():
        if key not in current:
            flag.closed_at, flag.closed_because = now, StudentFlag.ClosedBecause.NO_LONGER_FLAGGED
            flag.save(update_fields=["closed_at", "closed_because"])
        elif flag.why != current[key].why[:500]:
            flag.why = current[key].why[:500]
            flag.save(update_fields=["why"])
    StudentFlag.objects.bulk_create(
        StudentFlag(student_id=student, rule=rule, why=raised.why[:500], raised_at=now)
        for (student, rule), raised in current.items()
        if (student, rule) not in stored
    )


def open_flags(*, school_ids: Sequence[int], students: Collection[int] | None = None) -> list[OpenFlag]:
    """The open flags of the schools' students (or only of ``students``), by name, with their open plans."""
    found = StudentFlag.objects.filter(student__school_id__in=school_ids, closed_at__isnull=True)
    if students is not None:
        found = found.filter(student_id__in=students)
    rows = list(found.select_related("student__user").order_by("student__user__last_name", "student_id", "rule"))
    plans = dict(InterventionPlan.objects.filter(flag__in=rows, ended_on__isnull=True).values_list("flag_id", "pk"))
    return [
        OpenFlag(
            flag.pk,
            flag.student_id,
            flag.student.user.get_full_name(),
            flag.rule,
            flag.why,
            timezone.localtime(flag.raised_at).date().isoformat(),
            plans.get(flag.pk),
        )
        for flag in rows
    ]


def close_for_plan(plan: InterventionPlan) -> None:
    """A plan ended: its flag closes with it."""
    if plan.flag_id is not None:
        StudentFlag.objects.filter(pk=plan.flag_id, closed_at__isnull=True).update(
            closed_at=timezone.now(), closed_because=StudentFlag.ClosedBecause.PLAN_ENDED
        )
