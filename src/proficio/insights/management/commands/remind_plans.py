"""``manage.py remind_plans``: email each responsible staff member their plans overdue for a check-in (daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from proficio.insights.reminders import send_reminders


class Command(BaseCommand):
    help = "Email each responsible staff member their intervention plans overdue for a check-in."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders()
        self.stdout.write(f"{sent} reminder email{'s' if sent != 1 else ''} sent.")
