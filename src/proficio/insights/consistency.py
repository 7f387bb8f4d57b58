"""Grading consistency: for one course and indicator, the levels each teacher gives, and who is far from peers.

Rigour left to chance (seeds 002 and 003) shows here: the same indicator, in sections of the same course, scored
differently by different teachers. A *given score* is the first level a teacher gave a student on an indicator
in a summative assessment (a correction is a later decision and is left out). For each course and indicator
that at least two teachers scored, each teacher's scores are compared with the pooled scores of the others:
a teacher whose mean is ``threshold`` levels or more from the others' mean, with at least ``minimum`` scores on
both sides, is flagged. Leaders see names; a teacher sees only their own position against the others, unnamed.

The same comparison runs on *final levels*: for each student a teacher scored on an indicator in the course,
the level the engine now holds for that student on that indicator (after every piece of evidence, corrections
and the district's calculation method). First scores show how a teacher scores; final levels show where their
students end up — a teacher can score like their peers and still end with different levels, or the reverse.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from proficio.evidence.models import Assessment, Score
from proficio.proficiency.models import IndicatorResult

MINIMUM_SCORES = 10
THRESHOLD = 0.5  # levels


@dataclass(frozen=True)
class GivenScore:
    course: str
    indicator: str
    teacher_id: int
    value: float


@dataclass(frozen=True)
class TeacherSpread:
    teacher_id: int
    scores: int
    mean: float
    levels: dict[float, int]  # level → how many times given
    others_mean: float | None  # the pooled mean of the other teachers' scores (None when too few)
    flagged: bool

    @property
    def difference(self) -> float | None:
        return None if self.others_mean is None else round(self.mean - self.others_mean, 2)


@dataclass(frozen=True)
class Spread:
    course: str
    indicator: str
    teachers: list[TeacherSpread]
    levels: list[float]  # every level given by anyone here, in order


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def spreads(
    scores: Iterable[GivenScore], *, minimum: int = MINIMUM_SCORES, threshold: float = THRESHOLD
) -> list[Spread]:
    """One spread per course and indicator that two or more teachers scored, in course and indicator order."""
    by_pair: dict[tuple[str, str], dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for score in scores:
        by_pair[(score.course, score.indicator)][score.teacher_id].append(score.value)
    result = []
    for (course, indicator), by_teacher in sorted(by_pair.items()):
        if len(by_teacher) < 2:
            continue
        teachers = []
        for teacher_id, values in sorted(by_teacher.items()):
            others = [v for other, vs in by_teacher.items() if other != teacher_id for v in vs]
            others_mean = _mean(others) if len(others) >= minimum else None
            mean = _mean(values)
            flagged = others_mean is not None and len(values) >= minimum and abs(mean - others_mean) >= threshold
            teachers.append(
                TeacherSpread(
                    teacher_id,
                    len(values),
                    round(mean, 2),
                    dict(Counter(values)),
                    None if others_mean is None else round(others_mean, 2),
                    flagged,
                )
            )
        levels = sorted({v for vs in by_teacher.values() for v in vs})
        result.append(Spread(course, indicator, teachers, levels))
    return result


def _first_scores(school_ids: Sequence[int], since: date | None) -> QuerySet[Score]:
    found = Score.objects.filter(
        assessment__section__course__school_id__in=school_ids,
        assessment__kind=Assessment.Kind.SUMMATIVE,
        supersedes__isnull=True,
    )
    return found if since is None else found.filter(assessment__assessed_on__gte=since)


COURSE, CODE = "assessment__section__course__title", "indicator__code"


def given_scores(school_ids: Sequence[int], since: date | None = None) -> list[GivenScore]:
    """The first scores teachers gave in summative assessments of the schools' sections (already checked), on
    assessments given since ``since`` (the school year's first day, on the pages)."""
    rows = _first_scores(school_ids, since).values_list(COURSE, CODE, "scorer_id", "value")
    return [GivenScore(course, code, scorer, float(value)) for course, code, scorer, value in rows]


def final_levels(school_ids: Sequence[int], since: date | None = None) -> list[GivenScore]:
    """For every student each teacher scored on an indicator in a course, the student's level on it now (once per
    student, teacher, course and indicator; students with no level yet left out)."""
    scored = set(_first_scores(school_ids, since).values_list(COURSE, CODE, "scorer_id", "student_id", "indicator_id"))
    results = IndicatorResult.objects.filter(
        student_id__in={row[3] for row in scored}, framework__is_current=True, level__isnull=False
    ).values_list("student_id", "indicator_id", "level__value")
    levels = {(student, indicator): value for student, indicator, value in results}
    return [
        GivenScore(course, code, scorer, float(levels[(student, indicator)]))
        for course, code, scorer, student, indicator in sorted(scored)
        if (student, indicator) in levels
    ]


MEASURES = {"first": "levels first given", "final": "final levels of the students each teacher scored"}


def measured(school_ids: Sequence[int], measure: str, *, since: date | None = None) -> list[GivenScore]:
    return final_levels(school_ids, since) if measure == "final" else given_scores(school_ids, since)
