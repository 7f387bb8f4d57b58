"""``proficio manage load_gbp_edition FILE --name NAME --levels 4``: load a Global Best Practices edition, all or
nothing, with a progress bar and a summary (or every problem of the file, each with its line and field)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from proficio.programs.gbp_edition_import import EditionRefused, load_edition


class Command(BaseCommand):
    help = "Load a Global Best Practices edition (strands, dimensions, descriptors per level) from a CSV file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV: strand_position, strand_title, code, title, descriptor_1..N")
        parser.add_argument("--name", required=True, help="the edition's name, e.g. 'Global Best Practices, 2nd ed.'")
        parser.add_argument("--levels", type=int, default=4, help="points of the continuum (descriptor columns)")

    def handle(self, *args: Any, **options: Any) -> None:
        with Progress(
            TextColumn("dimensions"), BarColumn(), MofNCompleteColumn(), console=Console(stderr=True), transient=True
        ) as bar:
            task = bar.add_task("dimensions", total=None)
            try:
                edition = load_edition(
                    Path(options["file"]),
                    name=options["name"],
                    levels=options["levels"],
                    progress=lambda done, total: bar.update(task, completed=done, total=total),
                )
            except EditionRefused as refused:
                lines = "\n".join(f"  {problem}" for problem in refused.problems)
                raise CommandError(f"Nothing was loaded: {len(refused.problems)} problem(s).\n{lines}") from None
        strands = edition.strands.all()
        dimensions = sum(strand.dimensions.count() for strand in strands)
        self.stdout.write(
            f"Loaded {edition.name} (edition id {edition.pk}): {len(strands)} strands, {dimensions} dimensions, "
            f"{edition.levels} levels."
        )
        for strand in strands:
            self.stdout.write(f"  {strand.position}. {strand.title}: {strand.dimensions.count()} dimensions")
