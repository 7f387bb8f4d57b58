"""``manage.py import_case SOURCE --district ID``: import a CASE package with a live progress bar."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from proficio.accounts.models import User
from proficio.interop.case.importer import CaseImportOutcome, import_case, load_case_source
from proficio.interop.management.report_lines import refused_error, warning_lines
from proficio.interop.problems import ImportRefused
from proficio.roster.models import District
from proficio.standards.models import ProficiencyScale


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """``["Strand=ignore", "Competency=standard"]`` → a mapping; the type may be empty (items without one)."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise CommandError(f"--map {pair!r}: write TYPE=TARGET, e.g. --map 'Strand=ignore'")
        name, target = pair.rsplit("=", 1)
        mapping[name.strip()] = target.strip().lower()
    return mapping


def _get(model: Any, pk: int | None, what: str) -> Any:
    if pk is None:
        return None
    try:
        return model.objects.get(pk=pk)
    except model.DoesNotExist:
        raise CommandError(f"There is no {what} with id {pk}.") from None


class Command(BaseCommand):
    help = "Import a CASE 1.0/1.1 CFPackage (a file or an http(s) URL) as a framework of a district, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="CFPackage JSON file or http(s) URL")
        parser.add_argument("--district", type=int, required=True, help="id of the district the framework belongs to")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="TYPE=TARGET",
            help="what a CFItemType becomes: standard, indicator, objective or ignore (repeatable)",
        )
        parser.add_argument("--scale", type=int, help="id of the academic proficiency scale to score on")
        parser.add_argument("--work-habit-scale", type=int, help="id of the work-habit scale to score work habits on")
        parser.add_argument(
            "--threshold", help="rubric score that counts as proficient, for a scale built from rubrics"
        )
        parser.add_argument("--dry-run", action="store_true", help="check and report the changes, write nothing")
        parser.add_argument("--user", help="username to record the import under (checked for permission)")

    def handle(self, *args: Any, **options: Any) -> None:
        district = _get(District, options["district"], "district")
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"There is no user {options['user']!r}.")
        threshold = None
        if options["threshold"] is not None:
            try:
                threshold = Decimal(options["threshold"])
            except InvalidOperation:
                raise CommandError(f"--threshold {options['threshold']!r} is not a number.") from None
        try:
            data, name = load_case_source(options["source"])
        except ImportRefused as refused:
            raise refused_error(refused, options["dry_run"]) from None
        console = Console(stderr=True)
        with Progress(
            TextColumn("{task.description:<18}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            task: TaskID = bar.add_task("reading", total=None)

            def progress(stage: str, done: int, total: int) -> None:
                bar.update(task, description=stage, completed=done, total=total or None)

            try:
                outcome = import_case(
                    data,
                    source_name=name,
                    district=district,
                    user=user,
                    mapping=parse_mapping(options["map"]),
                    scale=_get(ProficiencyScale, options["scale"], "proficiency scale"),
                    work_habit_scale=_get(ProficiencyScale, options["work_habit_scale"], "proficiency scale"),
                    threshold=threshold,
                    dry_run=options["dry_run"],
                    progress=progress,
                )
            except ImportRefused as refused:
                raise refused_error(refused, options["dry_run"]) from None
            except PermissionDenied as denied:
                raise CommandError(str(denied)) from None
        self._report(outcome)
        self._warnings(outcome)

    def _report(self, outcome: CaseImportOutcome) -> None:
        counts, changes = outcome.counts, outcome.changes
        version = counts.get("framework_version")
        if outcome.dry_run:
            head = "Dry run — nothing was written. " + (
                "The import would create a new framework version." if outcome.created else "Nothing would change."
            )
        elif outcome.created and outcome.framework is not None:
            head = f"Imported {outcome.framework.title} as version {version} (framework id {outcome.framework.pk})."
        else:
            head = f"No changes: version {version} is already current; nothing was written."
        self.stdout.write(head)
        shown = (
            "standards",
            "indicators",
            "objectives",
            "ignored_items",
            "scoring_criteria",
            "exemplars",
            "associations",
        )
        self.stdout.write("  " + ", ".join(f"{counts[key]} {key.replace('_', ' ')}" for key in shown if key in counts))
        for key in ("scale", "work_habit_scale"):
            if key in counts:
                self.stdout.write(f"  {key.replace('_', ' ')}: {counts[key]}")
        previous = changes.get("previous_version")
        if previous is None:
            self.stdout.write(f"  a new framework ({len(changes.get('added', []))} items)")
            return
        self.stdout.write(f"Changes against version {previous}:")
        for entry in changes.get("added", []):
            self.stdout.write(f"  + {entry['code'] or entry['identifier']} ({entry['level']}) {entry['statement']}")
        for entry in changes.get("changed", []):
            fields = "; ".join(f"{name}: {old!r} → {new!r}" for name, (old, new) in entry["fields"].items())
            self.stdout.write(f"  ~ {entry['code'] or entry['identifier']} ({entry['level']}) {fields}")
        for entry in changes.get("removed", []):
            self.stdout.write(f"  - {entry['code'] or entry['identifier']} ({entry['level']})")
        for part in changes.get("other", []):
            self.stdout.write(f"  * {part} changed")
        if not any(changes.get(key) for key in ("added", "changed", "removed", "other")):
            self.stdout.write("  none")

    def _warnings(self, outcome: CaseImportOutcome) -> None:
        for line in warning_lines(outcome.warnings):
            self.stdout.write(line)
