"""The demo's term snapshots: last school year's two semesters, as their results stood when each ended.

A real district snapshots a term the day it closes (``proficio snapshot``); the demo is written years after, so
it rebuilds the results from the evidence dated up to each semester's end (``recompute_framework(as_of=…)``),
snapshots them, and moves the snapshot's grades back to the grade the students were in that year. The caller
recomputes today's results afterwards. The growth page then has a pair of terms to compare.
"""

from __future__ import annotations

from django.db.models import F

from proficio.proficiency.models import ResultSnapshot
from proficio.proficiency.services import recompute_framework
from proficio.proficiency.snapshots import snapshot_term
from proficio.roster.models import AcademicSession
from proficio.standards.models import Framework


def write_last_year_snapshots(*, framework: Framework, school_year: int) -> int:
    """Snapshot the semesters of ``school_year`` (the year before this one); returns the rows written."""
    semesters = AcademicSession.objects.filter(
        district_id=framework.district_id, kind=AcademicSession.Kind.SEMESTER, school_year=school_year
    ).order_by("start_date")
    rows = 0
    for semester in semesters:
        recompute_framework(framework, as_of=semester.end_date)
        rows += snapshot_term(term=semester).rows
        ResultSnapshot.objects.filter(term=semester, grade__isnull=False).update(grade=F("grade") - 1)
    return rows
