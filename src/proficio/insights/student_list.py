"""The drill-down's last step before a student: a school's high-school students, of one grade or every grade,
each with their standing towards graduation and their open flags. For leaders and district administrators only
(the view checks); the rows come from the same readiness rows the figures are computed from, so a list and the
figure above it can never disagree."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from proficio.insights import readiness
from proficio.insights.models import StudentFlag


@dataclass(frozen=True)
class StudentLine:
    student_id: int
    name: str
    grade: int
    cohort: int
    met: int
    required: int
    expected: int
    on_track: bool
    open_flags: int


def student_lines(school_ids: Sequence[int], *, grade: int | None) -> list[StudentLine]:
    """Every active high-school student of the schools (already checked), or of one grade, by name."""
    rows = [row for row in readiness.load_rows(school_ids) if grade is None or row.grade == grade]
    shares = readiness.on_track_shares()
    today = readiness.school_day(school_ids, timezone.localdate())
    flagged = Counter(
        StudentFlag.objects.filter(student_id__in=[row.student_id for row in rows], closed_at__isnull=True).values_list(
            "student_id", flat=True
        )
    )
    return [
        StudentLine(
            row.student_id,
            row.name,
            row.grade,
            readiness.cohort_of(row.grade, today),
            row.met,
            row.required,
            row.expected(shares),
            row.on_track(shares),
            flagged[row.student_id],
        )
        for row in rows
    ]
