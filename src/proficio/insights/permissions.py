"""Who reads what the leaders' layer records.

- A recorded outcome is read exactly like the student it is about.
- Flags and intervention plans are support records, not the student's own: the school's leaders, the district's
  administrators and the student's active advisor read them; a plan also its responsible staff member. Teachers
  of the student's sections, the student and their family do not (a plan is shared with them in person).
- A progress note is read with its plan.
- The strategy library is read by everyone of the district it belongs to; an improvement cycle by whoever may
  see the school's insights (coaches too: cycles hold figures, never students).
"""

from __future__ import annotations

from django.db.models import Q

from proficio.accounts.models import User
from proficio.accounts.scoping import read_perm, scope_rule
from proficio.insights.models import (
    CohortOutcome,
    ImprovementCycle,
    InterventionPlan,
    ProgressNote,
    Strategy,
    StudentFlag,
)
from proficio.insights.scope import insight_schools, support_filter
from proficio.roster.models import District
from proficio.roster.permissions import about_readable_students

scope_rule(CohortOutcome)(about_readable_students)


@scope_rule(StudentFlag)
def flag_filter(user: User) -> Q:
    return support_filter(user, "student")


@scope_rule(InterventionPlan)
def plan_filter(user: User) -> Q:
    return support_filter(user, "student") | Q(responsible=user)


@scope_rule(ProgressNote)
def note_filter(user: User) -> Q:
    return Q(plan__in=InterventionPlan.objects.for_user(user).values("pk"))


@scope_rule(Strategy)
def strategy_filter(user: User) -> Q:
    return Q(district__in=District.objects.for_user(user).values("pk"))


@scope_rule(ImprovementCycle)
def cycle_filter(user: User) -> Q:
    return Q(school__in=insight_schools(user).values("pk"))


for model in (CohortOutcome, StudentFlag, InterventionPlan, ProgressNote, Strategy, ImprovementCycle):
    read_perm(model)
