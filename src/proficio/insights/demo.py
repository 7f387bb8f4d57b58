"""The demo district's interventions and improvement cycles, so that the leaders' pages show them at work.

Written after the results are computed: the district's suggested strategy library; every school's flags; for the
featured advisor's flagged advisees, plans in each state a school has — one ended with the goal met on the
evidence, one ended short of it, one open with its check-in overdue; and an improvement cycle per high school,
measured before, with its study and decision to come. Dates are relative to ``today``; goals name the indicators
the student's evidence puts where the story needs them (proficient for a plan that worked, not yet for the rest).
"""

from __future__ import annotations

from datetime import date, timedelta

from proficio.accounts.models import User
from proficio.insights import cycles, flag_register, interventions, strategies
from proficio.insights.models import InterventionKind, InterventionPlan, StudentFlag
from proficio.proficiency.models import IndicatorResult
from proficio.roster.models import District, School
from proficio.standards.models import PerformanceIndicator

STORIES = (  # (kind, tier, proficient goal indicators?, weeks ago started, ending or "" while open)
    (InterventionKind.MATHEMATICS, 2, True, 10, InterventionPlan.Ending.COMPLETED),
    (InterventionKind.LITERACY, 3, False, 9, InterventionPlan.Ending.COMPLETED),
    (InterventionKind.ACADEMIC, 2, False, 3, ""),
)


def _goal(student_id: int, *, proficient: bool) -> list[PerformanceIndicator]:
    found = IndicatorResult.objects.filter(student_id=student_id, level__isnull=False, is_proficient=proficient)
    return [result.indicator for result in found.select_related("indicator").order_by("indicator__code")[:2]]


def _plan_story(flag: StudentFlag, advisor: User, story: tuple[str, int, bool, int, str], today: date) -> None:
    kind, tier, proficient, weeks_ago, ending = story
    goal = _goal(flag.student_id, proficient=proficient)
    if not goal:
        return
    start = today - timedelta(weeks=weeks_ago)
    offered = list(strategies.offered(district_id=flag.student.school.district_id, kind=kind, tier=tier)[:2])
    plan = interventions.create_plan(
        student=flag.student,
        by=advisor,
        tier=tier,
        kind=kind,
        block="WIN block, Tuesday and Thursday 10:15",
        responsible=advisor,
        start_date=start,
        weeks=8,
        goal=f"Show proficiency on {', '.join(i.code for i in goal)} with a new summative task.",
        indicators=goal,
        strategies=offered,
        check_every_days=7,
        flag=flag,
    )
    for week in range(1, weeks_ago, 2):  # every other week: the open one falls overdue
        note = "Worked through two practice tasks together; more confident, still needs prompts."
        interventions.add_note(plan=plan, by=advisor, note=note, on=start + timedelta(weeks=week))
    if ending:
        interventions.end_plan(plan=plan, ending=ending, on=start + timedelta(weeks=8))


def write_interventions(*, district: District, advisor: str, today: date) -> int:
    """Write the demo's library, flags, plans and cycles; returns the number of plans written."""
    strategies.add_suggested(district=district)
    schools = list(School.objects.filter(district=district).order_by("pk"))
    for school in schools:
        flag_register.refresh(school_ids=[school.pk])
    adviser = User.objects.get(username=advisor)
    flags = (
        StudentFlag.objects.filter(
            student__advisories__advisor=adviser, student__advisories__is_active=True, closed_at__isnull=True
        )
        .select_related("student__school")
        .order_by("student_id", "rule")
    )
    seen: set[int] = set()
    for flag in flags:
        if flag.student_id in seen or len(seen) == len(STORIES):
            continue
        _plan_story(flag, adviser, STORIES[len(seen)], today)
        seen.add(flag.student_id)
    for school in schools:
        leader = User.objects.filter(memberships__school=school, memberships__role="school_leader").first()
        if leader is not None and school.highest_grade >= 9:
            cycles.start_cycle(
                school=school,
                by=leader,
                title="Weekly exit tickets on the indicator each class is working on",
                metric="on_track",
                plan="Teachers give a two-question exit ticket every Friday and re-teach on Monday; we predict "
                "more ninth- and tenth-graders on track by the end of the semester.",
            )
    return InterventionPlan.objects.filter(student__school__district=district).count()
