"""Proficiency by standard, counted by hand: each required standard's students at each level, and without one."""

from __future__ import annotations

import pytest

from proficio.insights.distribution import NO_LEVEL, alternative, distribution
from proficio.proficiency.models import StandardResult
from proficio.roster.models import Student
from tests.factories import World, make_user, make_world

pytestmark = pytest.mark.django_db


def _student(world: World, n: int, grade: int) -> Student:
    user = make_user(f"d{n}.{world.district.pk}")
    return Student.objects.create(
        user=user, school=world.school, student_number=f"d-{world.district.pk}-{n}", grade=grade
    )


def _result(world: World, student: Student, value: int) -> None:
    level = world.framework.scale.levels.get(value=value)
    StandardResult.objects.create(
        student=student,
        standard=world.standard,
        framework=world.framework,
        value=value,
        level=level,
        is_proficient=value >= 3,
        policy_version=1,
    )


def test_each_required_standard_counts_its_students_at_each_level_and_those_without_one() -> None:
    world = make_world()
    tenth = [_student(world, n, 10) for n in range(4)]
    _result(world, tenth[0], 3)
    _result(world, tenth[1], 3)
    _result(world, tenth[2], 1)
    eleventh = _student(world, 9, 11)
    _result(world, eleventh, 4)
    # the world's grade-9 student has no result; work habits are not a graduation standard
    [row] = distribution([world.school.pk])
    assert row.code == "ELA.1" and row.students == 6
    assert [(level.label, level.students) for level in row.levels] == [
        (NO_LEVEL, 2),
        ("Does not meet", 1),
        ("Meets", 2),
        ("Exceeds", 1),
    ]
    [tenth_only] = distribution([world.school.pk], grade=10)
    assert [(level.label, level.students) for level in tenth_only.levels] == [
        (NO_LEVEL, 1),
        ("Does not meet", 1),
        ("Meets", 2),
    ]
    assert alternative([tenth_only]) == "Of 4 students: most students are at Meets on 1 standard (ELA.1)."


def test_the_page_filters_by_grade_and_shows_the_table(client: object) -> None:
    from proficio.accounts.models import Role
    from tests.insights.test_views import _client, _member

    world = make_world()
    _result(world, _student(world, 1, 12), 2)
    leader = _client(_member(world, "leader", Role.SCHOOL_LEADER))
    html = leader.get(f"/insights/schools/{world.school.pk}/?grade=12").content.decode()
    assert (
        "Proficiency by standard, grade 12" in html
        and "Partially meets: 1" in html
        and 'data-growth-chart="standards-chart"' in html
    )
    assert "Proficiency by standard<" in leader.get(f"/insights/schools/{world.school.pk}/?grade=7").content.decode()


def test_a_section_narrows_the_students_and_a_past_term_reads_its_snapshot_not_today() -> None:
    from datetime import date

    from proficio.insights.distribution import InView
    from proficio.insights.standard_filters import choices, read_view
    from proficio.proficiency.snapshots import snapshot_term
    from proficio.roster.models import AcademicSession, Enrollment

    world = make_world()
    in_section = _student(world, 1, 10)
    elsewhere = _student(world, 2, 10)
    Enrollment.objects.create(section=world.section, user=in_section.user, role=Enrollment.Role.STUDENT)
    _result(world, in_section, 2)
    _result(world, elsewhere, 4)
    term = AcademicSession.objects.create(
        district=world.district,
        title="Semester 1",
        kind=AcademicSession.Kind.SEMESTER,
        parent=world.section.session,
        school_year=2026,
        start_date=date(2025, 8, 27),
        end_date=date(2026, 1, 20),
    )
    snapshot_term(term=term)
    StandardResult.objects.filter(student=in_section).update(level=world.framework.scale.levels.get(value=4))

    def levels(view: InView) -> dict[str, int]:
        [row] = distribution([world.school.pk], view=view)
        return {level.label: level.students for level in row.levels if level.students}

    assert levels(InView(section_id=world.section.pk)) == {"No level yet": 1, "Exceeds": 1}  # and Sam, grade 9
    assert levels(InView(section_id=world.section.pk, term_id=term.pk)) == {"Partially meets": 1}
    assert levels(InView(term_id=term.pk)) == {"Partially meets": 1, "Exceeds": 1}
    offered = choices(world.school)
    other = make_world("other")
    chosen = read_view({"section": str(other.section.pk), "term": str(term.pk), "grade": "7"}, offered)
    assert chosen == InView(term_id=term.pk)  # another school's section and a grade not offered are ignored
