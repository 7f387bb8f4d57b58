"""The section gradebook and its cell explanations: levels, filters, and who may see them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.html import escape

from proficio.accounts.models import Role, User
from proficio.demo.writer import DemoResult
from proficio.proficiency.gradebook import build_gradebook, section_indicators, section_students
from proficio.proficiency.models import IndicatorResult
from proficio.roster.models import Section
from proficio.standards.models import Standard
from tests.conftest import DEMO_TEST_PASSWORD
from tests.factories import first_scored_section

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_demo_district")]


def _teacher_and_section(demo: DemoResult) -> tuple[User, Section]:
    teacher = User.objects.get(username=demo.usernames["teacher"][0])
    return teacher, first_scored_section(teacher)


def _login(client: Client, user: User) -> None:
    assert client.login(username=user.username, password=DEMO_TEST_PASSWORD)


def _a_result_in(section: Section) -> IndicatorResult:
    result = (
        IndicatorResult.objects.filter(
            student__in=section_students(section), indicator__in=section_indicators(section), level__isnull=False
        )
        .select_related("level", "indicator", "student__user")
        .first()
    )
    assert result is not None
    return result


def test_teacher_sees_every_student_and_level_of_their_section(client: Client, demo_district: DemoResult) -> None:
    teacher, section = _teacher_and_section(demo_district)
    _login(client, teacher)
    response = client.get(f"/sections/{section.pk}/gradebook/")
    assert response.status_code == 200
    content = response.content.decode()
    for student in section_students(section):
        assert escape(str(student)) in content
    result = _a_result_in(section)
    label = f"{escape(str(result.student))}, {result.indicator.code}: {escape(str(result.level))}"
    assert label in content


def test_work_habits_have_no_column_in_the_academic_gradebook(demo_district: DemoResult) -> None:
    _, section = _teacher_and_section(demo_district)
    book = build_gradebook(section)
    assert book.groups
    assert all(group.standard.kind != Standard.Kind.WORK_HABIT for group in book.groups)


def test_below_proficient_filter_keeps_only_students_with_a_level_below(demo_district: DemoResult) -> None:
    _, section = _teacher_and_section(demo_district)
    everyone = build_gradebook(section)
    below = build_gradebook(section, below_only=True)
    assert {r.student.pk for r in below.rows} == {r.student.pk for r in everyone.rows if r.below}
    assert all(any(c.level is not None and not c.proficient for c in r.cells) for r in below.rows)


def test_standard_filter_shows_only_that_standards_indicators(demo_district: DemoResult) -> None:
    _, section = _teacher_and_section(demo_district)
    standard = build_gradebook(section).groups[0].standard
    book = build_gradebook(section, standard_id=standard.pk)
    assert [g.standard.pk for g in book.groups] == [standard.pk]


def test_insufficient_evidence_is_shown_distinctly(demo_district: DemoResult) -> None:
    _, section = _teacher_and_section(demo_district)
    policy = section.course.school.district.frameworks.get().policy
    policy.minimum_evidence = 3
    policy.save()
    book = build_gradebook(section)
    statuses = {c.status for row in book.rows for c in row.cells}
    assert "insufficient" in statuses


def test_cell_explains_the_level_with_every_score(client: Client, demo_district: DemoResult) -> None:
    teacher, section = _teacher_and_section(demo_district)
    result = _a_result_in(section)
    _login(client, teacher)
    response = client.get(f"/sections/{section.pk}/students/{result.student.pk}/indicators/{result.indicator.pk}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert f"{escape(result.student.user.first_name)}&#x27;s level for" in content
    assert "decaying average" in content
    assert content.count("<td>Yes</td>") == result.evidence_count  # every counted score is listed


def test_another_teacher_cannot_open_the_gradebook_or_a_cell(client: Client, demo_district: DemoResult) -> None:
    teacher, section = _teacher_and_section(demo_district)
    result = _a_result_in(section)
    other = (
        User.objects.filter(memberships__role=Role.TEACHER)
        .exclude(pk=teacher.pk)
        .exclude(enrollments__section=section)
        .first()
    )
    assert other is not None
    _login(client, other)
    assert client.get(f"/sections/{section.pk}/gradebook/").status_code == 404
    cell = f"/sections/{section.pk}/students/{result.student.pk}/indicators/{result.indicator.pk}/"
    assert client.get(cell).status_code == 404
    assert client.get(cell, headers={"HX-Request": "true"}).status_code == 404


@pytest.mark.parametrize("role", ["student", "guardian", "coach", "advisor"])
def test_roles_without_a_teaching_reason_get_404(client: Client, demo_district: DemoResult, role: str) -> None:
    _, section = _teacher_and_section(demo_district)
    user = User.objects.get(username=demo_district.usernames[role][0])
    _login(client, user)
    assert client.get(f"/sections/{section.pk}/gradebook/").status_code == 404


def test_the_school_leader_may_look(client: Client, demo_district: DemoResult) -> None:
    _, section = _teacher_and_section(demo_district)
    leader = User.objects.filter(
        memberships__role=Role.SCHOOL_LEADER, memberships__school=section.course.school
    ).first()
    assert leader is not None
    _login(client, leader)
    assert client.get(f"/sections/{section.pk}/gradebook/").status_code == 200


def test_a_student_outside_the_section_is_404_even_for_its_teacher(client: Client, demo_district: DemoResult) -> None:
    teacher, section = _teacher_and_section(demo_district)
    result = _a_result_in(section)
    outsider = IndicatorResult.objects.exclude(student__in=section_students(section)).first()
    assert outsider is not None
    _login(client, teacher)
    url = f"/sections/{section.pk}/students/{outsider.student_id}/indicators/{result.indicator.pk}/"
    assert client.get(url).status_code == 404


def test_anonymous_users_are_sent_to_log_in(client: Client, demo_district: DemoResult) -> None:
    _, section = _teacher_and_section(demo_district)
    response = client.get(f"/sections/{section.pk}/gradebook/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_work_habits_have_their_own_gradebook_on_their_own_scale(client: Client, demo_district: DemoResult) -> None:
    teacher, section = _teacher_and_section(demo_district)
    book = build_gradebook(section, work_habits=True)
    assert book.groups and all(g.standard.kind == Standard.Kind.WORK_HABIT for g in book.groups)
    assert book.levels and all(level.scale.purpose == "work_habit" for level in book.levels)
    _login(client, teacher)
    content = client.get(f"/sections/{section.pk}/work-habits/").content.decode()
    assert "never count toward academic levels or graduation" in content
    assert book.groups[0].indicators[0].code in content
