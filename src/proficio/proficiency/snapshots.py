"""Per-term snapshots of the standard results, written in bulk when a term closes, read by growth figures.

The result cache (``StandardResult``) always holds the latest word of the evidence; it has no past. A term's
snapshot copies it, row for row, under the term's name, so that term-over-term growth can be read back later
without recomputing anything from scores.

Invariants:

- A snapshot is the cache *as it stood when taken* (``taken_at``): it is taken when the term closes, and taking
  it later records later evidence under the term's name. ``due_terms`` therefore only proposes the term of each
  kind that ended last; the earlier ones it reports as missed, and only an explicit ``snapshot_term`` writes them.
- ``snapshot_term`` replaces the term's rows whole, inside one transaction, with a ``TermSnapshot`` per school
  that says it was taken: readers see the old snapshot or the new one, never a mixture, and taking it twice
  from the same results gives the same rows. Which terms have a snapshot is read from ``TermSnapshot`` alone.
- Rows are copied by the database itself, one ``INSERT … SELECT`` per 10,000 students (plain SQL that SQLite
  and PostgreSQL both run): no row travels through Python. On PostgreSQL, 100,000 students' 4 million results
  take about 20 s on a busy 2-core machine; the table's shape (``ResultSnapshot``) is part of why.
- Only the district's active students are copied, with the school and grade they have at that moment.
  Standards only: indicator results stay out (growth is read per standard, and they would multiply the rows
  by the indicators per standard).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import pairwise

from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from proficio.proficiency.models import ResultSnapshot, StandardResult, TermSnapshot
from proficio.roster.models import AcademicSession, School, Student

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class SnapshotReport:
    """What one snapshot wrote: its rows and students, the rows of the earlier snapshot it replaced, and when."""

    term: AcademicSession
    rows: int
    students: int
    replaced: int
    taken_at: datetime
    seconds: float


STUDENTS_PER_STATEMENT = 10_000


def _copy_sql() -> str:
    """``INSERT … SELECT`` of the standard results of a district's active students whose ids lie in a range."""
    quote = connection.ops.quote_name
    snapshot, result, student, school = ResultSnapshot._meta, StandardResult._meta, Student._meta, School._meta

    def column(meta: object, name: str) -> str:
        return quote(meta.get_field(name).column)  # type: ignore[attr-defined]

    copied = ("value", "level", "is_proficient")
    into = ["term", "taken_at", "student", "standard", "school", "grade", *copied]
    return (
        f"INSERT INTO {quote(snapshot.db_table)} ({', '.join(column(snapshot, name) for name in into)}) "
        f"SELECT %s, %s, r.{column(result, 'student')}, r.{column(result, 'standard')}, "
        f"s.{column(student, 'school')}, s.{column(student, 'grade')}, "
        f"{', '.join(f'r.{column(result, name)}' for name in copied)} "
        f"FROM {quote(result.db_table)} r "
        f"JOIN {quote(student.db_table)} s ON s.{column(student, 'id')} = r.{column(result, 'student')} "
        f"WHERE r.{column(result, 'student')} BETWEEN %s AND %s AND s.{column(student, 'is_active')} = %s "
        f"AND s.{column(student, 'school')} IN "
        f"(SELECT {column(school, 'id')} FROM {quote(school.db_table)} WHERE {column(school, 'district')} = %s)"
    )


def _id_ranges(district_id: int) -> list[tuple[int, int]]:
    """The district's active students' ids cut into ranges of at most ``STUDENTS_PER_STATEMENT`` students:
    each statement reads its results through the (student, standard) index, and the bar moves."""
    ids = list(
        Student.objects.filter(school__district_id=district_id, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    step = STUDENTS_PER_STATEMENT
    return [(ids[i], ids[min(i + step, len(ids)) - 1]) for i in range(0, len(ids), step)]


def _record(term: AcademicSession, taken_at: datetime) -> int:
    """Write the term's ``TermSnapshot`` for each school of its district; return the students copied."""
    with_results = Exists(StandardResult.objects.filter(student_id=OuterRef("pk")))
    counts = dict(
        Student.objects.filter(with_results, school__district_id=term.district_id, is_active=True)
        .order_by()
        .values("school_id")
        .annotate(n=Count("pk"))
        .values_list("school_id", "n")
    )
    schools = School.objects.filter(district_id=term.district_id).values_list("pk", flat=True)
    TermSnapshot.objects.bulk_create(
        [TermSnapshot(term=term, school_id=pk, taken_at=taken_at, students=counts.get(pk, 0)) for pk in schools]
    )
    return sum(counts.values())


def snapshot_term(
    *, term: AcademicSession, progress: Progress = _no_progress, taken_at: datetime | None = None
) -> SnapshotReport:
    """Replace ``term``'s snapshot with the standard results of its district's active students, as they are now.

    Idempotent: from the same results, a second run writes the same rows (``taken_at`` aside)."""
    started = time.perf_counter()
    taken_at = taken_at or timezone.now()
    sql, stamp = _copy_sql(), connection.ops.adapt_datetimefield_value(taken_at)
    with transaction.atomic():
        # One snapshot of a term at a time: the second waits here, then replaces the first's rows whole.
        list(AcademicSession.objects.select_for_update().filter(pk=term.pk).order_by().values_list("pk", flat=True))
        ranges = _id_ranges(term.district_id)
        steps = len(ranges) + 2
        progress(f"{term}: removing the earlier snapshot", 0, steps)
        TermSnapshot.objects.filter(term_id=term.pk).delete()
        replaced, _ = ResultSnapshot.objects.filter(term_id=term.pk).delete()
        rows = 0
        with connection.cursor() as cursor:
            for done, (first, last) in enumerate(ranges, start=1):
                progress(f"{term}: copying results", done, steps)
                cursor.execute(sql, [term.pk, stamp, first, last, True, term.district_id])
                rows += max(cursor.rowcount, 0)
        progress(f"{term}: recording it", steps - 1, steps)
        students = _record(term, taken_at)
    progress(f"{term}: done", steps, steps)
    return SnapshotReport(term, rows, students, replaced, taken_at, time.perf_counter() - started)


# --- which terms are due ------------------------------------------------------------------------------------


def has_snapshot(term: AcademicSession) -> bool:
    return TermSnapshot.objects.filter(term_id=term.pk).exists()


def consecutive_terms(sessions: Iterable[AcademicSession]) -> list[tuple[AcademicSession, AcademicSession]]:
    """Each (earlier, later) pair of consecutive terms among ``sessions``: same district and kind, the earlier
    starting last before the later. Growth is read between such pairs only."""
    by_kind: dict[tuple[int, str], list[AcademicSession]] = defaultdict(list)
    for session in sessions:
        by_kind[(session.district_id, session.kind)].append(session)
    pairs = []
    for terms in by_kind.values():
        terms.sort(key=lambda term: (term.start_date, term.pk))
        pairs += list(pairwise(terms))
    return pairs


def next_term_started(term: AcademicSession, today: date) -> AcademicSession | None:
    """A later term of the same kind that had already started by ``today``: a snapshot taken now is late."""
    return (
        AcademicSession.objects.filter(
            district_id=term.district_id, kind=term.kind, start_date__gt=term.start_date, start_date__lte=today
        )
        .order_by("start_date", "pk")
        .first()
    )


@dataclass(frozen=True)
class DueTerms:
    """The terms a closing run snapshots, and the ended terms without a snapshot it leaves alone."""

    due: list[AcademicSession] = field(default_factory=list)
    missed: list[AcademicSession] = field(default_factory=list)


def due_terms(today: date, *, district_ids: Sequence[int] | None = None) -> DueTerms:
    """For each district and kind of term (school years aside), the term that ended last before ``today`` if it
    has no snapshot yet. Earlier ended terms without one are *missed*: the results have moved on since."""
    sessions = (
        AcademicSession.objects.exclude(kind=AcademicSession.Kind.SCHOOL_YEAR)
        .filter(end_date__lt=today)
        .annotate(taken=Exists(TermSnapshot.objects.filter(term_id=OuterRef("pk"))))
        .order_by("district_id", "kind", "-end_date", "-pk")
    )
    if district_ids is not None:
        sessions = sessions.filter(district_id__in=district_ids)
    found = DueTerms()
    seen: set[tuple[int, str]] = set()
    for session in sessions:
        latest = (session.district_id, session.kind) not in seen
        seen.add((session.district_id, session.kind))
        if not session.taken:
            (found.due if latest else found.missed).append(session)
    return found
