"""The demo command builds a district in an empty database and prints a log-in for each role.

It needs an empty database, so it lives apart from test_writer.py, whose tests share one written district."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from proficio.roster.models import Student

pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]  # the demo runs on the embedded SQLite


def test_the_command_builds_a_district_and_prints_logins(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo", students=14, seed=5)
    out = capsys.readouterr().out
    assert Student.objects.filter(is_active=True).count() == 14
    # The high school's past classes are there too, as students who have left, each with an outcome.
    left = Student.objects.filter(is_active=False)
    assert left.exists() and not left.filter(cohort_outcome__isnull=True).exists()
    for label in ["District administrator", "School leader", "Teacher", "Coach", "Student", "Guardian"]:
        assert label in out
    assert "proficio-demo" in out
