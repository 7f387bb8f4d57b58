"""``manage.py issue_report_cards --school ID|NAME --term ID|TITLE [--kind ...] [--workers N]``: issue one report
card (or progress report, or transcript) to every active student of a school, archived as a new version each."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from proficio.accounts.models import User
from proficio.audit.services import acting_as
from proficio.reports.models import ReportKind
from proficio.reports.services import issue_batch
from proficio.roster.models import AcademicSession, School


def _pick(model: type, value: str, text_field: str, **extra: Any) -> Any:
    query = Q(**{f"{text_field}__iexact": value})
    if value.isdigit():
        query |= Q(pk=int(value))
    found = list(model.objects.filter(query, **extra)[:2])  # type: ignore[attr-defined]
    if len(found) != 1:
        raise CommandError(f"{'No' if not found else 'More than one'} {model._meta.verbose_name} matches {value!r}.")
    return found[0]


class Command(BaseCommand):
    help = "Issue report cards (or progress reports, transcripts) to every active student of a school."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--school", required=True, help="the school's id or name")
        parser.add_argument("--term", required=True, help="the term's id or title (e.g. 'Semester 1')")
        parser.add_argument("--kind", default=ReportKind.REPORT_CARD, choices=ReportKind.values)
        parser.add_argument("--workers", type=int, default=None, help="rendering processes (default: one per core)")
        parser.add_argument("--user", help="record the documents as issued by this user (username)")

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=self.stdout, highlight=False)  # type: ignore[arg-type]
        school = _pick(School, options["school"], "name")
        term = _pick(AcademicSession, options["term"], "title", district_id=school.district_id)
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user {options['user']!r}.")
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        started = time.perf_counter()
        with Progress(*columns, console=console, transient=True) as bar, acting_as(user):
            task = bar.add_task("Starting", total=None)

            def progress(stage: str, done: int, total: int) -> None:
                bar.update(task, description=stage, completed=done, total=total or None)

            outcome = issue_batch(
                school, term, user=user, kind=options["kind"], workers=options["workers"], progress=progress
            )
        seconds = time.perf_counter() - started
        console.print(
            f"Issued {outcome.issued} {ReportKind(options['kind']).label.lower()}s for {school}, {term.title} "
            f"in {seconds:.1f} s ({outcome.issued / seconds if seconds else 0:.1f} per second)."
        )
