"""The demo district's school calendar, for any school year: first and last day, semesters, quarters, breaks.

Pure (no database). A school year is named by the calendar year it ends in (``2026`` is 2025–26), as
``roster.AcademicSession.school_year`` is. Every year follows the same rules, so the demo can hold several
years of history that look alike:

- school starts on the last Wednesday of August and ends on the second Friday of June;
- semester 1 ends on the fourth Friday of January, semester 2 starts the Monday after;
- quarter 1 ends on the last Friday of October, quarter 3 on the last Friday of March;
- breaks: Thanksgiving (Wednesday to Friday), 22 December to 2 January, the February vacation week (the week
  of Presidents' Day, the third Monday of February) and the April vacation week (from the second Monday).

Invariants: the terms of a year lie within it and follow each other without overlap; every school day is a
weekday outside the breaks. For 2025–26 these rules give exactly the dates the demo always used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

MONDAY, WEDNESDAY, THURSDAY, FRIDAY = 0, 2, 3, 4


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` of the month (n ≥ 1)."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    after = date(year + month // 12, month % 12 + 1, 1)
    last = after - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


@dataclass(frozen=True)
class Term:
    title: str
    start: date
    end: date


@dataclass(frozen=True)
class SchoolYear:
    """One school year's dates; ``year`` is the calendar year it ends in."""

    year: int
    start: date
    end: date
    semesters: tuple[Term, Term]
    quarters: tuple[Term, Term, Term, Term]
    breaks: tuple[tuple[date, date], ...]

    @property
    def title(self) -> str:
        return f"{self.year - 1}–{self.year % 100:02d}"

    def fraction(self, day: date) -> float:
        """How far into the year ``day`` is: 0 on the first day, 1 on the last."""
        return (day - self.start).days / (self.end - self.start).days

    def is_break(self, day: date) -> bool:
        return any(first <= day <= last for first, last in self.breaks)


@cache
def school_year(year: int) -> SchoolYear:
    """The calendar of the school year ending in June of ``year``."""
    start = _last_weekday(year - 1, 8, WEDNESDAY)
    end = _nth_weekday(year, 6, FRIDAY, 2)
    semester_1_end = _nth_weekday(year, 1, FRIDAY, 4)
    quarter_1_end = _last_weekday(year - 1, 10, FRIDAY)
    quarter_3_end = _last_weekday(year, 3, FRIDAY)
    monday = timedelta(days=3)
    semesters = (Term("Semester 1", start, semester_1_end), Term("Semester 2", semester_1_end + monday, end))
    quarters = (
        Term("Quarter 1", start, quarter_1_end),
        Term("Quarter 2", quarter_1_end + monday, semester_1_end),
        Term("Quarter 3", semester_1_end + monday, quarter_3_end),
        Term("Quarter 4", quarter_3_end + monday, end),
    )
    thanksgiving = _nth_weekday(year - 1, 11, THURSDAY, 4)
    february = _nth_weekday(year, 2, MONDAY, 3)
    april = _nth_weekday(year, 4, MONDAY, 2)
    breaks = (
        (thanksgiving - timedelta(days=1), thanksgiving + timedelta(days=1)),
        (date(year - 1, 12, 22), date(year, 1, 2)),
        (february, february + timedelta(days=4)),
        (april, april + timedelta(days=4)),
    )
    return SchoolYear(year, start, end, semesters, quarters, breaks)


def school_year_of(day: date) -> int:
    """The school year ``day`` belongs to (July starts a new one)."""
    return day.year + 1 if day.month >= 7 else day.year


@cache
def _school_days(year: int) -> tuple[date, ...]:
    calendar = school_year(year)
    days, day = [], calendar.start
    while day <= calendar.end:
        if day.weekday() < 5 and not calendar.is_break(day):
            days.append(day)
        day += timedelta(days=1)
    return tuple(days)


def school_days(start: date, end: date) -> list[date]:
    """The school days from ``start`` to ``end`` (both included), which may span several school years."""
    days: list[date] = []
    for year in range(school_year_of(start), school_year_of(end) + 1):
        days.extend(day for day in _school_days(year) if start <= day <= end)
    return days
