"""``manage.py export_case FRAMEWORK_ID [--output FILE]``: a framework as a CASE 1.1 CFPackage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from proficio.audit.services import command_line_label, record_export
from proficio.interop.case.exporter import framework_package
from proficio.standards.models import Framework


class Command(BaseCommand):
    help = "Export a framework version as a CASE 1.1 CFPackage (UTF-8 JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("framework", type=int, help="id of the framework version")
        parser.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        framework = Framework.objects.filter(pk=options["framework"]).first()
        if framework is None:
            raise CommandError(f"There is no framework with id {options['framework']}.")
        text = json.dumps(framework_package(framework), ensure_ascii=False, indent=2) + "\n"
        # Audit trail (issue 7): the framework left proficio, from the command line.
        record_export("CASE 1.1 CFPackage", actor=None, obj=framework, label=command_line_label())
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {framework} to {options['output']}.")
        else:
            self.stdout.write(text, ending="")
