"""Past cohorts' outcomes: rates of the adjusted cohort against the targets, by hand; the CSV import records
every line or none, naming each problem's line and column; only leaders and admins record."""

from __future__ import annotations

import pytest

from proficio.accounts.models import Role
from proficio.insights import outcomes
from proficio.insights.models import CohortOutcome, Outcome
from proficio.insights.outcomes import OutcomeRow, OutcomesRefused, import_outcomes
from proficio.roster.models import Student
from tests.factories import make_user, make_world
from tests.insights.test_views import _client, _member


def _row(outcome: str, postsecondary: bool | None = None, **groups: str) -> OutcomeRow:
    return OutcomeRow(2025, outcome, postsecondary, groups)


def test_rates_are_of_the_adjusted_cohort_and_postsecondary_of_known_graduates() -> None:
    rows = (
        [_row(Outcome.GRADUATED, True)] * 14
        + [_row(Outcome.GRADUATED, False)] * 2
        + [_row(Outcome.GRADUATED, None)] * 2
        + [_row(Outcome.DROPPED_OUT)]
        + [_row(Outcome.STILL_ENROLLED)]
        + [_row(Outcome.TRANSFERRED)] * 4
    )
    rates = outcomes.rates(rows)
    assert (rates.students, rates.adjusted) == (24, 20)
    assert rates.graduation == 18 / 20 and rates.dropout == 1 / 20 and rates.postsecondary == 14 / 16


def test_group_rates_hide_small_groups_with_their_complement() -> None:
    rows = [_row(Outcome.GRADUATED, True, ell="no")] * 15 + [_row(Outcome.DROPPED_OUT, ell="yes")] * 3
    [cohort] = outcomes.cohort_rates(rows, dimensions=["ell"], minimum=10)
    assert cohort.all_students.dropout == 3 / 18
    assert [(g.group, g.rates) for g in cohort.breakdowns["ell"]] == [("no", None), ("yes", None)]


pytestmark = pytest.mark.django_db


def _students(world: object, count: int) -> list[Student]:
    return [
        Student.objects.create(
            user=make_user(f"grad{n}.{world.district.pk}"),  # type: ignore[attr-defined]
            school=world.school,  # type: ignore[attr-defined]
            student_number=f"G{n:03d}",
            grade=12,
        )
        for n in range(count)
    ]


def test_a_csv_with_problems_records_nothing_and_names_each_line_and_column() -> None:
    world = make_world()
    _students(world, 3)
    data = (
        b"outcome,student_number,class_of,postsecondary\n"  # columns in any order
        b"graduated,G000,2025,yes\n"
        b"Graduated,G001,25,maybe\n"
        b"expelled,X999,2025,\n"
        b"graduated,G000,2025,no\n"
    )
    with pytest.raises(OutcomesRefused) as refused:
        import_outcomes(data, name="outcomes.csv", school=world.school, user=None)
    found = {(p.line, p.column, p.value) for p in refused.value.problems}
    assert found == {
        (3, "class_of", "25"),
        (3, "postsecondary", "maybe"),
        (4, "student_number", "X999"),
        (4, "outcome", "expelled"),
        (5, "student_number", "G000"),
    }
    assert str(refused.value.problems[0]).startswith("outcomes.csv line 3")
    assert not CohortOutcome.objects.exists()


def test_a_clean_csv_records_every_line_and_a_second_one_replaces_them() -> None:
    world = make_world()
    _students(world, 2)
    data = b"student_number,class_of,outcome,postsecondary\nG000,2025,graduated,yes\nG001,2025,Dropped out,\n"
    assert import_outcomes(data, name="o.csv", school=world.school, user=None) == 2
    assert CohortOutcome.objects.get(student__student_number="G001").outcome == Outcome.DROPPED_OUT
    import_outcomes(
        b"student_number,class_of,outcome,postsecondary\nG001,2025,transferred,\n",
        name="o.csv",
        school=world.school,
        user=None,
    )
    assert CohortOutcome.objects.get(student__student_number="G001").outcome == Outcome.TRANSFERRED
    assert CohortOutcome.objects.count() == 2


def test_leaders_record_outcomes_on_the_page_and_coaches_only_read_them() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    world = make_world()
    _students(world, 12)
    lines = "".join(
        f"G{n:03d},2025,{'graduated' if n < 11 else 'dropped_out'},{'yes' if n < 9 else 'no'}\n" for n in range(12)
    )
    upload = SimpleUploadedFile("o.csv", ("student_number,class_of,outcome,postsecondary\n" + lines).encode())
    leader = _client(_member(world, "leader", Role.SCHOOL_LEADER))
    page = leader.post(f"/insights/schools/{world.school.pk}/outcomes/", {"outcomes": upload})
    html = page.content.decode()
    assert page.status_code == 200 and "12 outcomes recorded." in html
    assert "Class of 2025" in html and "92%" in html  # 11 of 12 graduated
    coach = _client(_member(world, "coach", Role.COACH))
    assert "Class of 2025" in coach.get(f"/insights/schools/{world.school.pk}/outcomes/").content.decode()
    again = SimpleUploadedFile("o.csv", b"student_number,class_of,outcome,postsecondary\n")
    assert coach.post(f"/insights/schools/{world.school.pk}/outcomes/", {"outcomes": again}).status_code == 404


def test_a_leader_records_one_student_s_outcome_on_the_page_and_a_wrong_number_changes_nothing() -> None:
    world = make_world()
    leader = _client(_member(world, "leader", Role.SCHOOL_LEADER))
    url = f"/insights/schools/{world.school.pk}/outcomes/"
    form = {"student_number": "nobody", "class_of": 2025, "outcome": "graduated", "postsecondary": "yes"}
    refused = leader.post(url, form)
    assert refused.status_code == 400 and "is not a student of" in refused.content.decode()
    assert not CohortOutcome.objects.exists()
    form["student_number"] = world.student.student_number
    assert leader.post(url, form).status_code == 200
    recorded = CohortOutcome.objects.get()
    assert (recorded.student, recorded.cohort, recorded.outcome, recorded.postsecondary) == (
        world.student,
        2025,
        "graduated",
        True,
    )
