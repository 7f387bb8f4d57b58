"""Shared fixtures for the report tests: each module brings its own ``w`` (a World), and ``term`` is that world's
first semester, ending on the day the report card is cut."""

from __future__ import annotations

from datetime import date

import pytest

from proficio.roster.models import AcademicSession
from tests.factories import World


@pytest.fixture
def term(w: World) -> AcademicSession:
    year = w.section.session
    return AcademicSession.objects.create(
        district=w.district,
        title="Semester 1",
        kind=AcademicSession.Kind.SEMESTER,
        parent=year,
        school_year=year.school_year,
        start_date=year.start_date,
        end_date=date(2026, 1, 23),
    )
