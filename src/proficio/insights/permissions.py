"""A recorded outcome is read exactly like the student it is about."""

from __future__ import annotations

from proficio.accounts.scoping import read_perm, scope_rule
from proficio.insights.models import CohortOutcome
from proficio.roster.permissions import about_readable_students

scope_rule(CohortOutcome)(about_readable_students)
read_perm(CohortOutcome)
