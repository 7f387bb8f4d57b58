"""Each role logs in and lands on a page listing what it may see — and nothing it may not."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.html import escape

from proficio.accounts.models import Membership, Role, User
from proficio.demo.writer import DemoResult
from proficio.roster.models import Enrollment, GuardianLink, Section, Student
from tests.conftest import DEMO_TEST_PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_demo_district")]


def _login(client: Client, username: str) -> None:
    assert client.login(username=username, password=DEMO_TEST_PASSWORD)


def _first(demo: DemoResult, role: str) -> User:
    return User.objects.get(username=demo.usernames[role][0])


def test_it_redirects_anonymous_users_to_login(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_login_page_renders(client: Client) -> None:
    response = client.get("/login/")
    assert response.status_code == 200
    assert b"Log in to proficio" in response.content


def test_login_rejects_a_wrong_password(client: Client, demo_district: DemoResult) -> None:
    response = client.post("/login/", {"username": demo_district.usernames["teacher"][0], "password": "wrong"})
    assert response.status_code == 200
    assert b"did not match" in response.content
    assert "_auth_user_id" not in client.session


def test_login_then_home(client: Client, demo_district: DemoResult) -> None:
    response = client.post(
        "/login/",
        {"username": demo_district.usernames["teacher"][0], "password": DEMO_TEST_PASSWORD},
        follow=True,
    )
    assert response.status_code == 200
    assert b"Your sections" in response.content


def test_teacher_home_shows_standards_where_students_need_help(client: Client, demo_district: DemoResult) -> None:
    from proficio.proficiency.models import StandardResult
    from proficio.proficiency.panels import standards_needing_attention

    teacher = _first(demo_district, "teacher")
    taught = Section.objects.filter(enrollments__user=teacher, enrollments__role=Enrollment.Role.TEACHER)
    rows = standards_needing_attention(taught)
    assert rows
    top = rows[0]
    students = Student.objects.filter(user__enrollments__section__in=taught).distinct()
    below = StandardResult.objects.filter(
        student__in=students, standard_id=top["standard_id"], level__isnull=False, is_proficient=False
    ).count()
    assert top["below"] == below
    _login(client, teacher.username)
    assert "Standards where your students need you" in client.get("/").content.decode()


def test_teacher_sees_their_sections_only(client: Client, demo_district: DemoResult) -> None:
    teacher = _first(demo_district, "teacher")
    _login(client, teacher.username)
    content = client.get("/").content.decode()
    mine = Section.objects.filter(enrollments__user=teacher, enrollments__role=Enrollment.Role.TEACHER)
    others = Section.objects.exclude(pk__in=mine).exclude(name__in=mine.values("name"))
    assert mine.exists()
    for section in mine:
        assert escape(section.name) in content
    assert others.exists()
    for section in others:
        assert escape(section.name) not in content


def test_student_sees_their_courses_and_standards(client: Client, demo_district: DemoResult) -> None:
    student_user = _first(demo_district, "student")
    _login(client, student_user.username)
    content = client.get("/").content.decode()
    assert "Your learning" in content
    courses = Section.objects.filter(enrollments__user=student_user).values_list("course__title", flat=True)
    assert courses
    for title in courses:
        assert escape(title) in content
    assert "Clear and effective communicator" in content or "CC.1" in content
    assert "Your sections" not in content
    # Computed levels and the graduation status come from the result cache.
    from proficio.proficiency.models import GraduationStatus, StandardResult

    student = student_user.student_profile
    graduation = GraduationStatus.objects.get(student=student)
    assert f"{graduation.standards_met} of {graduation.standards_required}" in content
    leveled = StandardResult.objects.filter(student=student, level__isnull=False).select_related("level").first()
    assert leveled is not None
    assert f"<strong>{escape(str(leveled.level))}</strong>" in content


def test_guardian_sees_each_linked_child_and_no_other(client: Client, demo_district: DemoResult) -> None:
    guardian = _first(demo_district, "guardian")
    _login(client, guardian.username)
    content = client.get("/").content.decode()
    children = Student.objects.filter(guardian_links__guardian__user=guardian)
    assert children.count() >= 1
    for child in children:
        assert escape(str(child)) in content
    stranger = Student.objects.exclude(pk__in=children).exclude(user__last_name__in=children.values("user__last_name"))
    assert stranger.exists()
    for other in stranger[:10]:
        assert other.student_number not in content
        assert escape(str(other)) not in content


def test_guardian_loses_access_when_the_link_ends(client: Client, demo_district: DemoResult) -> None:
    guardian = _first(demo_district, "guardian")
    children = list(Student.objects.filter(guardian_links__guardian__user=guardian))
    GuardianLink.objects.filter(guardian__user=guardian).update(is_active=False)
    _login(client, guardian.username)
    content = client.get("/").content.decode()
    for child in children:
        assert escape(str(child)) not in content
    assert "No children are linked" in content


def test_school_leader_sees_the_school_and_its_groups(client: Client, demo_district: DemoResult) -> None:
    leader = _first(demo_district, "school_leader")
    _login(client, leader.username)
    content = client.get("/").content.decode()
    school = Membership.objects.get(user=leader, role=Role.SCHOOL_LEADER).school
    assert school is not None
    assert school.name in content
    assert "Economically disadvantaged" in content
    assert f"<dd>{Student.objects.filter(school=school, is_active=True).count()}</dd>" in content
    assert "%%" not in content
    disadvantaged = Student.objects.filter(school=school, is_active=True, economically_disadvantaged=True).count()
    total = Student.objects.filter(school=school, is_active=True).count()
    assert f"{round(100 * disadvantaged / total)}%</td>" in content


def test_coach_sees_aggregates_but_no_student_names(client: Client, demo_district: DemoResult) -> None:
    coach = _first(demo_district, "coach")
    _login(client, coach.username)
    content = client.get("/").content.decode()
    assert "Schools you coach" in content
    assert "in aggregate" in content
    for student in Student.objects.select_related("user"):
        assert escape(student.user.get_full_name()) not in content


def test_district_admin_sees_every_school(client: Client, demo_district: DemoResult) -> None:
    admin = _first(demo_district, "district_admin")
    _login(client, admin.username)
    content = client.get("/").content.decode()
    assert "Northfield High School" in content
    assert "Northfield Middle School" in content
    assert "Northfield Graduation Standards" in content


def test_advisor_sees_advisees(client: Client, demo_district: DemoResult) -> None:
    advisor = _first(demo_district, "advisor")
    _login(client, advisor.username)
    content = client.get("/").content.decode()
    advisees = Student.objects.filter(advisories__advisor=advisor)
    assert advisees.exists()
    for student in advisees:
        assert escape(str(student)) in content


def test_a_user_without_roles_sees_an_explanation(client: Client, db: None) -> None:
    User.objects.create_user("nobody", password="a-long-test-password")
    assert client.login(username="nobody", password="a-long-test-password")
    assert b"no role in any school yet" in client.get("/").content


def test_logout_requires_post_and_ends_the_session(client: Client, demo_district: DemoResult) -> None:
    _login(client, demo_district.usernames["teacher"][0])
    assert client.get("/logout/").status_code == 405
    response = client.post("/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302
