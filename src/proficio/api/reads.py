"""Reads of student records through the API go into the audit trail, as the web app's do.

A page of students, scores or results, or one of them, is one ``STUDENT_VIEWED`` event per student it shows,
unless the reader is that student or a linked guardian (``audit.services.record_student_reads``). Pages of
schools, sections or frameworks name no student's record and are not recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest

from proficio.audit.services import record_student_reads
from proficio.evidence.models import Score
from proficio.proficiency.models import IndicatorResult, StandardResult
from proficio.roster.models import Student

WHAT = {
    Student: "student record",
    Score: "scores",
    IndicatorResult: "indicator results",
    StandardResult: "standard results",
}


def audit_reads(request: HttpRequest, items: Iterable[Any]) -> None:
    """Record who read which students' records in ``items`` (all of one model, as a page is)."""
    rows = list(items)
    if not rows or type(rows[0]) not in WHAT:
        return
    what = f"{WHAT[type(rows[0])]} through the API"
    ids = {row.pk if isinstance(row, Student) else row.student_id for row in rows}
    record_student_reads(request, Student.objects.filter(pk__in=ids).select_related("user"), what)
