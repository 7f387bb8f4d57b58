"""What the import commands print about problems and warnings: one located line each, under a heading."""

from __future__ import annotations

from django.core.management.base import CommandError

from proficio.interop.problems import ImportRefused, Problem


def refused_error(refused: ImportRefused, dry_run: bool) -> CommandError:
    """Every problem on its own line, under one line saying nothing was written; warnings after them."""
    more = " (and more, not listed)" if refused.truncated else ""
    verb = "checked" if dry_run else "imported"
    lines = [f"{len(refused.problems)} problem(s){more}; nothing was {verb}:"]
    lines += [f"  {problem}" for problem in refused.problems]
    lines += warning_lines(refused.warnings)
    return CommandError("\n".join(lines))


def warning_lines(warnings: list[Problem]) -> list[str]:
    """The warnings, or nothing when there are none."""
    if not warnings:
        return []
    head = f"{len(warnings)} warning(s): read leniently, not refused (ask the sender to fix them at the source):"
    return [head, *(f"  {warning}" for warning in warnings)]
