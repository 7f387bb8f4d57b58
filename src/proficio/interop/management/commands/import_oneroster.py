"""``manage.py import_oneroster SOURCE [--district ID] [--dry-run] [--user USERNAME]``: import a OneRoster
1.2 CSV set (a .zip or a folder) with a live progress bar per stage; all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from proficio.accounts.models import User
from proficio.interop.management.report_lines import refused_error, warning_lines
from proficio.interop.oneroster.importer import OneRosterImportOutcome, import_oneroster
from proficio.interop.problems import ImportRefused
from proficio.roster.models import District

COLUMNS = ("created", "updated", "unchanged", "deleted", "kept", "skipped")


class Command(BaseCommand):
    help = "Import a OneRoster 1.1 or 1.2 CSV roster (a .zip or a folder) into a district, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="the OneRoster .zip archive, or a folder holding its CSV files")
        parser.add_argument(
            "--district", type=int, help="id of the district to import into (default: the one district in orgs.csv)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check everything and count the changes; write nothing"
        )
        parser.add_argument("--user", help="username to record the import under (checked for permission)")

    def handle(self, *args: Any, **options: Any) -> None:
        district = None
        if options["district"] is not None:
            district = District.objects.filter(pk=options["district"]).first()
            if district is None:
                raise CommandError(f"There is no district with id {options['district']}.")
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"There is no user {options['user']!r}.")
        console = Console(file=self.stdout, highlight=False)  # type: ignore[arg-type]
        dry_run = options["dry_run"]
        columns = [
            TextColumn("{task.description:<34}"),
            BarColumn(),
            TextColumn("{task.fields[amount]}"),
            TimeElapsedColumn(),
        ]
        with Progress(*columns, console=console, transient=False) as bar:
            tasks: dict[str, TaskID] = {}

            def report(stage: str, done: int, total: int) -> None:
                task = tasks.get(stage)
                if task is None:
                    for other in tasks.values():  # a new stage means the earlier ones are finished
                        bar.update(other, completed=bar.tasks[other].total or 1)
                    task = tasks[stage] = bar.add_task(stage, total=total or None, amount="")
                amount = _amount(stage, done, total)
                bar.update(task, completed=done, total=total or None, amount=amount)

            try:
                outcome = import_oneroster(
                    Path(options["source"]), district=district, user=user, dry_run=dry_run, progress=report
                )
            except ImportRefused as refused:
                raise refused_error(refused, dry_run) from refused
            except PermissionDenied as denied:
                raise CommandError(str(denied)) from denied
        self._summary(console, outcome)

    def _summary(self, console: Console, outcome: OneRosterImportOutcome) -> None:
        verb = "Checked (dry run — nothing written)" if outcome.dry_run else "Imported"
        where = f" into {outcome.district.name}" if outcome.district else ""
        table = Table(title=f"{verb}{where}")
        table.add_column("records")
        for column in COLUMNS:
            table.add_column(column, justify="right")
        for key, counts in outcome.counts.items():
            table.add_row(key, *(f"{counts.get(c, 0):,}" for c in COLUMNS))
        console.print(table)
        without_grade = outcome.counts.get("students", {}).get("without_grade", 0)
        if without_grade:
            console.print(f"Students without a grade: {without_grade:,} (listed in the warnings below)")
        for note in outcome.notes:
            console.print(f"Note: {note}")
        for line in warning_lines(outcome.warnings):
            console.print(line, markup=False, highlight=False)
        console.print(f"Import record #{outcome.record.pk} ({outcome.record.get_status_display()}).")


def _amount(stage: str, done: int, total: int) -> str:
    """Files are read by the byte, writing goes step by step."""
    if stage.startswith("checking ") and stage.endswith(".csv"):
        return f"{done / 1e6:,.1f}/{total / 1e6:,.1f} MB"
    return f"{done:,}/{total:,}" if total else ""
