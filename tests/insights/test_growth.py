"""Growth from one term to the next, computed by hand on small sets: levels gained per student and standard, the
share that moved up and the levels gained by group with suppression, read from the terms' snapshots."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

import pytest

from proficio.accounts.models import Role
from proficio.audit.models import Action, AuditEvent
from proficio.insights import growth
from proficio.insights.growth import GrowthTally, Pair, SnapshotRow, StudentGrowth
from proficio.proficiency.models import ResultSnapshot, StandardResult
from proficio.proficiency.snapshots import snapshot_term
from proficio.roster.models import AcademicSession, School, Student
from proficio.standards.models import ProficiencyScale, ScaleLevel, Standard
from tests.factories import World, make_user, make_world
from tests.insights.test_views import _client, _member


def row(student: int, standard: int, rank: int, **groups: str) -> SnapshotRow:
    return SnapshotRow(student, standard, rank, groups)


# Student 1 climbs two levels on standard 10 and holds on 20; student 2 drops one on 10; student 3 has no level
# in the later term, student 4 none in the earlier: neither is compared.
BEFORE = [row(1, 10, 1), row(1, 20, 2), row(2, 10, 3), row(3, 10, 2)]
AFTER = [row(1, 10, 3), row(1, 20, 2), row(2, 10, 2), row(4, 10, 1)]


def test_levels_gained_are_counted_per_student_and_standard_with_a_level_in_both_terms() -> None:
    found = growth.pairs(BEFORE, AFTER)
    assert [(p.student_id, p.standard_id, p.gained) for p in found] == [(1, 10, 2), (1, 20, 0), (2, 10, -1)]
    assert growth.per_student(found) == [StudentGrowth(1, 2, 1, 2, {}), StudentGrowth(2, 1, 0, -1, {})]


def test_the_share_moved_up_and_the_levels_gained_count_each_student_once_per_standard_compared() -> None:
    figures = growth.term_growth(BEFORE, AFTER, dimensions=[], minimum=10)
    overall = figures.all_students
    assert overall == GrowthTally(students=2, pairs=3, moved_up=1, gained=1)
    assert overall.share == pytest.approx(1 / 3) and overall.levels_gained == pytest.approx(1 / 3)
    assert figures.standards == {10: GrowthTally(2, 2, 1, 1), 20: GrowthTally(1, 1, 0, 0)}
    assert figures.standards[10].share == 0.5 and figures.standards[10].levels_gained == 0.5


def test_a_term_with_no_previous_term_compares_nobody() -> None:
    figures = growth.term_growth([], AFTER, dimensions=["ell"], minimum=10)
    assert figures.all_students == GrowthTally(0, 0, 0, 0)
    assert figures.all_students.share is None and figures.all_students.levels_gained is None
    assert figures.breakdowns == {"ell": []} and figures.standards == {} and not figures.any_group_shown


def _groups_a_and_b() -> tuple[list[SnapshotRow], list[SnapshotRow]]:
    """Group A: 12 students on two standards, 9 gain a level on both, 3 hold. Group B: 12 students on one
    standard, 3 gain two levels, 9 drop one."""
    before, after = [], []
    for n in range(12):
        gain = 1 if n < 9 else 0
        for standard in (10, 20):
            before.append(row(n, standard, 2, race="A"))
            after.append(row(n, standard, 2 + gain, race="A"))
    for n in range(100, 112):
        gain = 2 if n < 103 else -1
        before.append(row(n, 10, 2, race="B"))
        after.append(row(n, 10, 2 + gain, race="B"))
    return before, after


def test_each_groups_share_and_levels_gained_with_their_gaps_to_all_students() -> None:
    figures = growth.term_growth(*_groups_a_and_b(), dimensions=["race"], minimum=10)
    assert figures.all_students == GrowthTally(students=24, pairs=36, moved_up=21, gained=15)
    a, b = figures.breakdowns["race"]
    assert (a.group, a.tally) == ("A", GrowthTally(12, 24, 18, 18))  # 75 % moved up, +0.75 levels
    assert (b.group, b.tally) == ("B", GrowthTally(12, 12, 3, -3))  # 25 % moved up, -0.25 levels
    # all students: 21 / 36 = 58.3 % moved up, 15 / 36 = +0.42 levels
    assert (a.share_gap, a.gain_gap) == (16.7, 0.33)
    assert (b.share_gap, b.gain_gap) == (-33.3, -0.67)


def test_a_small_group_is_hidden_with_its_complement_and_all_students_stay_shown() -> None:
    before = [row(n, 10, 1, ell="no" if n < 20 else "yes") for n in range(23)]
    after = [row(n, 10, 2, ell="no" if n < 20 else "yes") for n in range(23)]
    figures = growth.term_growth(before, after, dimensions=["ell"], minimum=10)
    assert figures.all_students.students == 23
    assert [(g.group, g.tally, g.share_gap, g.gain_gap) for g in figures.breakdowns["ell"]] == [
        ("no", None, None, None),
        ("yes", None, None, None),
    ]
    assert not figures.any_group_shown


def test_the_chart_and_its_words_leave_hidden_groups_out() -> None:
    groups = {n: "A" if n < 15 else "B" if n < 27 else "C" for n in range(31)}  # 15, 12 and 4 students
    before = [row(n, 10, 1, race=groups[n]) for n in range(31)]
    after = [row(n, 10, 2 if n % 3 == 0 else 1, race=groups[n]) for n in range(31)]
    figures = growth.term_growth(before, after, dimensions=["race"], minimum=10)
    assert [g.group for g in figures.breakdowns["race"] if g.tally is not None] == ["A"]  # C small, B with it
    spec = growth.chart_spec(figures)
    assert [v["group"] for v in spec["layer"][0]["data"]["values"]] == ["All students", "race: A"]
    pair = growth.TermPair(_session("Semester 1"), _session("Semester 2"))
    assert growth.alternative(pair, figures) == (
        "From Semester 1 to Semester 2, 2025–26, on a standard, 35% of students moved up at least one level "
        "(11 of 31 students × standards with a level in both terms, 31 students); levels gained averaged +0.35 "
        "per standard. The one group shown, race: A, is -2.2 points from all students. 2 groups are not shown "
        "(too few students)."
    )


def _session(title: str) -> AcademicSession:
    return AcademicSession(title=title, school_year=2026, start_date=date(2025, 8, 27), end_date=date(2026, 1, 23))


# --- read from the snapshots ----------------------------------------------------------------------------------


def _semester(world: World, n: int) -> AcademicSession:
    start, end = ((date(2025, 8, 27), date(2026, 1, 23)), (date(2026, 1, 26), date(2026, 6, 12)))[n - 1]
    return AcademicSession.objects.create(
        district=world.district,
        title=f"Semester {n}",
        kind=AcademicSession.Kind.SEMESTER,
        school_year=2026,
        start_date=start,
        end_date=end,
    )


def _student(world: World, n: int, *, school: School | None = None, **groups: object) -> Student:
    return Student.objects.create(
        user=make_user(f"g{n}.{world.district.pk}"),
        school=school or world.school,
        student_number=f"{world.district.pk}-g{n}",
        grade=10,
        **groups,
    )


def _level(world: World, student: Student, value: int | None, standard: Standard | None = None) -> None:
    standard = standard or world.standard
    scale = world.framework.work_habit_scale if standard.kind == Standard.Kind.WORK_HABIT else world.framework.scale
    assert scale is not None
    level = None if value is None else scale.levels.get(value=value)
    StandardResult.objects.update_or_create(
        student=student,
        standard=standard,
        defaults={"framework": world.framework, "value": value, "level": level, "policy_version": 1},
    )


def _two_terms(world: World, levels: Mapping[Student, tuple[int | None, int | None]]) -> AcademicSession:
    """Snapshot semester 1 with each student's first level, semester 2 with the second; return semester 2."""
    first, second = _semester(world, 1), _semester(world, 2)
    for student, (before, _) in levels.items():
        _level(world, student, before)
    snapshot_term(term=first)
    for student, (_, after) in levels.items():
        _level(world, student, after)
    snapshot_term(term=second)
    return second


@pytest.mark.django_db
@pytest.mark.vendor_sensitive  # the snapshot is one INSERT … SELECT written in SQL
def test_growth_is_read_from_the_snapshots_of_two_consecutive_terms_for_the_schools_students() -> None:
    world = make_world()
    middle = School.objects.create(district=world.district, name="w middle", lowest_grade=6, highest_grade=8)
    climber, dropper, unsure = _student(world, 1), _student(world, 2), _student(world, 3)
    elsewhere = _student(world, 4, school=middle)
    habit = Standard.objects.get(framework=world.framework, kind=Standard.Kind.WORK_HABIT)
    _level(world, climber, 1, habit)  # work habits are never academic growth
    second = _two_terms(world, {climber: (1, 4), dropper: (3, 2), unsure: (2, None), elsewhere: (1, 4)})

    view = growth.school_growth(school_ids=[world.school.pk])

    assert (
        view.pair is not None and view.pair.term == second and view.pair.label == ("Semester 1 to Semester 2, 2025–26")
    )
    assert view.figures is not None and view.figures.all_students == GrowthTally(2, 2, 1, 2)
    assert [(line.code, line.tally) for line in view.standards] == [("ELA.1", GrowthTally(2, 2, 1, 2))]
    assert view.spec and "50% of students moved up" in view.alternative


@pytest.mark.django_db
@pytest.mark.vendor_sensitive
def test_taking_a_snapshot_again_gives_the_same_growth() -> None:
    world = make_world()
    students = {_student(world, n): (1 + n % 3, 1 + (n + 1) % 4) for n in range(6)}
    second = _two_terms(world, students)
    before = growth.school_growth(school_ids=[world.school.pk])
    snapshot_term(term=second)
    after = growth.school_growth(school_ids=[world.school.pk])
    assert after.figures == before.figures and after.alternative == before.alternative


@pytest.mark.django_db
@pytest.mark.vendor_sensitive
def test_a_student_who_moved_school_counts_where_the_later_term_found_them() -> None:
    world = make_world()
    other = School.objects.create(district=world.district, name="w east", lowest_grade=9, highest_grade=12)
    mover = _student(world, 1)
    first, second = _semester(world, 1), _semester(world, 2)
    _level(world, mover, 1)
    snapshot_term(term=first)
    Student.objects.filter(pk=mover.pk).update(school=other)
    _level(world, mover, 3)
    snapshot_term(term=second)
    left = growth.school_growth(school_ids=[world.school.pk]).figures  # not there in the later term
    assert left is not None and left.all_students == GrowthTally(0, 0, 0, 0)
    moved = growth.school_growth(school_ids=[other.pk])
    assert moved.figures is not None and moved.figures.all_students == GrowthTally(1, 1, 1, 2)


@pytest.mark.django_db
@pytest.mark.vendor_sensitive
def test_growth_needs_a_snapshot_of_the_term_right_before() -> None:
    world = make_world()
    _level(world, _student(world, 1), 2)
    first, second = _semester(world, 1), _semester(world, 2)
    third = AcademicSession.objects.create(
        district=world.district,
        title="Semester 1",
        kind=AcademicSession.Kind.SEMESTER,
        school_year=2027,
        start_date=date(2026, 8, 26),
        end_date=date(2027, 1, 22),
    )
    snapshot_term(term=second)
    assert growth.school_growth(school_ids=[world.school.pk]).pair is None  # the first term of all: no growth
    snapshot_term(term=first)
    snapshot_term(term=third)
    choices = growth.school_growth(school_ids=[world.school.pk]).pairs
    assert [(p.previous, p.term) for p in choices] == [(second, third), (first, second)]
    assert choices[0].label == "Semester 2, 2025–26 to Semester 1, 2026–27"
    assert growth.school_growth(school_ids=[world.school.pk], term_id=second.pk).pair == choices[1]
    assert growth.school_growth(school_ids=[world.school.pk], term_id=first.pk).pair == choices[0]  # no such pair


@pytest.mark.django_db
def test_levels_are_places_on_the_scale_not_its_values() -> None:
    scale = ProficiencyScale.objects.create(name="uneven")
    levels = [
        ScaleLevel.objects.create(scale=scale, value=Decimal(v), label=f"L{v}", is_threshold=v == "2.5")
        for v in ("0", "2.5", "1")
    ]
    assert growth._ranks([scale.pk]) == {levels[0].pk: 1, levels[2].pk: 2, levels[1].pk: 3}


@pytest.mark.django_db
@pytest.mark.vendor_sensitive
def test_the_database_pairs_and_sums_the_rows_as_the_pure_functions_do() -> None:
    world = make_world()
    other = School.objects.create(district=world.district, name="w east", lowest_grade=9, highest_grade=12)
    second_standard = Standard.objects.create(
        framework=world.framework,
        code="ELA.2",
        title="Writing",
        statement="Writes.",
        kind="content_area",
        content_area="ela",
        position=1,
    )
    first, second = _semester(world, 1), _semester(world, 2)
    students = [
        _student(world, n, school=other if n % 5 == 0 else None, gender="female" if n % 2 else "male")
        for n in range(15)
    ]
    for n, student in enumerate(students):
        _level(world, student, None if n == 3 else 1 + n % 4)
        _level(world, student, 1 + (n * 7) % 4, second_standard)
    snapshot_term(term=first)
    for n, student in enumerate(students):
        _level(world, student, 1 + (n * 3) % 4)
        _level(world, student, None if n == 4 else 1 + (n + 1) % 4, second_standard)
    Student.objects.filter(pk=students[1].pk).update(school=other)  # moved: counted at the later school
    snapshot_term(term=second)

    ranks = growth._ranks([world.framework.scale_id])
    labels = growth.group_labels()

    def rows(term: AcademicSession, **where: object) -> list[SnapshotRow]:
        taken = ResultSnapshot.objects.filter(term=term, level__isnull=False, **where).select_related("student")
        return [
            SnapshotRow(
                r.student_id,
                r.standard_id,
                ranks[r.level_id],
                {d: labels[d](getattr(r.student, d)) for d in growth.DIMENSIONS},
            )
            for r in taken
        ]

    found = growth.pairs(rows(first), rows(second, school=world.school))
    students_growth, by_standard = growth.load_growth([world.school.pk], previous_id=first.pk, term_id=second.pk)
    assert students_growth == growth.per_student(found) and by_standard == growth.per_standard(found)
    assert len(students_growth) == 11  # 12 at the school in the later term, one without a level in either term


# --- on the page ----------------------------------------------------------------------------------------------


def _growing_school(world: World) -> None:
    """12 students, 8 of them economically disadvantaged: 6 of those climb a level, the others hold."""
    levels = {}
    for n in range(12):
        student = _student(world, n, economically_disadvantaged=n < 8)
        levels[student] = (2, 3 if n < 6 else 2)
    _two_terms(world, levels)


@pytest.mark.django_db
@pytest.mark.vendor_sensitive
def test_a_leader_and_a_coach_see_the_growth_page_with_its_chart_and_table() -> None:
    world = make_world()
    _growing_school(world)
    for role in (Role.SCHOOL_LEADER, Role.COACH):
        page = _client(_member(world, role.value, role)).get(f"/insights/schools/{world.school.pk}/growth/")
        html = page.content.decode()
        assert "Growth: Semester 1 to Semester 2, 2025–26" in html and 'data-growth-chart="growth-chart"' in html
        assert (
            '<th scope="row">All students</th><td class="num">12</td><td class="num">12</td><td class="num">6</td>'
            '<td class="num">50%</td>' in html
        )
        assert "not shown (small group)" in html  # 4 not disadvantaged: hidden, with their complement


@pytest.mark.django_db
def test_the_page_says_when_there_is_no_growth_to_show_yet() -> None:
    world = make_world()
    html = _client(_member(world, "leader", Role.SCHOOL_LEADER)).get(f"/insights/schools/{world.school.pk}/growth/")
    assert "This school has no such pair of terms yet." in html.content.decode()


@pytest.mark.django_db
@pytest.mark.vendor_sensitive
def test_the_growth_csv_is_audited_and_hidden_groups_stay_hidden_in_it() -> None:
    world = make_world()
    _growing_school(world)
    coach = _member(world, "coach", Role.COACH)
    lines = _client(coach).get(f"/insights/schools/{world.school.pk}/growth.csv").content.decode().splitlines()
    assert lines[0].startswith("from term,to term,breakdown,group,students,standards compared,moved up")
    assert '"Semester 1, 2025–26","Semester 2, 2025–26",all students,,12,12,6,50%,,+0.50,' in lines
    assert any(",economically_disadvantaged,no,hidden,hidden" in line for line in lines)
    assert any(",economically_disadvantaged,yes,hidden,hidden" in line for line in lines)
    assert any(",standard,ELA.1,12,12,6,50%,,+0.50," in line for line in lines)
    events = AuditEvent.objects.filter(actor=coach, action=Action.EXPORT_RUN)
    assert [e.details.get("what") for e in events] == ["growth term over term (CSV)"]


def test_pair_and_student_rows_carry_the_later_terms_groups() -> None:
    found = growth.pairs([row(1, 10, 1, ell="yes")], [row(1, 10, 2, ell="no")])
    assert found == [Pair(1, 10, 1, {"ell": "no"})]


@pytest.mark.django_db
def test_growth_is_computed_once_per_snapshot_and_again_when_a_term_is_snapshotted_anew() -> None:
    from unittest import mock

    world = make_world()
    _growing_school(world)
    with mock.patch.object(growth, "load_growth", wraps=growth.load_growth) as loads:
        first = growth.school_growth(school_ids=[world.school.pk])
        again = growth.school_growth(school_ids=[world.school.pk])
        assert loads.call_count == 1 and again.figures == first.figures
        assert first.pair is not None
        snapshot_term(term=first.pair.term)  # taken anew: a new time, a new key
        growth.school_growth(school_ids=[world.school.pk])
        assert loads.call_count == 2
