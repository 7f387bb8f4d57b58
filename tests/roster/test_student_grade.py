"""A student may have no grade (a roster that gave none proficio can hold): they read "grade not given"."""

from __future__ import annotations

import pytest
from django.utils import translation

from proficio.reports.documents import build
from proficio.reports.models import ReportKind
from proficio.roster.models import Student, student_grade_name
from proficio.roster.panels import school_summary as _school_summary
from tests.factories import make_world

pytestmark = pytest.mark.django_db


def test_a_student_without_a_grade_reads_grade_not_given() -> None:
    student = make_world().student
    student.grade = None
    student.full_clean()
    student.save()
    student.refresh_from_db()
    assert f"grade {student.get_grade_display()}" == "grade not given"
    with translation.override("es"):
        assert f"grado {student.get_grade_display()}" == "grado no indicado"
    assert student_grade_name(9) == "9" and student_grade_name(-1) == "PK"


def test_the_school_panel_counts_students_without_a_grade_apart() -> None:
    world = make_world()
    Student.objects.filter(pk=world.student.pk).update(grade=None)
    summary = _school_summary(world.school, named=True)
    assert [(row["label"], row["n"]) for row in summary["by_grade"]] == [("not given", 1)]


def test_a_transcript_gives_the_grade_as_not_given() -> None:
    world = make_world()
    Student.objects.filter(pk=world.student.pk).update(grade=None)
    [report] = build(ReportKind.TRANSCRIPT, [Student.objects.get(pk=world.student.pk)], None)
    assert report.grade == "not given"
