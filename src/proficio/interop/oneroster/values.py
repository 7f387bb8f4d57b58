"""Turning OneRoster cell values into proficio's: grades, subjects, demographics, identifiers.

Each function is pure and small, so the vocabulary decisions are in one place and easy to test.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime

from proficio.roster.models import ContentArea, Student

# CEDS entry grade levels proficio can hold (roster.models.GRADE_NAMES: PK = -1, K = 0, 1–12).
GRADE_VALUES = {
    "PK": -1,
    "TK": -1,
    "KG": 0,
    **{f"{g:02d}": g for g in range(1, 13)},
    **{str(g): g for g in range(1, 13)},
}
DEFAULT_SPAN = (0, 12)  # K–12, for a school whose grades cannot be inferred
# A district-wide course (or one taught at another school than its own) becomes one proficio course per
# school teaching it, keyed "<course sourcedId> @ <school sourcedId>".
DERIVED = " @ "

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")


def parse_date(value: str) -> date | None:
    """YYYY-MM-DD only (Python 3.11 would also take 20250827, which the binding does not allow)."""
    if not _DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_problem(value: str) -> str:
    """Why ``value`` is not a date the binding allows — naming both readings when it is ambiguous.

    A date written d/m/y or m/d/y is never guessed: ``1/05/2023`` is 1 May in most of the world and 5 January
    in the United States, and a roster read the wrong way puts every enrollment in the wrong month.
    """
    found = DAY_MONTH_YEAR.match(value)
    if not found:
        return "is not a date written YYYY-MM-DD"
    first, second, year = int(found[1]), int(found[2]), int(found[3])
    readings = []
    for day, month in ((first, second), (second, first)):
        try:
            readings.append(date(year, month, day))
        except ValueError:
            continue
    readings = list(dict.fromkeys(readings))
    if len(readings) == 2:
        a, b = readings
        return (
            f"is ambiguous: it could be {a.day} {_MONTHS[a.month - 1]} or {b.day} {_MONTHS[b.month - 1]}; "
            f"write {a.isoformat()} (or {b.isoformat()}), as YYYY-MM-DD"
        )
    if len(readings) == 1:
        (only,) = readings
        month = _MONTHS[only.month - 1]
        return f"is not a date written YYYY-MM-DD; if it means {only.day} {month} {year}, write {only}"
    return "is not a date written YYYY-MM-DD (nor a day and month that exist)"


def school_year_of(end: date) -> int:
    """OneRoster's schoolYear: the calendar year the school year ends in (2024–25 is 2025)."""
    return end.year


def parse_datetime(value: str) -> datetime | None:
    """ISO 8601 date-time, e.g. 2025-08-01T12:00:00.000Z; a bare date is tolerated."""
    if len(value) < 10 or not _DATE.match(value[:10]):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def parse_bool(value: str) -> bool | None:
    lowered = value.lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    return None


def parse_year(value: str) -> int | None:
    return int(value) if _YEAR.match(value) else None


def split_list(value: str) -> list[str]:
    """A list field: comma-separated values inside one (quoted) cell; blanks between commas are dropped."""
    if not value:
        return []
    return [item.strip() for item in value.split(",") if item.strip()]


def grade_of(values: list[str]) -> int | None:
    """The first grade proficio can hold, from a list of CEDS grade codes."""
    for value in values:
        grade = GRADE_VALUES.get(value)
        if grade is not None:
            return grade
    return None


# SCED subject-area codes (first two digits of a course code) → content area.
_SCED_AREAS = {
    "01": ContentArea.ELA,
    "02": ContentArea.MATH,
    "03": ContentArea.SCIENCE,
    "04": ContentArea.SOCIAL_STUDIES,
    "05": ContentArea.ARTS,
    "06": ContentArea.WORLD_LANGUAGES,
    "08": ContentArea.PE_HEALTH,
    **{f"{n:02d}": ContentArea.CTE for n in range(10, 22)},
}
# Words in a subject name → content area; the first match wins, so the more specific words come first.
_SUBJECT_WORDS: tuple[tuple[tuple[str, ...], ContentArea], ...] = (
    (("advisory", "homeroom", "advisement"), ContentArea.ADVISORY),
    (("physical education", "health", "p.e.", "wellness", "fitness"), ContentArea.PE_HEALTH),
    (("math", "algebra", "geometry", "calculus", "statistics", "trigonometry"), ContentArea.MATH),
    (("english", "language arts", "ela", "reading", "writing", "literature", "literacy"), ContentArea.ELA),
    (
        ("science", "biology", "chemistry", "physics", "earth", "environmental", "anatomy", "astronomy"),
        ContentArea.SCIENCE,
    ),
    (
        ("social studies", "history", "geography", "civics", "government", "economics", "psychology", "sociology"),
        ContentArea.SOCIAL_STUDIES,
    ),
    (
        ("spanish", "french", "german", "chinese", "mandarin", "latin", "japanese", "world language", "foreign"),
        ContentArea.WORLD_LANGUAGES,
    ),
    (("art", "music", "band", "chorus", "orchestra", "theater", "theatre", "drama", "dance"), ContentArea.ARTS),
    (
        ("career", "technical", "cte", "business", "engineering", "computer", "technology", "culinary", "agri"),
        ContentArea.CTE,
    ),
)


def content_area_of(subjects: list[str], subject_codes: list[str]) -> str:
    """A course's content area from its SCED subject codes, else its subject names; interdisciplinary when
    neither says, or when they name several areas."""
    areas: set[str] = {str(_SCED_AREAS[code[:2]]) for code in subject_codes if code[:2] in _SCED_AREAS}
    if not areas:
        for subject in subjects:
            lowered = subject.lower()
            for words, area in _SUBJECT_WORDS:
                if any(word in lowered for word in words):
                    areas.add(str(area))
                    break
    if len(areas) == 1:
        return str(next(iter(areas)))
    return str(ContentArea.INTERDISCIPLINARY)


GENDERS = {"female": Student.Gender.FEMALE, "male": Student.Gender.MALE, "other": Student.Gender.NONBINARY}

RACE_COLUMNS = (
    ("americanIndianOrAlaskaNative", Student.RaceEthnicity.AMERICAN_INDIAN),
    ("asian", Student.RaceEthnicity.ASIAN),
    ("blackOrAfricanAmerican", Student.RaceEthnicity.BLACK),
    ("nativeHawaiianOrOtherPacificIslander", Student.RaceEthnicity.PACIFIC_ISLANDER),
    ("white", Student.RaceEthnicity.WHITE),
)


def race_ethnicity_of(flags: dict[str, bool | None]) -> str:
    """Federal reporting rule: Hispanic or Latino first, then two or more races, then the single race."""
    if flags.get("hispanicOrLatinoEthnicity"):
        return str(Student.RaceEthnicity.HISPANIC)
    races = [race for column, race in RACE_COLUMNS if flags.get(column)]
    if flags.get("demographicRaceTwoOrMoreRaces") or len(races) > 1:
        return str(Student.RaceEthnicity.TWO_OR_MORE)
    return str(races[0]) if races else ""


def short_code(value: str, width: int) -> str:
    """``value`` if it fits in ``width`` characters, else a stable digest that does (same input, same code)."""
    if len(value) <= width:
        return value
    digest = hashlib.blake2b(value.encode(), digest_size=16).hexdigest()
    return f"{value[: width - 11]}~{digest[:10]}"


def student_number_of(identifier: str, sourced_id: str) -> str:
    """The student's number: OneRoster ``identifier`` (the human-readable id), else one derived from the
    sourcedId — the same every import, so re-imports match."""
    return short_code(identifier or sourced_id, 32)
