"""``manage.py anonymize_student NUMBER --reason TEXT [--dry-run] [--yes]`` (``proficio anonymize-student``).

Shows what will change and what is kept, asks before changing anything (unless ``--yes``), and records the
run in the audit trail as the command line's. The procedure around it is docs/privacy.md.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from proficio.audit.services import command_line_label
from proficio.privacy.anonymize import AnonymizationRefused, Summary, anonymize_student
from proficio.roster.models import Student

WIDTH = 40


def _lines(title: str, counts: dict[str, int]) -> list[str]:
    return [title, *[f"  {name:<{WIDTH}}{n:>7}" for name, n in counts.items()]]


def describe(summary: Summary) -> list[str]:
    """The plan (a dry run's summary) or the outcome, as lines for a person to read."""
    plan = summary.dry_run
    lines = [
        *_lines("Will rewrite (identifying values replaced):" if plan else "Rewritten:", summary.rewritten),
        *_lines("Will remove:" if plan else "Removed:", summary.removed),
        *_lines("Will deactivate (rows kept):" if plan else "Deactivated (rows kept):", summary.deactivated),
        *_lines("Kept unchanged, so school and district figures stay the same:", summary.kept),
        "  student fields kept: " + ", ".join(summary.kept_fields),
        "  earlier audit events are not rewritten (an append-only record; their labels may still name the student)",
    ]
    if summary.name_in_kept_text:
        lines.append(
            f"Note: {summary.name_in_kept_text} score feedback or correction text(s) seem to mention the student's "
            "name; they are kept as written, because scores are append-only."
        )
    if summary.guardians_without_other_children:
        lines.append(
            f"Note: {summary.guardians_without_other_children} guardian(s) have no other child linked; their own "
            "accounts are not changed by this command."
        )
    return lines


class Command(BaseCommand):
    help = "Anonymise a student who has left, keeping every figure that school and district statistics count."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("student_number", help="the student's number, as the SIS knows it")
        parser.add_argument("--reason", required=True, help="why (kept on record; must not name the student)")
        parser.add_argument("--dry-run", action="store_true", help="check and show the changes, write nothing")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args: Any, **options: Any) -> None:
        number = options["student_number"]
        student = Student.objects.select_related("user", "school").filter(student_number=number).first()
        if student is None:
            raise CommandError(
                f"There is no student with number {number!r} (an anonymised student's number is replaced by "
                "their pseudonym)."
            )
        label = command_line_label()
        try:
            plan = anonymize_student(student, reason=options["reason"], actor_label=label, dry_run=True)
        except AnonymizationRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(
            f"Student {student.student_number}: {student.user.get_full_name() or student.user.username}, "
            f"grade {student.get_grade_display()}, {student.school} (has left)."
        )
        for line in describe(plan):
            self.stdout.write(line)
        if options["dry_run"]:
            self.stdout.write("Dry run — nothing was written.")
            return
        if not options["yes"]:
            self.stdout.write("Anonymise this student? This cannot be undone. Type 'yes' to go on: ", ending="")
            self.stdout.flush()
            if sys.stdin.readline().strip().lower() not in {"yes", "y"}:
                raise CommandError("Not confirmed; nothing was written.")
        try:
            summary = anonymize_student(student, reason=options["reason"], actor_label=label)
        except AnonymizationRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(
            f"Anonymised: the student is now {summary.pseudonym} "
            f"(recorded in the audit trail as event {summary.audit_event_id}, by {label})."
        )
