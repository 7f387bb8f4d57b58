"""``manage.py refresh_flags``: bring every school's stored flags in step with the rules (run after the nightly
recompute; the flag pages also refresh the school they show)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from rich.progress import Progress

from proficio.insights.flag_register import refresh
from proficio.insights.models import StudentFlag
from proficio.roster.models import School


class Command(BaseCommand):
    help = "Raise, update and close the stored intervention flags of every school."

    def handle(self, *args: Any, **options: Any) -> None:
        schools = list(School.objects.order_by("pk").values_list("pk", flat=True))
        with Progress(transient=True) as progress:
            task = progress.add_task("Refreshing flags", total=len(schools))
            for school_id in schools:
                refresh(school_ids=[school_id])
                progress.advance(task)
        still_open = StudentFlag.objects.filter(closed_at__isnull=True).count()
        self.stdout.write(f"{len(schools)} schools refreshed; {still_open} flags open.")
