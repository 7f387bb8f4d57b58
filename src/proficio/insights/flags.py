"""Intervention flags: which students need a closer look, and why, by rules the district can change.

A flag names the student, the rule that raised it and the evidence in words. The rules (policy as data,
``PROFICIO_FLAG_RULES``, each with a threshold) by default:

- ``below_proficient``: below proficient on at least 2 indicators of one required graduation standard;
- ``no_recent_evidence``: no summative evidence at all in the last 4 weeks;
- ``off_pace``: behind pace on the learning path of at least 1 section;
- ``graduation_at_risk``: not on track to graduate (see ``readiness``).

Flags are computed here, from the results the engine keeps and the scores' dates; ``flag_register`` keeps them
as records that plans act on and that close when the student no longer meets the rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from proficio.evidence.models import Assessment, Score
from proficio.insights import readiness
from proficio.learners.services import paces_for
from proficio.proficiency.models import IndicatorResult
from proficio.roster.models import Student
from proficio.standards.models import Standard

DEFAULT_RULES = {"below_proficient": 2, "no_recent_evidence": 4, "off_pace": 1, "graduation_at_risk": 1}
RULE_NAMES = {
    "below_proficient": "Below proficient on several indicators of a standard",
    "no_recent_evidence": "No recent summative evidence",
    "off_pace": "Behind pace on a learning path",
    "graduation_at_risk": "Not on track to graduate",
}


def rules() -> dict[str, int]:
    """The rules in force and their thresholds; a rule set to 0 is switched off."""
    return {**DEFAULT_RULES, **getattr(settings, "PROFICIO_FLAG_RULES", {})}


@dataclass(frozen=True)
class Flag:
    student_id: int
    name: str
    rule: str
    why: str

    @property
    def rule_name(self) -> str:
        return rule_name(self.rule)


def rule_name(rule: str) -> str:
    return RULE_NAMES.get(rule, rule)


def _students(school_ids: Sequence[int]) -> dict[int, str]:
    rows = Student.objects.filter(school_id__in=school_ids, is_active=True).values_list(
        "pk", "user__first_name", "user__last_name"
    )
    return {pk: f"{first} {last}".strip() for pk, first, last in rows}


def below_proficient(names: dict[int, str], threshold: int) -> list[Flag]:
    rows = (
        IndicatorResult.objects.filter(
            student_id__in=names,
            framework__is_current=True,
            level__isnull=False,
            is_proficient=False,
            indicator__standard__required_for_graduation=True,
        )
        .exclude(indicator__standard__kind=Standard.Kind.WORK_HABIT)
        .values("student_id", "indicator__standard__code")
        .annotate(n=Count("id"))
        .filter(n__gte=threshold)
        .order_by("student_id", "indicator__standard__code")
    )
    by_student: dict[int, list[str]] = defaultdict(list)
    for row in rows:
        by_student[row["student_id"]].append(f"{row['indicator__standard__code']} ({row['n']} indicators)")
    return [
        Flag(student, names[student], "below_proficient", "below proficient on " + ", ".join(standards))
        for student, standards in by_student.items()
    ]


def no_recent_evidence(names: dict[int, str], weeks: int) -> list[Flag]:
    since = timezone.now() - timedelta(weeks=weeks)
    latest = dict(
        Score.objects.filter(student_id__in=names, assessment__kind=Assessment.Kind.SUMMATIVE)
        .values("student_id")
        .annotate(last=Max("scored_at"))
        .values_list("student_id", "last")
    )
    flags = []
    for student, name in names.items():
        last = latest.get(student)
        if last is None:
            flags.append(Flag(student, name, "no_recent_evidence", "no summative evidence yet"))
        elif last < since:
            on = timezone.localtime(last).date().isoformat()
            flags.append(Flag(student, name, "no_recent_evidence", f"last summative evidence on {on}"))
    return flags


def off_pace(names: dict[int, str], sections: int) -> list[Flag]:
    students = list(Student.objects.filter(pk__in=names).select_related("user"))
    flags = []
    for student_id, paces in sorted(paces_for(students).items()):
        behind = [section.course.title for section, pace in paces if pace.off_pace]
        if len(behind) >= sections:
            flags.append(Flag(student_id, names[student_id], "off_pace", "behind pace in " + ", ".join(behind)))
    return flags


def graduation_at_risk(school_ids: Sequence[int]) -> list[Flag]:
    shares = readiness.on_track_shares()
    return [
        Flag(
            row.student_id,
            row.name,
            "graduation_at_risk",
            f"{row.met} of {row.required} graduation standards met, {row.expected(shares)} expected by now",
        )
        for row in readiness.at_risk(readiness.load_rows(school_ids))
    ]


def school_flags(school_ids: Sequence[int]) -> list[Flag]:
    """Every flag raised on the schools' active students (the schools already checked), by student name."""
    active = rules()
    names = _students(school_ids)
    flags: list[Flag] = []
    if active["below_proficient"]:
        flags += below_proficient(names, active["below_proficient"])
    if active["no_recent_evidence"]:
        flags += no_recent_evidence(names, active["no_recent_evidence"])
    if active["off_pace"]:
        flags += off_pace(names, active["off_pace"])
    if active["graduation_at_risk"]:
        flags += graduation_at_risk(school_ids)
    return sorted(flags, key=lambda flag: (flag.name, flag.student_id, flag.rule))
