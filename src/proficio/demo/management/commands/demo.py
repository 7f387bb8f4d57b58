"""``manage.py demo`` / ``proficio demo``: create the synthetic Northfield district."""

from __future__ import annotations

from typing import IO, Any, cast

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from proficio.demo.plan import build_plan
from proficio.demo.writer import DemoResult, write_plan
from proficio.roster.models import District

# Demo-only credential: printed for the synthetic district, never used by any production code path.
DEMO_PASSWORD = "proficio-demo"

ROLE_NOTES = [
    ("district_admin", "District administrator", "both schools, the framework, and the admin site"),
    ("school_leader", "School leader", "the high school: students, sections, student groups"),
    ("teacher", "Teacher", "their sections and students"),
    ("advisor", "Advisor / counselor", "their advisees"),
    ("coach", "Coach", "the schools they coach, in aggregate only; their coaching log, site visits and grid"),
    ("leadership_team", "Leadership team member", "their school's self-assessment, grid and action plan"),
    ("network_staff", "Network staff", "the league's six schools' work; student data in aggregate only"),
    ("student", "Student", "their own courses, evidence and standards"),
    ("guardian", "Guardian", "their linked children"),
]


class Command(BaseCommand):
    help = "Generate the synthetic demo district (deterministic for a given --seed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument("--students", type=int, default=1000, help="About how many students (default 1000).")
        parser.add_argument("--reset", action="store_true", help="Erase the database first (asks no questions).")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing (and succeed) when demo data already exists."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=cast(IO[str], self.stdout), highlight=False)
        if options["students"] < 7:
            raise CommandError("--students must be at least 7 (one per grade, 6–12).")
        if options["reset"]:
            self._reset(console)
        elif District.objects.exists():
            if options["if_empty"]:
                console.print("Demo data already present; leaving it as it is (use [bold]--reset[/] to rebuild).")
                self._print_logins(console, None)
                return
            raise CommandError("The database already holds a district. Run with --reset to replace it.")

        console.print(f"Planning a district of about {options['students']} students (seed {options['seed']})…")
        plan = build_plan(seed=options["seed"], students=options["students"])
        total = (
            len(plan.students)
            + len(plan.past_students)
            + len(plan.guardians)
            + len(plan.staff)
            + len(plan.sections)
            + len(plan.assessments)
            + len(plan.scores)
            + sum(1 for s in plan.scores if s.corrected_to is not None)
            + 1  # proficiency results
        )
        columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
        with Progress(*columns, console=console, transient=False) as bar:
            task = bar.add_task("Writing the district", total=total)

            def advance(step: str, n: int) -> None:
                bar.update(task, advance=n, description=f"Writing {step}")

            result = write_plan(plan, DEMO_PASSWORD, advance)
            bar.update(task, completed=total, description="Written")
        console.print(", ".join(f"{n:,} {what}" for what, n in result.counts.items()))
        self._print_logins(console, result)

    def _reset(self, console: Console) -> None:
        if connection.vendor == "sqlite":
            # Scores are append-only, enforced by triggers, so the SQLite file is rebuilt, not emptied row by row.
            name = settings.DATABASES["default"]["NAME"]
            connection.close()
            from pathlib import Path

            for suffix in ("", "-wal", "-shm"):
                Path(f"{name}{suffix}").unlink(missing_ok=True)
        else:
            call_command("flush", interactive=False, verbosity=0)  # PostgreSQL: TRUNCATE, no row triggers
        call_command("migrate", interactive=False, verbosity=0)
        console.print("Database reset.")

    def _print_logins(self, console: Console, result: DemoResult | None) -> None:
        from proficio.accounts.models import Membership, User

        table = Table(title=f"Demo logins (password for every account: {DEMO_PASSWORD})")
        table.add_column("Role")
        table.add_column("Username")
        table.add_column("Sees")
        for role, label, sees in ROLE_NOTES:
            if result is not None:
                username = result.usernames.get(role, [""])[0]
            else:
                first = Membership.objects.filter(role=role).select_related("user").order_by("user_id").first()
                username = first.user.username if first else ""
            if username and User.objects.filter(username=username).exists():
                table.add_row(label, username, sees)
        console.print(table)
