"""The district's library of intervention strategies: what it offers a plan of a given kind and tier.

A new district starts with an empty library; ``add_suggested`` adds a starter set of widely used, evidence-based
strategies (named generically, described in a line), which the district then edits. Adding it twice adds nothing.
"""

from __future__ import annotations

from django.db.models import QuerySet

from proficio.accounts.models import Role, User
from proficio.insights.models import InterventionKind, Strategy
from proficio.roster.models import District

K = InterventionKind
# (name, kind, tier 2, tier 3, description)
SUGGESTED: tuple[tuple[str, str, bool, bool, str], ...] = (
    ("Small-group reading instruction", K.LITERACY, True, True, "3–5 students, targeted skill, 3× a week."),
    ("Repeated reading with feedback", K.LITERACY, True, False, "Fluency practice on one passage until fluent."),
    ("Structured writing conferences", K.LITERACY, True, True, "One-to-one conferences on a draft against the rubric."),
    ("Targeted math small group", K.MATHEMATICS, True, True, "Re-teach a prerequisite with concrete models."),
    ("Worked examples and faded practice", K.MATHEMATICS, True, False, "Model, then remove steps one by one."),
    ("Daily one-to-one math tutoring", K.MATHEMATICS, False, True, "30 minutes a day with a trained tutor."),
    ("Re-teach and re-assess cycle", K.ACADEMIC, True, True, "Re-teach the indicator, then a new summative task."),
    ("Check-in / check-out", K.WORK_HABITS, True, False, "Daily goals card reviewed with a mentor."),
    ("Organisation and planning coaching", K.WORK_HABITS, True, True, "Weekly planning of tasks and deadlines."),
    ("Attendance mentor", K.ATTENDANCE, True, True, "A named adult checks in daily and calls home on absence."),
    ("Family attendance conference", K.ATTENDANCE, True, True, "Meet the family; agree a plan and a follow-up."),
    ("Behaviour contract with positive reports", K.BEHAVIOUR, True, False, "Clear targets, daily report home."),
    ("Functional behaviour assessment", K.BEHAVIOUR, False, True, "Find the behaviour's function; plan from it."),
    ("Social skills group", K.SOCIAL_EMOTIONAL, True, False, "Weekly small group with the counselor."),
    ("Individual counseling", K.SOCIAL_EMOTIONAL, False, True, "Weekly sessions with a counselor."),
)


def add_suggested(*, district: District) -> int:
    """Add the starter strategies the district does not have yet (by name); returns how many were added."""
    have = set(Strategy.objects.filter(district=district).values_list("name", flat=True))
    new = [
        Strategy(district=district, name=name, kind=kind, for_tier_2=t2, for_tier_3=t3, description=text)
        for name, kind, t2, t3, text in SUGGESTED
        if name not in have
    ]
    Strategy.objects.bulk_create(new)
    return len(new)


def offered(*, district_id: int, kind: str | None = None, tier: int | None = None) -> QuerySet[Strategy]:
    """The district's strategies, of one kind and fit for one tier when given."""
    found = Strategy.objects.filter(district_id=district_id)
    if kind:
        found = found.filter(kind=kind)
    if tier == 2:
        found = found.filter(for_tier_2=True)
    elif tier == 3:
        found = found.filter(for_tier_3=True)
    return found


def library_district(user: User) -> District | None:
    """The district whose library this user reads: the one they administer, or their school's."""
    memberships = user.memberships.active()
    administered = memberships.filter(role=Role.DISTRICT_ADMIN).select_related("district").first()
    if administered is not None:
        return administered.district
    led = memberships.filter(role=Role.SCHOOL_LEADER).select_related("school__district").first()
    return led.school.district if led is not None and led.school is not None else None


def may_edit(user: User, district: District) -> bool:
    return user.memberships.active().filter(role=Role.DISTRICT_ADMIN, district=district).exists()


def add_strategy(
    *, district: District, name: str, kind: str, description: str, for_tier_2: bool, for_tier_3: bool
) -> Strategy:
    if not name.strip():
        raise ValueError("Name the strategy.")
    if not (for_tier_2 or for_tier_3):
        raise ValueError("A strategy is offered for tier 2, tier 3 or both.")
    if Strategy.objects.filter(district=district, name=name.strip()).exists():
        raise ValueError(f"The library already has “{name.strip()}”.")
    return Strategy.objects.create(
        district=district,
        name=name.strip(),
        kind=kind,
        description=description.strip(),
        for_tier_2=for_tier_2,
        for_tier_3=for_tier_3,
    )
