"""Small builders for gradebook tests that need a handful of objects rather than the demo district."""

from __future__ import annotations

from pathlib import Path

from proficio.evidence.models import Score
from proficio.evidence.services import record_score
from proficio.interop.gradebook import ids, write_gradebook
from proficio.roster.models import Enrollment, Section, Student
from tests.factories import World, make_user
from tests.interop.gradebook.conftest import Export, read_folder


def add_student(world: World, name: str, section: Section | None = None) -> Student:
    user = make_user(f"{world.district.name}.{name}", first_name=name.title(), last_name="Learner")
    student = Student.objects.create(
        user=user, school=world.school, student_number=f"{world.district.pk}-{name}", grade=9
    )
    Enrollment.objects.create(section=section or world.section, user=user, role=Enrollment.Role.STUDENT)
    return student


def score(
    world: World, value: int, *, student: Student | None = None, indicator: object = None, **extra: object
) -> Score:
    return record_score(
        student=student or world.student,
        indicator=indicator or world.indicator,  # type: ignore[arg-type]
        value=value,
        scorer=world.teacher,
        assessment=extra.pop("assessment", world.assessment),  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )


def export(world: World, folder: Path, **options: object) -> Export:
    write_gradebook(folder, world.district, as_zip=False, **options)  # type: ignore[arg-type]
    return read_folder(folder)


def evidence_result_id(assessment_id: int, indicator_id: int, student: Student) -> str:
    return ids.result_id(ids.evidence_line_item_id(assessment_id, indicator_id), student.pk)
