"""Results, and their per-term snapshots, are read exactly like the student they describe: the same rule as the
scores behind them."""

from __future__ import annotations

from proficio.accounts.scoping import read_perm, scope_rule
from proficio.proficiency.models import GraduationStatus, IndicatorResult, ResultSnapshot, StandardResult
from proficio.roster.permissions import about_readable_students

for result in (IndicatorResult, StandardResult, GraduationStatus, ResultSnapshot):
    scope_rule(result)(about_readable_students)
    read_perm(result)
