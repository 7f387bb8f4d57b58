"""The insights pages: leaders and admins see their school's readiness and its students at risk; a coach sees
the same figures and never a student; small groups never show; every CSV export is audited."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from proficio.accounts.models import Membership, Role, User
from proficio.audit.models import Action, AuditEvent
from proficio.insights import readiness
from proficio.proficiency.models import GraduationStatus
from proficio.roster.models import Student
from tests.factories import World, make_user, make_world

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password="a-long-test-password")
    return client


def _member(world: World, name: str, role: Role) -> User:
    user = make_user(f"{name}.{world.district.pk}")
    if role == Role.DISTRICT_ADMIN:
        Membership.objects.create(user=user, role=role, district=world.district)
    else:
        Membership.objects.create(user=user, role=role, school=world.school)
    return user


def _seniors(world: World) -> list[Student]:
    """14 seniors: 11 on track (30+ of 40 met), 3 behind; 12 economically disadvantaged, 2 not."""
    students = []
    for n in range(14):
        user = make_user(f"senior{n}.{world.district.pk}", first_name=f"Senior{n:02d}", last_name="Lopez")
        student = Student.objects.create(
            user=user,
            school=world.school,
            student_number=f"{world.district.pk}-s{n}",
            grade=12,
            economically_disadvantaged=n >= 2,
        )
        met = 35 if n < 11 else 4 + n
        GraduationStatus.objects.create(
            student=student,
            framework=world.framework,
            met=False,
            standards_required=40,
            standards_met=met,
            missing=["SS.2", "SCI.4"],
            policy_version=1,
        )
        students.append(student)
    return students


def test_a_leader_sees_the_cohort_the_gaps_and_the_seniors_at_risk_and_opens_one() -> None:
    world = make_world()
    seniors = _seniors(world)
    page = _client(_member(world, "leader", Role.SCHOOL_LEADER)).get(f"/insights/schools/{world.school.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    seniors_class = readiness.cohort_of(12, readiness.school_day([world.school.pk], timezone.localdate()))
    assert f'<th scope="row">{seniors_class}</th><td>12</td><td class="num">14</td><td class="num">11</td>' in html
    assert "Students at risk (3)" in html
    assert f"/students/{seniors[11].pk}/progress/" in html and "Senior11 Lopez" in html
    assert "Senior00 Lopez" not in html  # on track: not listed
    assert "not shown (small group)" in html  # 2 not economically disadvantaged: hidden, with their complement


def test_a_coach_sees_the_figures_but_never_a_student() -> None:
    world = make_world()
    _seniors(world)
    coach = _client(_member(world, "coach", Role.COACH))
    html = coach.get(f"/insights/schools/{world.school.pk}/").content.decode()
    assert "By cohort" in html and "Lopez" not in html and "Students at risk" not in html
    assert coach.get(f"/insights/schools/{world.school.pk}/at-risk.csv").status_code == 404


def test_teachers_and_other_districts_find_no_insights() -> None:
    world, elsewhere = make_world(), make_world("b")
    assert _client(world.teacher).get("/insights/").status_code == 404
    admin_b = _client(_member(elsewhere, "admin", Role.DISTRICT_ADMIN))
    assert admin_b.get(f"/insights/schools/{world.school.pk}/").status_code == 404


def test_each_csv_export_is_audited_and_hidden_groups_stay_hidden_in_it() -> None:
    world = make_world()
    _seniors(world)
    admin = _member(world, "admin", Role.DISTRICT_ADMIN)
    client = _client(admin)
    figures = client.get(f"/insights/schools/{world.school.pk}/readiness.csv").content.decode()
    seniors_class = readiness.cohort_of(12, readiness.school_day([world.school.pk], timezone.localdate()))
    assert f"{seniors_class},12,all students,,14,11,79%," in figures
    assert "economically_disadvantaged,no,hidden" in figures and "economically_disadvantaged,yes,hidden" in figures
    students = client.get(f"/insights/schools/{world.school.pk}/at-risk.csv").content.decode().splitlines()
    assert students[0].startswith("student,grade") and len(students) == 4
    events = AuditEvent.objects.filter(actor=admin, action=Action.EXPORT_RUN).order_by("pk")
    assert [e.details.get("what") for e in events] == [
        "graduation readiness (CSV)",
        "students at risk of not graduating (CSV)",
    ]


def test_the_student_list_drills_down_by_grade_with_each_standing_and_its_export_is_audited() -> None:
    world = make_world()
    seniors = _seniors(world)
    leader = _member(world, "leader", Role.SCHOOL_LEADER)
    client = _client(leader)
    page = client.get(f"/insights/schools/{world.school.pk}/students/?grade=12").content.decode()
    assert page.count("/progress/") == len(seniors) and "35 of 40" in page and "at risk" in page
    assert "Sam Student" not in client.get(f"/insights/schools/{world.school.pk}/students/?grade=11").content.decode()
    export = client.get(f"/insights/schools/{world.school.pk}/students.csv?grade=12").content.decode()
    lines = export.strip().splitlines()
    cohort = readiness.cohort_of(12, readiness.school_day([world.school.pk], timezone.localdate()))
    # no summative evidence yet: one open flag each
    assert len(lines) == 15 and f"Senior00 Lopez,12,{cohort},35,40,30,yes,1" in lines
    [event] = AuditEvent.objects.filter(action=Action.EXPORT_RUN, actor=leader)
    assert event.details["what"] == "high-school students and their standing (CSV)"
    coach = _client(_member(world, "coach", Role.COACH))
    assert coach.get(f"/insights/schools/{world.school.pk}/students/").status_code == 404
    assert coach.get(f"/insights/schools/{world.school.pk}/students.csv").status_code == 404


def test_a_district_admin_sees_each_high_school_s_share_on_track_above_the_schools() -> None:
    world = make_world()
    _seniors(world)
    page = _client(_member(world, "admin", Role.DISTRICT_ADMIN)).get("/insights/").content.decode()
    assert f"{world.district}: its high schools" in page and "79%" in page  # 11 of 14 on track
    leader_page = _client(_member(world, "leader", Role.SCHOOL_LEADER)).get("/insights/").content.decode()
    assert "its high schools" not in leader_page and world.school.name in leader_page


def test_the_school_page_lists_the_furthest_behind_and_links_every_student_at_risk(settings: object) -> None:
    from proficio.insights import views

    world = make_world()
    _seniors(world)
    client = _client(_member(world, "leader", Role.SCHOOL_LEADER))
    views.AT_RISK_ON_PAGE, saved = 2, views.AT_RISK_ON_PAGE
    try:
        page = client.get(f"/insights/schools/{world.school.pk}/").content.decode()
    finally:
        views.AT_RISK_ON_PAGE = saved
    assert "Students at risk (3)" in page and "The 2 furthest behind" in page
    assert "Senior11 Lopez" in page and "Senior13 Lopez" not in page  # 15 of 40 and 17 of 40: further behind first
    at_risk = client.get(f"/insights/schools/{world.school.pk}/students/?status=at-risk").content.decode()
    assert at_risk.count("/progress/") == 3 and "Senior13 Lopez" in at_risk and "Senior00" not in at_risk
