"""Reminders of overdue check-ins: one email per responsible staff member, listing their overdue plans.

Run daily (``proficio remind-plans``, or cron on ``manage.py remind_plans``). A plan is reminded once per overdue
check-in: after a reminder, it is reminded again only once a new check-in falls due (a note written moves the
due date on), so running the command twice a day sends nothing the second time.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Max
from django.utils import timezone

from proficio.accounts.models import User
from proficio.insights.interventions import next_check
from proficio.insights.models import InterventionPlan


def due_reminders(today: date) -> dict[User, list[InterventionPlan]]:
    """The open plans overdue for a check-in and not yet reminded of it, by responsible staff member."""
    found: dict[User, list[InterventionPlan]] = defaultdict(list)
    plans = (
        InterventionPlan.objects.filter(ended_on__isnull=True)
        .select_related("responsible", "student__user")
        .annotate(last_note=Max("notes__written_on"))
        .order_by("responsible_id", "start_date", "pk")
    )
    for plan in plans:
        due = next_check(plan, plan.last_note)  # type: ignore[attr-defined]
        reminded = plan.reminded_on is not None and plan.reminded_on >= due
        if due < today and not reminded and plan.responsible.is_active:
            found[plan.responsible].append(plan)
    return found


def _message(person: User, plans: list[InterventionPlan], today: date) -> str:
    base = getattr(settings, "PROFICIO_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    lines = [f"Hello {person.first_name or person.username},", "", "These plans are overdue for a check-in:", ""]
    for plan in plans:
        last = plan.last_note  # type: ignore[attr-defined]
        since = f"last note {last.isoformat()}" if last else f"no note since the start on {plan.start_date}"
        lines.append(f"- {plan.student.user.get_full_name()}: tier {plan.tier} {plan.get_kind_display().lower()}")
        lines.append(f"  ({since}; checked every {plan.check_every_days} days) {base}/insights/plans/{plan.pk}/")
    lines += ["", f"Sent by proficio on {today.isoformat()}."]
    return "\n".join(lines)


def send_reminders(*, today: date | None = None) -> int:
    """Email every responsible staff member their overdue plans; returns how many emails were sent."""
    today = today or timezone.localdate()
    sent = 0
    for person, plans in due_reminders(today).items():
        if not person.email:
            continue
        subject = f"{len(plans)} intervention plan{'s' if len(plans) != 1 else ''} overdue for a check-in"
        send_mail(subject, _message(person, plans, today), None, [person.email])
        InterventionPlan.objects.filter(pk__in=[plan.pk for plan in plans]).update(reminded_on=today)
        sent += 1
    return sent
