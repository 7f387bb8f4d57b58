"""A section's assessments and scores, for the current school year and earlier ones alike.

Pure (no database). A course's department shares common assessments (``course_tasks``): each summative assesses
two of the course's indicators, some a cross-curricular one too, and each check-in (formative) one. A section
gives them on dates spread over its year (``assessment_dates``); every student present is scored from the
latent model (``latent.py``), and some of those below proficient retake the assessment a week or two later,
having revisited the learning (``assess``).

Invariants: every score is on the 1–4 scale and aligned to its assessment's indicators; a retake comes after
the assessment it retakes, within the same school year, and scores only students who took the original.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from proficio.demo import catalogue as cat
from proficio.demo.calendar import SchoolYear
from proficio.demo.latent import to_scale
from proficio.demo.records import AssessmentPlan, DistrictPlan, ScorePlan

ABSENT = 0.03  # share of students absent from an assessment, never assessed on it
RETAKE = 0.35  # share of students below proficient on a summative who retake it
RETAKE_BOOST = 0.55  # levels a retaker has gained by revisiting the learning
REASSESS = 0.8  # share of students still below proficient on an assessment who retake it in the term's window
NOISE = 0.45  # day-to-day noise of a score, in levels (0.4 on a retake)
CORRECTION = 0.006  # share of scores later corrected by their scorer

CORRECTION_REASONS = (
    "Rescored after department calibration with the common rubric.",
    "Entered the wrong level; corrected from the scoring sheet.",
    "Reviewed the work again with the exemplars; the evidence supports a different level.",
)

Latent = Callable[[str, str, date], float]
"""The latent level of a student (key) on an indicator (code) on a day."""


@dataclass(frozen=True)
class Task:
    """One common assessment of a course: its kind, title, place in the course and indicators."""

    kind: str
    title: str
    index: int
    codes: tuple[str, ...]


def course_tasks(
    rng: random.Random,
    area: str,
    indicators: Sequence[str],
    cross: Sequence[str],
    summative: int,
    formative: int,
    *,
    every_third_cross: bool,
) -> list[Task]:
    """A course's common assessments: ``summative`` on two indicators each, ``formative`` on one each.

    A summative also assesses a cross-curricular indicator every third time (``every_third_cross``, the high
    school's mapped courses) or by chance, 40 % of the time."""
    titles = list(cat.ASSESSMENT_TITLES[area])
    rng.shuffle(titles)
    n = len(indicators)
    tasks = []
    for i in range(summative):
        aligned = [indicators[(2 * i) % n], indicators[(2 * i + 1) % n]]
        if (i % 3 == 2) if every_third_cross else (rng.random() < 0.4):
            aligned.append(cross[(i // 3 if every_third_cross else i) % len(cross)])
        tasks.append(Task("summative", titles[i % len(titles)], i, tuple(aligned)))
    for i in range(formative):
        title = f"Check-in: {titles[(i + 3) % len(titles)]}"
        tasks.append(Task("formative", title, i, (indicators[(3 * i) % n],)))
    return tasks


def assessment_dates(rng: random.Random, days: Sequence[date], count: int) -> list[date]:
    """``count`` dates spread over ``days``, one per equal slice, jittered within it."""
    if count == 0:
        return []
    size = len(days) / count
    return [days[min(len(days) - 1, int(i * size + rng.random() * size * 0.8))] for i in range(count)]


@dataclass
class Gradebook:
    """One section's evidence as it is given: where its assessments and scores go, each student's latest level
    on each indicator, and which students already retook which assessment."""

    plan: DistrictPlan
    rng: random.Random
    section: str
    students: Sequence[str]
    teacher: str
    days: Sequence[date]
    latent: Latent
    latest: dict[tuple[str, str], int] = field(default_factory=dict)
    given: list[tuple[str, Task, date]] = field(default_factory=list)  # summative originals: key, task, day
    retook: set[tuple[str, str]] = field(default_factory=set)  # (original's key, student)

    def assess(self, task: Task, day: date) -> None:
        """Give ``task`` on ``day``: the assessment, its scores, and its retake when some students need one."""
        rng, key = self.rng, f"{self.section}-{task.kind[0]}{task.index + 1}"
        self.plan.assessments.append(AssessmentPlan(key, self.section, task.title, task.kind, day, task.codes))
        needs_retake: list[str] = []
        for student in self.students:
            if rng.random() < ABSENT:
                continue
            values = [self._score(student, key, code, day, NOISE, task.kind) for code in task.codes]
            if task.kind == "summative" and min(values) < 3 and rng.random() < RETAKE:
                needs_retake.append(student)
        if task.kind == "summative":
            self.given.append((key, task, day))
        position = self.days.index(day)
        if needs_retake and position + 15 < len(self.days):
            retake_day = self.days[position + rng.randrange(8, 15)]
            self._retake(key, task, "retake", f"Retake: {task.title}", retake_day, needs_retake)

    def reassess(self, first: date, last: date) -> None:
        """The reassessment window that closes a term, on ``last``: for each summative given from ``first``,
        students still below proficient on one of its indicators who have not retaken it yet mostly
        (``REASSESS``) retake it."""
        for key, task, day in self.given:
            if not first <= day < last:
                continue
            takers = [
                student
                for student in self.students
                if (key, student) not in self.retook
                and any(self.latest.get((student, code), 3) < 3 for code in task.codes)
                and self.rng.random() < REASSESS
            ]
            if takers:
                self._retake(key, task, "window", f"Reassessment window: {task.title}", last, takers)

    def _retake(self, original: str, task: Task, suffix: str, title: str, day: date, students: list[str]) -> None:
        key = f"{original}-{suffix}"
        self.plan.assessments.append(
            AssessmentPlan(key, self.section, title, task.kind, day, task.codes, retake_of=original)
        )
        for student in students:
            self.retook.add((original, student))
            for code in task.codes:
                # Students who retake have revisited the learning: a real but modest boost.
                self._score(student, key, code, day, 0.4, task.kind, boost=RETAKE_BOOST)

    def _score(
        self, student: str, assessment: str, code: str, day: date, noise: float, kind: str, boost: float = 0.0
    ) -> int:
        value = to_scale(self.latent(student, code, day) + boost, self.rng.gauss(0, noise))
        if kind == "summative":
            self.latest[(student, code)] = value
        self.plan.scores.append(score(self.rng, student, assessment, code, value, self.teacher, day))
        return value


def term_windows(calendar: SchoolYear, days: Sequence[date]) -> list[tuple[date, date]]:
    """Each semester's first day and the day of its reassessment window: its last school day in ``days``."""
    return [(term.start, max(day for day in days if day <= term.end)) for term in calendar.semesters]


def give(book: Gradebook, schedule: Sequence[tuple[date, Task]], windows: Sequence[tuple[date, date]]) -> None:
    """Give a section's assessments in date order, closing each term with its reassessment window."""
    pending = list(windows)
    for day, task in sorted(schedule, key=lambda item: (item[0], item[1].kind, item[1].index)):
        while pending and pending[0][1] <= day:
            book.reassess(*pending.pop(0))
        book.assess(task, day)
    for window in pending:
        book.reassess(*window)


def _scored_at(rng: random.Random, day: date) -> datetime:
    lag = rng.choice([0, 1, 1, 2, 2, 3, 4, 6])
    moment = datetime.combine(day + timedelta(days=lag), time(15 + rng.randrange(6), rng.randrange(60)))
    return moment.replace(tzinfo=UTC)


def score(
    rng: random.Random,
    student: str,
    assessment: str,
    code: str,
    value: int,
    scorer: str,
    day: date,
    feedback_rate: float = 0.3,
) -> ScorePlan:
    """One score, with feedback some of the time, and now and then a later correction by its scorer."""
    scored_at = _scored_at(rng, day)
    feedback = rng.choice(cat.FEEDBACK[value]) if rng.random() < feedback_rate else ""
    if rng.random() >= CORRECTION:
        return ScorePlan(student, assessment, code, value, scorer, scored_at, feedback)
    corrected = value + (1 if value < 4 and (value == 1 or rng.random() < 0.6) else -1)
    return ScorePlan(
        student,
        assessment,
        code,
        value,
        scorer,
        scored_at,
        feedback,
        corrected_to=corrected,
        correction_reason=rng.choice(CORRECTION_REASONS),
        corrected_at=scored_at + timedelta(days=rng.randrange(1, 12), hours=rng.randrange(4)),
    )
