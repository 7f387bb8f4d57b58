"""Past cohorts' outcomes against the network's targets, and the all-or-nothing CSV import that records them.

For a class (cohort), the **adjusted cohort** is its students minus those who transferred out (the usual rule:
a transfer is not a graduate or a dropout of this school). Against it:

- graduation rate = graduated ÷ adjusted cohort (target ≥ 90 %);
- dropout rate = dropped out ÷ adjusted cohort (target ≤ 5 %);
- postsecondary rate = graduates known to have enrolled in postsecondary education ÷ graduates whose
  postsecondary enrollment is recorded (target ≥ 80 %).

Targets are policy, ``PROFICIO_NETWORK_TARGETS``. Every figure is broken down by student group with the same
small-group suppression as readiness.

The CSV has the header ``student_number,class_of,outcome,postsecondary``, in any column order; ``outcome`` is
graduated, still_enrolled, dropped_out or transferred (the labels, in any case, work too); ``postsecondary``
is yes, no or blank (unknown). Every problem is reported with its line and column, and then nothing is written.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from proficio.accounts.models import User
from proficio.insights.models import CohortOutcome, Outcome
from proficio.insights.readiness import DIMENSIONS, group_labels
from proficio.insights.suppression import split_by_group
from proficio.interop.problems import Problem
from proficio.roster.models import School, Student

DEFAULT_TARGETS = {"graduation": 0.90, "postsecondary": 0.80, "dropout": 0.05}
COLUMNS = ("student_number", "class_of", "outcome", "postsecondary")


def targets() -> dict[str, float]:
    return {**DEFAULT_TARGETS, **getattr(settings, "PROFICIO_NETWORK_TARGETS", {})}


@dataclass(frozen=True)
class OutcomeRow:
    cohort: int
    outcome: str
    postsecondary: bool | None
    groups: Mapping[str, str]


@dataclass(frozen=True)
class Rates:
    students: int
    transferred: int
    graduated: int
    dropped_out: int
    still_enrolled: int
    postsecondary_known: int
    postsecondary_yes: int

    @property
    def adjusted(self) -> int:
        return self.students - self.transferred

    @property
    def graduation(self) -> float | None:
        return self.graduated / self.adjusted if self.adjusted else None

    @property
    def dropout(self) -> float | None:
        return self.dropped_out / self.adjusted if self.adjusted else None

    @property
    def postsecondary(self) -> float | None:
        return self.postsecondary_yes / self.postsecondary_known if self.postsecondary_known else None


def rates(rows: Sequence[OutcomeRow]) -> Rates:
    count: dict[str, int] = defaultdict(int)
    for row in rows:
        count[row.outcome] += 1
    graduates = [row for row in rows if row.outcome == Outcome.GRADUATED]
    known = [row for row in graduates if row.postsecondary is not None]
    return Rates(
        students=len(rows),
        transferred=count[Outcome.TRANSFERRED],
        graduated=count[Outcome.GRADUATED],
        dropped_out=count[Outcome.DROPPED_OUT],
        still_enrolled=count[Outcome.STILL_ENROLLED],
        postsecondary_known=len(known),
        postsecondary_yes=sum(1 for row in known if row.postsecondary),
    )


@dataclass(frozen=True)
class GroupRates:
    group: str
    rates: Rates | None  # None when hidden


@dataclass(frozen=True)
class CohortRates:
    cohort: int
    all_students: Rates
    breakdowns: dict[str, list[GroupRates]] = field(default_factory=dict)


def cohort_rates(rows: Sequence[OutcomeRow], *, dimensions: Sequence[str], minimum: int) -> list[CohortRates]:
    """Each recorded cohort (newest first) with its rates and, per dimension, each group's (small ones hidden)."""
    by_cohort: dict[int, list[OutcomeRow]] = defaultdict(list)
    for row in rows:
        by_cohort[row.cohort].append(row)
    result = []
    for cohort in sorted(by_cohort, reverse=True):
        members = by_cohort[cohort]
        breakdowns = {}
        for dimension in dimensions:
            breakdowns[dimension] = [
                GroupRates(group, None if shown is None else rates(shown))
                for group, shown in split_by_group(members, dimension, minimum=minimum)
            ]
        result.append(CohortRates(cohort, rates(members), breakdowns))
    return result


def load_rows(school_ids: Sequence[int]) -> list[OutcomeRow]:
    """The recorded outcomes of the schools' students (the schools already checked as the reader's)."""
    labels = group_labels()
    values = CohortOutcome.objects.filter(student__school_id__in=school_ids).values(
        "cohort", "outcome", "postsecondary", *(f"student__{d}" for d in DIMENSIONS)
    )
    return [
        OutcomeRow(
            v["cohort"], v["outcome"], v["postsecondary"], {d: labels[d](v[f"student__{d}"]) for d in DIMENSIONS}
        )
        for v in values
    ]


# --- the CSV import --------------------------------------------------------------------------------------------


class OutcomesRefused(Exception):
    """The file has problems, so nothing was recorded."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s), nothing recorded")
        self.problems = problems


_OUTCOMES = {**{o.value: o.value for o in Outcome}, **{str(o.label).lower(): o.value for o in Outcome}}
_YES_NO = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False, "": None}


@dataclass(frozen=True)
class _Parsed:
    line: int
    student: Student
    cohort: int
    outcome: str
    postsecondary: bool | None


def _parse(text: str, name: str, school: School) -> list[_Parsed]:
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text))
    header = [cell.strip() for cell in next(reader, [])]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise OutcomesRefused([Problem(name, "is required but missing from the header", 1, c) for c in missing])
    at = {column: header.index(column) for column in COLUMNS}
    numbers: list[tuple[int, list[str]]] = [(line, cells) for line, cells in enumerate(reader, start=2) if any(cells)]
    students = {
        s.student_number: s
        for s in Student.objects.filter(
            school=school,
            student_number__in=[c[at["student_number"]].strip() for _, c in numbers if len(c) == len(header)],
        )
    }
    seen: dict[str, int] = {}
    parsed = []
    for line, cells in numbers:
        if len(cells) != len(header):
            problems.append(Problem(name, f"has {len(cells)} values but the header has {len(header)} columns", line))
            continue
        value = {column: cells[at[column]].strip() for column in COLUMNS}
        student = students.get(value["student_number"])
        ok = True
        if student is None:
            problems.append(
                Problem(name, f"is not a student of {school.name}", line, "student_number", value["student_number"])
            )
            ok = False
        elif value["student_number"] in seen:
            problems.append(
                Problem(
                    name,
                    f"appears twice (also line {seen[value['student_number']]})",
                    line,
                    "student_number",
                    value["student_number"],
                )
            )
            ok = False
        seen.setdefault(value["student_number"], line)
        if not (value["class_of"].isdigit() and len(value["class_of"]) == 4):
            problems.append(Problem(name, "is not a four-digit year", line, "class_of", value["class_of"]))
            ok = False
        outcome = _OUTCOMES.get(value["outcome"].lower())
        if outcome is None:
            choices = ", ".join(o.value for o in Outcome)
            problems.append(Problem(name, f"is not one of {choices}", line, "outcome", value["outcome"]))
            ok = False
        if value["postsecondary"].lower() not in _YES_NO:
            problems.append(Problem(name, "is not yes, no or blank", line, "postsecondary", value["postsecondary"]))
            ok = False
        if ok and student is not None and outcome is not None:
            post = _YES_NO[value["postsecondary"].lower()]
            parsed.append(_Parsed(line, student, int(value["class_of"]), outcome, post))
    if problems:
        raise OutcomesRefused(problems)
    return parsed


def import_outcomes(data: bytes, *, name: str, school: School, user: User | None) -> int:
    """Record every line's outcome (creating or replacing the student's), or none: ``OutcomesRefused`` lists
    every problem with its line and column. Returns how many outcomes were recorded."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OutcomesRefused([Problem(name, "is not UTF-8 text; save it as 'CSV UTF-8'", 1)]) from None
    parsed = _parse(text, name, school)
    with transaction.atomic():
        for row in parsed:
            _save(row.student, row.cohort, row.outcome, row.postsecondary, user)
    return len(parsed)


def _save(student: Student, cohort: int, outcome: str, postsecondary: bool | None, user: User | None) -> None:
    CohortOutcome.objects.update_or_create(
        student=student,
        defaults={"cohort": cohort, "outcome": outcome, "postsecondary": postsecondary, "recorded_by": user},
    )


class OutcomeError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def record_outcome(
    *, school: School, student_number: str, cohort: int, outcome: str, postsecondary: bool | None, user: User
) -> Student:
    """Record (or replace) one student's outcome, as a line of the CSV would; the school is already checked."""
    student = Student.objects.filter(school=school, student_number=student_number.strip()).first()
    if student is None:
        raise OutcomeError("student_number", f"{student_number!r} is not a student of {school.name}.")
    if outcome not in Outcome.values:
        raise OutcomeError("outcome", "Choose an outcome.")
    if not 1900 < cohort < 2200:
        raise OutcomeError("class_of", "Give the four-digit year the student was to graduate.")
    _save(student, cohort, outcome, postsecondary, user)
    return student
