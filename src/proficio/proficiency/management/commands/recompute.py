"""``manage.py recompute`` / ``proficio recompute``: rebuild the result cache with the columnar engine."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from proficio.proficiency.services import recompute_framework
from proficio.standards.models import Framework


class Command(BaseCommand):
    help = "Recompute every proficiency result from evidence and policy. Idempotent: a second run changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--framework", type=int, help="Only this framework (its id).")

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=self.stdout, highlight=False)
        frameworks = Framework.objects.filter(policy__isnull=False).order_by("pk")
        if options["framework"] is not None:
            frameworks = frameworks.filter(pk=options["framework"])
            if not frameworks.exists():
                raise CommandError(f"No framework with id {options['framework']} and a calculation policy.")
        table = Table(title="Proficiency results")
        for column in ("Framework", "Results", "Created", "Updated", "Removed", "Unchanged"):
            table.add_column(column, justify="left" if column in ("Framework", "Results") else "right")
        columns = [TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn()]
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("Recomputing", total=1)
            for framework in frameworks:

                def progress(stage: str, done: int, total: int) -> None:
                    bar.update(task, description=stage, completed=done, total=total)

                report = recompute_framework(framework, progress)
                for table_name, counts in report.by_table.items():
                    table.add_row(str(framework), table_name, *(f"{n:,}" for n in counts))
        console.print(table)
