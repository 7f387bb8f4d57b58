"""``manage.py snapshot`` / ``proficio snapshot``: copy the standard results under a term's name for growth figures.

Without ``--term`` it is the closing run (daily, from cron or a scheduler): each district's term of each kind
that has just ended and has no snapshot yet; ended terms it is too late for are listed, not written. With
``--term`` it snapshots that term now, on demand, replacing any earlier snapshot of it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import timezone
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from proficio.proficiency.snapshots import SnapshotReport, due_terms, next_term_started, snapshot_term
from proficio.roster.models import AcademicSession


def _term(value: str, district: int | None) -> AcademicSession:
    query = Q(title__iexact=value) | (Q(pk=int(value)) if value.isdigit() else Q(pk__in=[]))
    sessions = AcademicSession.objects.filter(query)
    if district is not None:
        sessions = sessions.filter(district_id=district)
    found = list(sessions.order_by("pk")[:2])
    if len(found) != 1:
        hint = " (name the district with --district, or give the term's id)" if found else ""
        raise CommandError(f"{'No' if not found else 'More than one'} term matches {value!r}{hint}.")
    return found[0]


class Command(BaseCommand):
    help = (
        "Snapshot the standard results of terms that have just ended (or of --term, now) for growth figures. "
        "Replaces a term's earlier snapshot whole; running it twice gives the same rows."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--term", help="snapshot this term now, on demand (its id or title)")
        parser.add_argument("--district", type=int, help="only this district (its id)")

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=self.stdout, highlight=False)  # type: ignore[arg-type]
        today = timezone.localdate()
        district = options["district"]
        if options["term"]:
            terms = [_term(options["term"], district)]
        else:
            found = due_terms(today, district_ids=None if district is None else [district])
            terms = found.due
            for missed in found.missed:
                console.print(
                    f"Not snapshotted: {missed} ({missed.school_year}, district {missed.district_id}) ended on "
                    f"{missed.end_date} and results have moved on since; use --term {missed.pk} to take it anyway."
                )
        if not terms:
            console.print("No term to snapshot.")
            return
        reports = self._take(console, terms)
        table = Table(title="Result snapshots")
        for column in ("Term", "District", "Rows", "Students", "Replaced", "Seconds"):
            table.add_column(column, justify="left" if column in ("Term", "District") else "right")
        for report in reports:
            term = report.term
            table.add_row(
                f"{term} ({term.school_year})",
                str(term.district_id),
                f"{report.rows:,}",
                f"{report.students:,}",
                f"{report.replaced:,}",
                f"{report.seconds:.1f}",
            )
            later = next_term_started(term, today)
            if later is not None:
                console.print(f"Note: {later} had already started, so {term}'s snapshot holds its evidence too.")
        console.print(table)

    def _take(self, console: Console, terms: list[AcademicSession]) -> list[SnapshotReport]:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        reports = []
        with Progress(*columns, console=console, transient=True) as bar:
            task = bar.add_task("Starting", total=None)

            def progress(stage: str, done: int, total: int) -> None:
                bar.update(task, description=stage, completed=done, total=total or None)

            for term in terms:
                reports.append(snapshot_term(term=term, progress=progress))
        return reports
