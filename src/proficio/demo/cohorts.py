"""The high school's past classes and what became of each student: graduated, dropped out, transferred out or
still enrolled, and, for graduates, whether they went on to postsecondary education.

Pure (no database). The classes of the three years before the current one are drawn like today's students —
the same demographic mix, the same latent model with its opportunity gaps (``latent.py``) — and each student's
outcome follows from their **standing** (end-of-year level against the average student, in standard
deviations) by the few documented rates below. No outcome is set by group: a group's rates differ only because
its students' latent levels do.

- **Transferred out:** 6 % of any class, at any grade, whatever their standing (families move).
- **Not on time:** the chance of not graduating with the class is ``1 / (1 + exp(−(a − b × standing)))`` — under
  2 % at the average standing, 18 % one standard deviation below it, 44 % one and a half below; about one
  student in seven over a whole class.
  Of those, ``DROPPED_OUT`` leave without a diploma. The others are still at school: in the latest class they
  are **still enrolled** — fifth-year seniors in the current grade 12, active students like any other — and in
  older classes most of them have since graduated (``LATE_GRADUATE``; the five-year graduation rate counts
  them) and the rest dropped out.
- **Postsecondary:** a graduate enrolled with chance ``1 / (1 + exp(−(c + d × standing)))``, 86 % at the
  average standing, about 78 % over a class's graduates; for ``POSTSECONDARY_UNKNOWN`` of graduates the
  district never learned.

With the opportunity gaps of ``latent.py``, the three classes graduate about 91 % (the latest, whose late
finishers are still at school, about 86 %; dropout about 6 %; postsecondary about 77 % of graduates): near the
network's targets, with students with disabilities, English learners and economically disadvantaged students
some points below — as in real districts.

Invariants: every past student has exactly one outcome; only graduates have a postsecondary answer; still
enrolled happens only in the latest class, and only as an active grade-12 student of the current year.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, replace

from proficio.demo.latent import Groups, latent_from_draws, standing
from proficio.demo.people import DISABILITY, ECONOMICALLY_DISADVANTAGED, ENGLISH_LEARNER, GENDER, RACE_ETHNICITY, pick

PAST_CLASSES = 3
TRANSFERRED = 0.06
NOT_ON_TIME = (-4.0, 2.5)  # a, b: log-odds of not graduating on time at standing 0, and per standard deviation
DROPPED_OUT = 0.35  # share of those not on time who leave without a diploma
LATE_GRADUATE = 0.85  # share of an older class's other late finishers who have since graduated
POSTSECONDARY = (1.8, 1.4)  # c, d: log-odds of enrolling at standing 0, and per standard deviation
POSTSECONDARY_UNKNOWN = 0.05
DROPOUT_GRADE = {"10": 0.25, "11": 0.35, "12": 0.4}  # the grade a student who drops out leaves in


@dataclass(frozen=True)
class PastStudent:
    """One student of a past class, before they are given a name: demographics, latent model, outcome."""

    cohort: int
    race_ethnicity: str
    gender: str
    groups: Groups
    ability: float
    growth: float
    outcome: str
    postsecondary: bool | None
    grade: int  # the grade they were in when they left (12 for graduates and the still enrolled)


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def outcome(rng: random.Random, position: float, *, latest: bool) -> tuple[str, int]:
    """The outcome of a student of ``position`` standing, and the grade they were in when it happened."""
    if rng.random() < TRANSFERRED:
        return "transferred", rng.choice((9, 10, 11, 12))
    if rng.random() >= _logistic(NOT_ON_TIME[0] - NOT_ON_TIME[1] * position):
        return "graduated", 12
    if rng.random() >= DROPPED_OUT:
        if latest:
            return "still_enrolled", 12
        if rng.random() < LATE_GRADUATE:
            return "graduated", 12
    return "dropped_out", int(pick(rng, DROPOUT_GRADE))


def postsecondary(rng: random.Random, position: float) -> bool | None:
    """Whether a graduate of ``position`` standing enrolled in postsecondary education (None: unknown)."""
    if rng.random() < POSTSECONDARY_UNKNOWN:
        return None
    return rng.random() < _logistic(POSTSECONDARY[0] + POSTSECONDARY[1] * position)


def draw_class(rng: random.Random, cohort: int, size: int, *, latest: bool) -> list[PastStudent]:
    """The ``size`` students of the class of ``cohort``, each with an outcome."""
    students = []
    for _ in range(size):
        race = pick(rng, RACE_ETHNICITY)
        groups = Groups(
            economically_disadvantaged=rng.random() < ECONOMICALLY_DISADVANTAGED,
            english_learner=rng.random() < ENGLISH_LEARNER.get(race, ENGLISH_LEARNER["default"]),
            disability=rng.random() < DISABILITY,
        )
        ability, growth = latent_from_draws(rng.gauss(0.0, 1.0), rng.gauss(0.0, 1.0), groups)
        position = standing(ability, growth)
        result, grade = outcome(rng, position, latest=latest)
        enrolled = postsecondary(rng, position) if result == "graduated" else None
        students.append(PastStudent(cohort, race, pick(rng, GENDER), groups, ability, growth, result, enrolled, grade))
    return students


def seat_fifth_years(students: list[PastStudent], room: int) -> list[PastStudent]:
    """The students with at most ``room`` still enrolled: a district too small to hold more fifth-year seniors
    (grade 12 keeps at least one student of its own class) records the others as having left without a
    diploma."""
    seated = 0
    kept = []
    for student in students:
        if student.outcome == "still_enrolled":
            if seated >= room:
                student = replace(student, outcome="dropped_out")
            seated += 1
        kept.append(student)
    return kept
