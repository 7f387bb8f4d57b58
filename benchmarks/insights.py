"""Leaders' dashboards on PostgreSQL for a district of 100,000 high-school students, and a whole term's snapshot.

Measured, in a throwaway PostgreSQL database (``proficio_bench_insights``, dropped and recreated each run):

- the **district dashboard** (``GET /insights/`` as a district administrator: each high school's share on
  track, the district's classes by student group), the **school dashboard** (``GET /insights/schools/<id>/``
  for several schools: readiness by cohort and group, the students furthest behind, proficiency by standard) and
  the **school's growth** (``GET /insights/schools/<id>/growth/``: growth between the two ended terms by group and
  standard) through Django's test client with DEBUG off, after a warm-up: p50 and p95.
  Target: **p95 ≤ 300 ms** each;
- ``proficio.proficiency.snapshots.snapshot_term`` copying the district's standard results under the term that
  ended last, and the rows it wrote. Target: **≤ 30 s**;
- the baseline, in the same run: the district figures (students on track per school, and per grade × group)
  computed the naive way — ``GraduationStatus`` objects fetched with the ORM one school at a time and tallied in
  a Python loop — checked equal to the dashboard's, printed as ``naive: N.Nx`` (naive time ÷ the district
  dashboard's p50).

The district is generated straight into the real tables (the catalogue through the ORM, the rest by COPY): 40
high schools (grades 9–12), 100,000 active students with a realistic subgroup mix, one current framework of 45
required standards on a 1–4 scale, a standard result per student × standard, a graduation status per student,
and two ended grading periods, the earlier one already snapshotted (the later one is the snapshot timed), so
that the growth page has growth to show. No scores: none of the timed pages reads them. Generation is timed
and printed; it is not a target.

    python benchmarks/insights.py            # 100,000 students, 30 requests per page
    python benchmarks/insights.py --smoke    # 500 students in 2 schools, 10 requests per page (CI's smoke step)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from scratch_database import drop_database, fresh_database

from proficio.demo.people import DISABILITY, ECONOMICALLY_DISADVANTAGED, ENGLISH_LEARNER, GENDER, RACE_ETHNICITY

if TYPE_CHECKING:
    from django.db.models import Model
    from django.test import Client

    from proficio.accounts.models import User
    from proficio.roster.models import AcademicSession, District

ROOT = Path(__file__).resolve().parents[1]
PG_DATABASE = "proficio_bench_insights"
TARGET_MS = 300.0
TARGET_SNAPSHOT_SECONDS = 30.0
STANDARDS = 45
SCHOOL_PAGES = 5  # schools whose page is requested, in turn

# Shares of enrolment: the demo generator's mix (proficio.demo.people), a mid-sized, diverse US district.
GRADE_SHARES = {9: 0.26, 10: 0.25, 11: 0.25, 12: 0.24}
NOT_GIVEN = 0.01  # share of students whose roster left out a demographic field
AREAS = (  # (content area, standards): 41 content-area standards and 4 cross-curricular ones
    ("ela", 8),
    ("math", 8),
    ("science", 8),
    ("social_studies", 8),
    ("world_languages", 3),
    ("arts", 3),
    ("pe_health", 3),
    ("", 4),
)
LEVELS = ((1, "Beginning"), (2, "Developing"), (3, "Proficient"), (4, "Exceeding"))
FIRST = ("Ava", "Liam", "Sofia", "Noah", "Maya", "Ethan", "Zoe", "Diego", "Amara", "Lucas", "Hannah", "Mateo")
LAST = ("Martinez", "Chen", "Hernandez", "Johnson", "Patel", "Williams", "Nguyen", "Ramirez", "Okonkwo", "Kim")
SCHOOL_YEAR = 2027  # the school year 2026–27: two grading periods ended, the third under way
PERIODS = (
    ("Grading period 1", date(2026, 8, 24), date(2026, 10, 2)),
    ("Grading period 2", date(2026, 10, 5), date(2026, 11, 13)),
    ("Grading period 3", date(2026, 11, 16), date(2027, 1, 22)),
)


@dataclass(frozen=True)
class Size:
    students: int
    schools: int
    requests: int


FULL = Size(students=100_000, schools=40, requests=30)
SMOKE = Size(students=500, schools=2, requests=10)


@dataclass(frozen=True)
class Generated:
    district: District
    admin: User
    school_ids: list[int]
    ended: list[AcademicSession]  # the two ended grading periods, earlier first
    rows: Mapping[str, int]
    seconds: float


# --- the database ------------------------------------------------------------------------------------------


def _django(url: str) -> None:
    """Django on the fresh database, DEBUG off (no query log, templates as in production), migrated."""
    os.environ["DATABASE_URL"] = url
    os.environ["PROFICIO_DATA_DIR"] = tempfile.mkdtemp(prefix="proficio-bench-insights-")
    os.environ.pop("PROFICIO_DEBUG", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proficio.config.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    assert not settings.DEBUG
    call_command("migrate", verbosity=0, interactive=False)


Column = Sequence[Any] | np.ndarray | str | int | datetime | None  # a value per row, or one value for every row


def _texts(values: Column, n: int) -> Iterable[str]:
    """One column in COPY's text format: ``\\N`` for None (and for -1 in an integer array); strings as given."""
    if isinstance(values, np.ndarray):
        if values.dtype == bool:
            return np.where(values, "t", "f").tolist()
        if values.dtype.kind in "iu":
            return np.where(values < 0, "\\N", values.astype(str)).tolist()
        return np.where(np.isnan(values), "\\N", values.astype(str)).tolist()
    if values is None or isinstance(values, str | int | bool | datetime):
        return repeat(_text(values), n)
    return [_text(v) for v in values]


def _text(value: object) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return value.isoformat() if isinstance(value, datetime) else str(value)


def copy_rows(model: type[Model], n: int, columns: Mapping[str, Column]) -> int:
    """COPY ``n`` rows into ``model``'s table, ``columns`` naming a value per field (every NOT NULL one)."""
    from django.db import connection

    meta = model._meta
    by_name = {f.name: f for f in meta.concrete_fields}
    needed = {name for name, f in by_name.items() if not f.null} - set(columns)
    assert not needed, f"{meta.db_table}: no value for {sorted(needed)}"
    names = ", ".join(connection.ops.quote_name(str(by_name[name].column)) for name in columns)
    lines: Iterator[str] = map("\t".join, zip(*(_texts(v, n) for v in columns.values()), strict=False))
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {meta.db_table} ({names}) FROM STDIN") as copy:
        while chunk := [line for _, line in zip(range(50_000), lines, strict=False)]:
            copy.write("\n".join(chunk) + "\n")
    return n


def _next_ids(model: type[Model], n: int) -> np.ndarray:
    from django.db.models import Max

    first = (model._default_manager.aggregate(top=Max("pk"))["top"] or 0) + 1
    return np.arange(first, first + n, dtype=np.int64)


def _reset_sequences(models: Sequence[type[Model]]) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


# --- generating the district -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Catalogue:
    district: District
    admin: User
    school_ids: list[int]
    periods: list[AcademicSession]
    framework_id: int
    standard_ids: list[int]
    codes: list[str]
    level_ids: list[int]  # by value, 1 to 4


def _catalogue(size: Size) -> Catalogue:
    """The district, its schools, grading periods, scale, framework and standards, and its administrator."""
    from proficio.accounts.models import Membership, Role, User
    from proficio.roster.models import AcademicSession, District, School
    from proficio.standards.models import Framework, ProficiencyScale, ScaleLevel, Standard

    district = District.objects.create(name="Benchmark Unified School District")
    schools = School.objects.bulk_create(
        School(district=district, name=f"High School {n + 1:02d}", lowest_grade=9, highest_grade=12)
        for n in range(size.schools)
    )
    year = AcademicSession.objects.create(
        district=district,
        title="2026–27",
        kind=AcademicSession.Kind.SCHOOL_YEAR,
        school_year=SCHOOL_YEAR,
        start_date=date(2026, 8, 24),
        end_date=date(2027, 6, 11),
    )
    periods = [
        AcademicSession.objects.create(
            district=district,
            title=title,
            kind=AcademicSession.Kind.GRADING_PERIOD,
            parent=year,
            school_year=SCHOOL_YEAR,
            start_date=start,
            end_date=end,
        )
        for title, start, end in PERIODS
    ]
    scale = ProficiencyScale.objects.create(name="Proficiency 1–4", district=district)
    levels = [
        ScaleLevel.objects.create(scale=scale, value=Decimal(value), label=label, is_threshold=value == 3)
        for value, label in LEVELS
    ]
    framework = Framework.objects.create(title="Graduation standards", district=district, scale=scale)
    standards = Standard.objects.bulk_create(_standards(framework))
    admin = User.objects.create_user("bench.admin", first_name="Bench", last_name="Administrator")
    Membership.objects.create(user=admin, role=Role.DISTRICT_ADMIN, district=district)
    return Catalogue(
        district,
        admin,
        [s.pk for s in schools],
        periods,
        framework.pk,
        [s.pk for s in standards],
        [s.code for s in standards],
        [level.pk for level in levels],
    )


def _standards(framework: Any) -> list[Any]:
    """45 required standards, content areas interleaved so that each grade's courses carry a mix."""
    from proficio.standards.models import Standard

    listed = []
    for area, count in AREAS:
        prefix = area.split("_")[0].upper() if area else "CC"
        for n in range(count):
            kind = Standard.Kind.CONTENT_AREA if area else Standard.Kind.CROSS_CURRICULAR
            listed.append((area, kind, f"{prefix}.{n + 1}", n))
    listed.sort(key=lambda item: (item[3], item[2]))
    return [
        Standard(
            framework=framework,
            code=code,
            title=f"Standard {code}",
            statement=f"The student shows proficiency on {code}.",
            kind=kind,
            content_area=area,
            position=position,
        )
        for position, (area, kind, code, _n) in enumerate(listed)
    ]


@dataclass(frozen=True)
class Roll:
    """The students, as columns: their ids, school, grade and standing (what their levels are drawn around)."""

    student_ids: np.ndarray
    school_ids: np.ndarray
    grades: np.ndarray
    ability: np.ndarray  # where each student stands, the gaps real schools show included


def _pick(rng: np.random.Generator, shares: Mapping[str, float], n: int) -> np.ndarray:
    keys = list(shares)
    weights = np.array([shares[k] for k in keys])
    return np.array(keys, dtype=object)[rng.choice(len(keys), n, p=weights / weights.sum())]


def _flag(rng: np.random.Generator, chance: np.ndarray | float, n: int) -> list[bool | None]:
    drawn = rng.random(n) < chance
    missing = rng.random(n) < NOT_GIVEN
    return [None if m else bool(d) for d, m in zip(drawn.tolist(), missing.tolist(), strict=True)]


def _demographics(rng: np.random.Generator, n: int) -> dict[str, list[Any]]:
    """Each subgroup field as a column, in the district's shares; a few students without each recorded."""
    race = _pick(rng, RACE_ETHNICITY, n)
    race[rng.random(n) < NOT_GIVEN] = ""
    gender = _pick(rng, GENDER, n)
    gender[rng.random(n) < NOT_GIVEN] = ""
    learner = np.array([ENGLISH_LEARNER.get(r, ENGLISH_LEARNER["default"]) for r in race])
    return {
        "race_ethnicity": race.tolist(),
        "gender": gender.tolist(),
        "economically_disadvantaged": _flag(rng, ECONOMICALLY_DISADVANTAGED, n),
        "english_learner": _flag(rng, learner, n),
        "disability": _flag(rng, DISABILITY, n),
    }


def _ability(rng: np.random.Generator, groups: Mapping[str, list[Any]], schools: np.ndarray) -> np.ndarray:
    """Where each student stands: spread around the mean, with the opportunity gaps real schools show."""
    gap = np.zeros(len(schools))
    for field, size in (("economically_disadvantaged", 0.3), ("english_learner", 0.25), ("disability", 0.4)):
        gap -= size * np.array([flag is True for flag in groups[field]])
    ids = np.unique(schools)
    school_effect = dict(zip(ids.tolist(), rng.normal(0, 0.25, len(ids)).tolist(), strict=True))
    return rng.normal(0, 1, len(schools)) + gap + np.array([school_effect[s] for s in schools.tolist()])


def _students(rng: np.random.Generator, size: Size, catalogue: Catalogue) -> tuple[Roll, int]:
    """COPY the student accounts and students; returns their columns and the rows written."""
    from django.utils import timezone

    from proficio.accounts.models import User
    from proficio.roster.models import Student

    n = size.students
    user_ids, student_ids = _next_ids(User, n), _next_ids(Student, n)
    schools = np.array(catalogue.school_ids)[rng.integers(0, size.schools, n)]
    grades = np.array(list(GRADE_SHARES))[rng.choice(4, n, p=list(GRADE_SHARES.values()))]
    groups = _demographics(rng, n)
    usernames = [f"s{k:06d}" for k in range(n)]
    account: dict[str, Column] = {
        "id": user_ids,
        "password": "!unusable",
        "is_superuser": False,
        "username": usernames,
        "first_name": np.array(FIRST)[rng.integers(0, len(FIRST), n)].tolist(),
        "last_name": np.array(LAST)[rng.integers(0, len(LAST), n)].tolist(),
        "email": [f"{u}@students.bench.example.org" for u in usernames],
        "is_staff": False,
        "is_active": True,
        "date_joined": timezone.now(),
        "preferred_language": "en",
    }
    rows = copy_rows(User, n, account)
    student: dict[str, Column] = {
        "id": student_ids,
        "user": user_ids,
        "school": schools,
        "student_number": [f"B{700000 + k}" for k in range(n)],
        "grade": grades,
        **groups,
        "is_active": True,
    }
    rows += copy_rows(Student, n, student)
    return Roll(student_ids, schools, grades, _ability(rng, groups, schools)), rows


@dataclass(frozen=True)
class Levels:
    """Each student's level (0: none yet) on each standard at the end of each ended grading period."""

    first: np.ndarray
    second: np.ndarray  # the results as they stand now: the cache


def _levels(rng: np.random.Generator, roll: Roll) -> Levels:
    """A standard is taught in one grade (9 to 12, interleaved): those of earlier grades are nearly all assessed
    and mostly proficient, this grade's partly (more by the second period), later grades' hardly."""
    n = len(roll.student_ids)
    taught = 9 + np.arange(STANDARDS) % 4
    done = taught[None, :] < roll.grades[:, None]
    now = taught[None, :] == roll.grades[:, None]
    draw = rng.random((n, STANDARDS))
    by_first = np.where(done, draw < 0.97, np.where(now, draw < 0.25, draw < 0.02))
    by_second = np.where(done, draw < 0.97, np.where(now, draw < 0.45, draw < 0.03))
    raw = 3.45 + 0.55 * roll.ability[:, None] + rng.normal(0, 0.6, (n, STANDARDS)) - 0.6 * now
    first = np.clip(np.rint(raw), 1, 4).astype(np.int8)
    moved_up = rng.random((n, STANDARDS)) < np.where(now, 0.35, 0.08)
    second = np.minimum(first + moved_up, 4).astype(np.int8)
    return Levels(np.where(by_first, first, 0), np.where(by_second, second, 0))


def _results(roll: Roll, levels: np.ndarray, catalogue: Catalogue) -> int:
    """COPY a standard result per student × standard (``levels``: the cache as it stands now)."""
    from django.utils import timezone

    from proficio.proficiency.models import StandardResult

    n = levels.size
    flat = levels.ravel()
    level_ids = np.array([-1, *catalogue.level_ids])[flat]
    assessed = np.where(flat > 0, 3, 0)
    return copy_rows(
        StandardResult,
        n,
        {
            "id": _next_ids(StandardResult, n),
            "student": np.repeat(roll.student_ids, STANDARDS),
            "standard": np.tile(np.array(catalogue.standard_ids), len(roll.student_ids)),
            "framework": catalogue.framework_id,
            "value": np.where(flat > 0, flat.astype(float), np.nan),
            "level": level_ids,
            "is_proficient": flat >= 3,
            "indicators_assessed": assessed,
            "indicators_total": 3,
            "indicators_proficient": np.where(flat >= 3, 3, np.where(flat > 0, 1, 0)),
            "policy_version": 1,
            "computed_at": timezone.now(),
        },
    )


def _statuses(roll: Roll, levels: np.ndarray, catalogue: Catalogue) -> int:
    """COPY each student's graduation status: every standard required, met when all are proficient."""
    from django.utils import timezone

    from proficio.proficiency.models import GraduationStatus

    proficient = levels >= 3
    met = proficient.sum(axis=1)
    codes = np.array(catalogue.codes, dtype=object)
    missing = [json.dumps(codes[~row].tolist()) for row in proficient]
    n = len(roll.student_ids)
    return copy_rows(
        GraduationStatus,
        n,
        {
            "id": _next_ids(GraduationStatus, n),
            "student": roll.student_ids,
            "framework": catalogue.framework_id,
            "met": met == STANDARDS,
            "standards_required": STANDARDS,
            "standards_met": met,
            "missing": missing,
            "policy_version": 1,
            "computed_at": timezone.now(),
        },
    )


def _earlier_snapshot(roll: Roll, levels: np.ndarray, catalogue: Catalogue, term: AcademicSession) -> int:
    """COPY the first grading period's snapshot, and record it per school, as ``snapshot_term`` took it when that
    period closed."""
    from proficio.proficiency.models import ResultSnapshot, TermSnapshot

    n = levels.size
    flat = levels.ravel()
    taken_at = datetime.combine(term.end_date, datetime.min.time()).astimezone()
    rows = copy_rows(
        ResultSnapshot,
        n,
        {
            "id": _next_ids(ResultSnapshot, n),
            "term": term.pk,
            "taken_at": taken_at,
            "student": np.repeat(roll.student_ids, STANDARDS),
            "standard": np.tile(np.array(catalogue.standard_ids), len(roll.student_ids)),
            "school": np.repeat(roll.school_ids, STANDARDS),
            "grade": np.repeat(roll.grades, STANDARDS),
            "value": np.where(flat > 0, flat.astype(float), np.nan),
            "level": np.array([-1, *catalogue.level_ids])[flat],
            "is_proficient": flat >= 3,
        },
    )
    students = Counter(roll.school_ids.tolist())
    TermSnapshot.objects.bulk_create(
        TermSnapshot(term=term, school_id=pk, taken_at=taken_at, students=students[pk]) for pk in catalogue.school_ids
    )
    return rows


def generate(size: Size, seed: int = 2026) -> Generated:
    from django.db import connection

    from proficio.accounts.models import User
    from proficio.proficiency.models import GraduationStatus, ResultSnapshot, StandardResult, TermSnapshot
    from proficio.roster.models import Student

    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    catalogue = _catalogue(size)
    roll, people = _students(rng, size, catalogue)
    levels = _levels(rng, roll)
    rows = {
        "users and students": people,
        "standard results": _results(roll, levels.second, catalogue),
        "graduation statuses": _statuses(roll, levels.second, catalogue),
        "snapshot rows of the earlier period": _earlier_snapshot(roll, levels.first, catalogue, catalogue.periods[0]),
    }
    _reset_sequences([User, Student, StandardResult, GraduationStatus, ResultSnapshot, TermSnapshot])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # planner statistics and visibility after the bulk load, as autovacuum would
    seconds = time.perf_counter() - start
    return Generated(catalogue.district, catalogue.admin, catalogue.school_ids, catalogue.periods[:2], rows, seconds)


# --- measuring ---------------------------------------------------------------------------------------------


def _percentile(samples: Sequence[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def time_pages(client: Client, urls: Sequence[str], requests: int) -> list[float]:
    """Milliseconds per request, ``urls`` in turn, after one warm-up request each."""

    def page(url: str) -> float:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return elapsed

    for url in urls:
        page(url)
    return [page(urls[n % len(urls)]) for n in range(requests)]


def _machine() -> str:
    """How busy the machine was: timings on a shared machine move with its load."""
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def _verdict(samples: Sequence[float], target: float, smoke: bool) -> str:
    p95 = _percentile(samples, 0.95)
    judged = "judged at full size only" if smoke else ("PASS" if p95 <= target else "FAIL")
    return (
        f"p50 {statistics.median(samples):.1f} ms, p95 {p95:.1f} ms over {len(samples)} requests; "
        f"target p95 ≤ {target:.0f} ms: {judged} ({_machine()})"
    )


Figures = tuple[dict[int, tuple[int, int]], dict[tuple[int, str, str], tuple[int, int]]]
"""(school → (students, on track), (grade, dimension, group) → (students, on track))."""


def naive_figures(school_ids: Sequence[int]) -> Figures:
    """The district figures as a first version would count them: every graduation status of a school fetched
    as an object with its student, one school at a time, and tallied in Python."""
    from proficio.insights import readiness
    from proficio.proficiency.models import GraduationStatus

    shares = readiness.on_track_shares()
    labels = readiness.group_labels()
    schools: dict[int, tuple[int, int]] = {}
    groups: Counter[tuple[int, str, str, bool]] = Counter()
    for school_id in school_ids:
        students = on_track = 0
        for status in GraduationStatus.objects.filter(
            student__school_id=school_id, framework__is_current=True
        ).select_related("student"):
            student = status.student
            if not student.is_active or student.grade not in readiness.HIGH_SCHOOL_GRADES:
                continue
            ok = status.standards_met >= readiness.expected_by_now(status.standards_required, student.grade, shares)
            students, on_track = students + 1, on_track + ok
            for dimension in readiness.DIMENSIONS:
                groups[(student.grade, dimension, labels[dimension](getattr(student, dimension)), ok)] += 1
        schools[school_id] = (students, on_track)
    tallies = {}
    for grade, dimension, group, _ok in groups:
        on, off = groups[(grade, dimension, group, True)], groups[(grade, dimension, group, False)]
        tallies[(grade, dimension, group)] = (on + off, on)
    return schools, tallies


def dashboard_figures(school_ids: Sequence[int], today: date) -> Figures:
    """The same figures as the district dashboard counts them (``insights.district``), nothing suppressed."""
    from proficio.insights import district, readiness
    from proficio.roster.models import School

    lines = district.school_lines(list(School.objects.filter(pk__in=school_ids).order_by("pk")))
    cohorts = district.cohorts(school_ids, today, dimensions=readiness.DIMENSIONS, minimum=1)
    tallies = {
        (cohort.grade, dimension, figure.group): (figure.tally.students, figure.tally.on_track)
        for cohort in cohorts
        for dimension, figures in cohort.breakdowns.items()
        for figure in figures
        if figure.tally is not None
    }
    return {line.school.pk: (line.tally.students, line.tally.on_track) for line in lines}, tallies


# --- the run -----------------------------------------------------------------------------------------------


def _generation_line(size: Size, generated: Generated) -> str:
    rows = ", ".join(f"{n:,} {what}" for what, n in generated.rows.items())
    return (
        f"generated {size.students:,} students in {size.schools} high schools, {STANDARDS} required standards "
        f"({rows}) in {generated.seconds:.1f} s"
    )


def measure_snapshot(term: AcademicSession, smoke: bool) -> str:
    from django.db import connection

    from proficio.proficiency.snapshots import snapshot_term

    report = snapshot_term(term=term)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE proficiency_resultsnapshot")  # as autovacuum soon would, before growth is read
    verdict = "judged at full size only" if smoke else ("PASS" if report.seconds <= TARGET_SNAPSHOT_SECONDS else "FAIL")
    return (
        f"snapshot of {term.title} (snapshot_term): {report.rows:,} rows, {report.students:,} students in "
        f"{report.seconds:.1f} s; target ≤ {TARGET_SNAPSHOT_SECONDS:.0f} s: {verdict} ({_machine()})"
    )


def measure_pages(generated: Generated, size: Size, smoke: bool) -> tuple[list[str], float]:
    """The dashboards' lines (district, school, school growth), and the district dashboard's p50 in milliseconds."""
    from django.test import Client
    from django.urls import reverse

    from proficio.insights import growth

    client = Client(HTTP_HOST="127.0.0.1")  # no test instrumentation: templates render as in production
    client.force_login(generated.admin)
    district = time_pages(client, [reverse("insights")], size.requests)
    step = max(1, len(generated.school_ids) // SCHOOL_PAGES)
    chosen = generated.school_ids[::step][:SCHOOL_PAGES]
    shown = growth.school_growth(school_ids=chosen[:1]).figures
    assert shown is not None and shown.all_students.pairs, "the school page would show no growth: nothing to time"
    school = time_pages(client, [reverse("insights-school", args=[pk]) for pk in chosen], size.requests)
    grown = time_pages(client, [reverse("insights-growth", args=[pk]) for pk in chosen], size.requests)
    return [
        f"district dashboard /insights/: {_verdict(district, TARGET_MS, smoke)}",
        f"school dashboard /insights/schools/<id>/ ({len(chosen)} schools in turn): "
        f"{_verdict(school, TARGET_MS, smoke)}",
        f"school growth /insights/schools/<id>/growth/ ({len(chosen)} schools in turn): "
        f"{_verdict(grown, TARGET_MS, smoke)}",
    ], statistics.median(district)


def measure_naive(generated: Generated, district_ms: float) -> list[str]:
    from django.utils import timezone

    start = time.perf_counter()
    naive = naive_figures(generated.school_ids)
    seconds = time.perf_counter() - start
    assert naive == dashboard_figures(generated.school_ids, timezone.localdate()), "naive and dashboard figures differ"
    return [
        f"naive ORM aggregation (graduation statuses with their students fetched one school at a time, tallied in "
        f"Python): {seconds:.2f} s for the same figures (checked equal)",
        f"naive: {seconds * 1000 / district_ms:.1f}x (naive time ÷ the district dashboard's p50)",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="500 students in 2 schools (CI's benchmark smoke)")
    args = parser.parse_args()
    size = SMOKE if args.smoke else FULL
    _django(fresh_database(PG_DATABASE))
    try:
        generated = generate(size)
        print(_generation_line(size, generated), flush=True)
        print(measure_snapshot(generated.ended[1], args.smoke), flush=True)
        lines, district_ms = measure_pages(generated, size, args.smoke)
        print("\n".join(lines), flush=True)
        print("\n".join(measure_naive(generated, district_ms)))
    finally:
        drop_database(PG_DATABASE)


if __name__ == "__main__":
    main()
