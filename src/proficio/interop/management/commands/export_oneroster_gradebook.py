"""``manage.py export_oneroster_gradebook``: a district's summative evidence and levels as OneRoster 1.2 CSV.

Runs with the operator's shell access, like the other management commands; pages and API endpoints that offer
the same export check ``can_exchange_rosters`` (district administrators only) before calling the service.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from proficio.audit.services import command_line_label, record_export
from proficio.interop.gradebook import GradebookExportError, write_gradebook
from proficio.interop.gradebook.scope import ExportScopeError
from proficio.roster.models import AcademicSession, District


class Command(BaseCommand):
    help = (
        "Export a district's gradebook (summative evidence, current levels, score scales, CASE alignment) as "
        "OneRoster 1.2 CSV, to a .zip file or an empty folder."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--district", type=int, required=True, help="The district (its id).")
        parser.add_argument("--session", type=int, help="Only sections of this academic session and its terms.")
        parser.add_argument(
            "--output", type=Path, required=True, help="A file ending in .zip, or a folder (new or empty)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=self.stdout, highlight=False)  # type: ignore[arg-type]  # OutputWrapper is a TextIO
        district = District.objects.filter(pk=options["district"]).first()
        if district is None:
            raise CommandError(f"No district with id {options['district']}.")
        session = None
        if options["session"] is not None:
            session = AcademicSession.objects.filter(pk=options["session"]).first()
            if session is None:
                raise CommandError(f"No academic session with id {options['session']}.")
        output: Path = options["output"]
        as_zip = output.suffix.lower() == ".zip"

        columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("Reading the district", total=None)

            def progress(stage: str, done: int, total: int) -> None:
                bar.update(task, description=f"Writing {stage}", completed=done, total=total or None)

            try:
                summary = write_gradebook(output, district, as_zip=as_zip, session=session, progress=progress)
            except (GradebookExportError, ExportScopeError) as error:
                raise CommandError(str(error)) from error

        # Audit trail (issue 7): the district's gradebook left proficio, from the command line.
        details = {"session_id": session.pk if session else None, "rows": dict(summary.rows)}
        record_export("OneRoster gradebook", actor=None, obj=district, details=details, label=command_line_label())
        table = Table(title=f"OneRoster gradebook of {district}")
        table.add_column("File")
        table.add_column("Rows", justify="right")
        for name, count in summary.rows.items():
            table.add_row(name, f"{count:,}")
        console.print(table)
        console.print(f"Written to {summary.target}")
