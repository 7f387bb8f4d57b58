"""A term's snapshot copies the standard results as they stand, replaces itself whole, and is taken when due."""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from proficio.proficiency import snapshots
from proficio.proficiency.models import ResultSnapshot, StandardResult, TermSnapshot
from proficio.proficiency.snapshots import consecutive_terms, due_terms, snapshot_term
from proficio.roster.models import AcademicSession, School, Student
from tests.factories import World, make_user, make_world

# Vendor-sensitive: the copy is INSERT … SELECT written in SQL.
pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]

TAKEN = datetime(2026, 1, 24, 6, 0, tzinfo=UTC)


def _term(
    world: World, title: str, start: date, end: date, kind: str = AcademicSession.Kind.SEMESTER
) -> AcademicSession:
    return AcademicSession.objects.create(
        district=world.district, title=title, kind=kind, school_year=2026, start_date=start, end_date=end
    )


def _student(world: World, n: int, *, school: School | None = None, grade: int = 10, active: bool = True) -> Student:
    return Student.objects.create(
        user=make_user(f"s{n}.{world.district.pk}"),
        school=school or world.school,
        student_number=f"{world.district.pk}-{n}",
        grade=grade,
        is_active=active,
    )


def _result(world: World, student: Student, value: int | None) -> StandardResult:
    level = None if value is None else world.framework.scale.levels.get(value=value)
    return StandardResult.objects.create(
        student=student,
        standard=world.standard,
        framework=world.framework,
        value=value,
        level=level,
        is_proficient=value is not None and value >= 3,
        indicators_assessed=1,
        indicators_total=2,
        policy_version=1,
    )


def _rows(term: AcademicSession) -> list[tuple[object, ...]]:
    return list(
        ResultSnapshot.objects.filter(term=term)
        .order_by("student_id", "standard_id")
        .values_list("student_id", "standard_id", "school_id", "grade", "value", "level__label", "is_proficient")
    )


def test_a_snapshot_copies_each_active_students_standard_results_with_their_school_and_grade() -> None:
    world, elsewhere = make_world(), make_world("b")
    second = School.objects.create(district=world.district, name="w middle", lowest_grade=6, highest_grade=8)
    meets, partly = _student(world, 1, grade=11), _student(world, 2, school=second, grade=8)
    _result(world, meets, 3)
    _result(world, partly, 2)
    unsure = _student(world, 3)
    _result(world, unsure, None)  # assessed, not yet enough for a level: copied as it is
    _result(world, _student(world, 4, active=False), 4)  # left the district: not copied
    _result(elsewhere, _student(elsewhere, 5), 1)  # another district: not copied
    semester = _term(world, "Semester 1", date(2025, 8, 27), date(2026, 1, 23))

    report = snapshot_term(term=semester, taken_at=TAKEN)

    assert (report.rows, report.students, report.replaced) == (3, 3, 0)
    standard = world.standard.pk
    assert _rows(semester) == [
        (meets.pk, standard, world.school.pk, 11, 3.0, "Meets", True),
        (partly.pk, standard, second.pk, 8, 2.0, "Partially meets", False),
        (unsure.pk, standard, world.school.pk, 10, None, None, False),
    ]
    assert set(ResultSnapshot.objects.filter(term=semester).values_list("taken_at", flat=True)) == {TAKEN}
    recorded = TermSnapshot.objects.filter(term=semester).values_list("school_id", "students", "taken_at")
    assert set(recorded) == {(world.school.pk, 2, TAKEN), (second.pk, 1, TAKEN)}


def test_taking_a_snapshot_twice_gives_the_same_rows() -> None:
    world = make_world()
    for n, value in enumerate((1, 2, 3, 4)):
        _result(world, _student(world, n), value)
    semester = _term(world, "Semester 1", date(2025, 8, 27), date(2026, 1, 23))
    first = snapshot_term(term=semester, taken_at=TAKEN)
    rows = _rows(semester)
    again = snapshot_term(term=semester, taken_at=TAKEN)
    assert _rows(semester) == rows and again.rows == first.rows == 4 and again.replaced == 4


def test_a_new_snapshot_replaces_its_terms_rows_whole_and_leaves_other_terms_alone() -> None:
    world = make_world()
    student = _student(world, 1)
    result = _result(world, student, 2)
    first = _term(world, "Semester 1", date(2025, 8, 27), date(2026, 1, 23))
    second = _term(world, "Semester 2", date(2026, 1, 26), date(2026, 6, 12))
    snapshot_term(term=first)
    snapshot_term(term=second)
    result.level, result.value = world.framework.scale.levels.get(value=4), 4.0
    result.save()
    snapshot_term(term=second)
    assert [row[5] for row in _rows(first)] == ["Partially meets"]
    assert [row[5] for row in _rows(second)] == ["Exceeds"]


def test_a_term_is_recorded_as_taken_even_before_any_student_has_a_result() -> None:
    world = make_world()
    semester = _term(world, "Semester 1", date(2025, 8, 27), date(2026, 1, 23))
    assert due_terms(date(2026, 2, 1)).due == [semester]
    report = snapshot_term(term=semester)
    assert (report.rows, report.students) == (0, 0) and due_terms(date(2026, 2, 1)).due == []
    assert list(TermSnapshot.objects.values_list("school_id", "students")) == [(world.school.pk, 0)]


def test_the_copy_goes_a_slice_of_students_at_a_time_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    world, elsewhere = make_world(), make_world("b")
    second = School.objects.create(district=world.district, name="w middle", lowest_grade=6, highest_grade=8)
    for n in range(5):
        _result(world, _student(world, n, school=second if n % 2 else None), 1 + n % 4)
    _result(elsewhere, _student(elsewhere, 9), 2)  # inside the id ranges, but of another district
    monkeypatch.setattr(snapshots, "STUDENTS_PER_STATEMENT", 2)
    seen: list[tuple[str, int, int]] = []
    term = _term(world, "Semester 1", date(2025, 8, 27), date(2026, 1, 23))
    report = snapshot_term(term=term, progress=lambda *a: seen.append(a))
    assert (report.rows, report.students) == (5, 5)  # the factory's student has no result
    assert [done for stage, done, _ in seen if "copying" in stage] == [1, 2, 3]  # 6 active students, 2 a time
    assert seen[-1][1] == seen[-1][2] == 5


def test_consecutive_terms_are_of_one_district_and_kind_each_after_the_one_that_started_last_before_it() -> None:
    world, elsewhere = make_world(), make_world("b")
    q1 = _term(world, "Quarter 1", date(2025, 8, 27), date(2025, 10, 31), AcademicSession.Kind.GRADING_PERIOD)
    s1 = _term(world, "Semester 1", date(2025, 8, 27), date(2026, 1, 23))
    q2 = _term(world, "Quarter 2", date(2025, 11, 3), date(2026, 1, 23), AcademicSession.Kind.GRADING_PERIOD)
    s2 = _term(world, "Semester 2", date(2026, 1, 26), date(2026, 6, 12))
    _term(elsewhere, "Semester 2", date(2026, 1, 26), date(2026, 6, 12))
    pairs = consecutive_terms(AcademicSession.objects.exclude(kind=AcademicSession.Kind.SCHOOL_YEAR))
    assert sorted((a.title, b.title) for a, b in pairs) == [("Quarter 1", "Quarter 2"), ("Semester 1", "Semester 2")]
    assert {(a.pk, b.pk) for a, b in pairs} == {(q1.pk, q2.pk), (s1.pk, s2.pk)}


def test_the_closing_run_takes_the_term_that_ended_last_of_each_kind_and_calls_earlier_ones_missed() -> None:
    world = make_world()
    _result(world, _student(world, 1), 3)
    q1 = _term(world, "Quarter 1", date(2025, 8, 27), date(2025, 10, 31), AcademicSession.Kind.GRADING_PERIOD)
    q2 = _term(world, "Quarter 2", date(2025, 11, 3), date(2026, 1, 23), AcademicSession.Kind.GRADING_PERIOD)
    s1 = _term(world, "Semester 1", date(2025, 8, 27), date(2026, 1, 23))
    _term(world, "Semester 2", date(2026, 1, 26), date(2026, 6, 12))  # still running
    found = due_terms(date(2026, 1, 24))
    assert {t.pk for t in found.due} == {q2.pk, s1.pk} and [t.pk for t in found.missed] == [q1.pk]
    assert due_terms(date(2026, 1, 23)).due == [q1]  # a term's last day is not over until the next
    snapshot_term(term=s1)
    assert {t.pk for t in due_terms(date(2026, 1, 24)).due} == {q2.pk}
    assert due_terms(date(2026, 1, 24), district_ids=[world.district.pk + 1]).due == []


def test_the_command_snapshots_what_is_due_and_any_term_on_demand() -> None:
    world = make_world()
    _result(world, _student(world, 1), 3)
    _term(world, "Semester 1", date(2025, 8, 27), date(2025, 12, 19))
    out = StringIO()
    call_command("snapshot", stdout=out)
    assert "Semester 1 (2026)" in out.getvalue() and ResultSnapshot.objects.count() == 1
    out = StringIO()
    call_command("snapshot", stdout=out)
    assert "No term to snapshot." in out.getvalue()
    call_command("snapshot", "--term", "semester 1", "--district", str(world.district.pk), stdout=StringIO())
    assert ResultSnapshot.objects.count() == 1


def test_the_command_refuses_a_term_it_cannot_tell_apart() -> None:
    world, elsewhere = make_world(), make_world("b")
    for place in (world, elsewhere):
        _term(place, "Semester 1", date(2025, 8, 27), date(2026, 1, 23))
    with pytest.raises(CommandError, match="More than one term matches 'Semester 1'"):
        call_command("snapshot", "--term", "Semester 1", stdout=StringIO())
    with pytest.raises(CommandError, match="No term matches 'Semester 9'"):
        call_command("snapshot", "--term", "Semester 9", stdout=StringIO())
