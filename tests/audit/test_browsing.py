"""The audit page: leaders read their schools' events, administrators their districts'; nobody else reads any."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from proficio.accounts.models import Membership, Role
from proficio.audit.models import Action, AuditEvent
from proficio.audit.permissions import events_for
from proficio.audit.services import record
from proficio.evidence.services import record_score
from proficio.roster.models import School, Student
from tests.audit.helpers import admin_of, client_for, guardian_of, leader_of
from tests.factories import World, make_user, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _other_school(world: World) -> School:
    return School.objects.create(district=world.district, name="Second high", lowest_grade=9, highest_grade=12)


def _viewed(student: Student, actor_name: str = "snoop") -> AuditEvent:
    return record(Action.STUDENT_VIEWED, actor=make_user(actor_name), obj=student, student=student)


def test_a_leader_reads_their_schools_events_only(world: World) -> None:
    other = _other_school(world)
    elsewhere = make_world("x")
    mine = _viewed(world.student)
    sibling = record(Action.LOGIN, actor=make_user("t2"), school=other)
    foreign = _viewed(elsewhere.student, "far")
    district_only = record(Action.POLICY_CHANGED, actor=None, district=world.district)
    visible = set(events_for(leader_of(world)))
    assert mine in visible
    assert not visible & {sibling, foreign, district_only}


def test_a_district_admin_reads_their_district_only(world: World) -> None:
    other = _other_school(world)
    elsewhere = make_world("x")
    sibling = record(Action.LOGIN, actor=make_user("t2"), school=other)
    district_only = record(Action.POLICY_CHANGED, actor=None, district=world.district)
    foreign = _viewed(elsewhere.student, "far")
    visible = set(events_for(admin_of(world)))
    assert {sibling, district_only} <= visible
    assert foreign not in visible
    assert all(event.district_id == world.district.pk for event in visible)


def test_an_inactive_membership_reads_nothing(world: World) -> None:
    leader = leader_of(world)
    leader.memberships.update(is_active=False)
    _viewed(world.student)
    assert not events_for(leader).exists()


@pytest.mark.parametrize("role", ["teacher", "coach", "advisor", "student", "guardian", "nobody"])
def test_everyone_else_gets_404(world: World, role: str) -> None:
    _viewed(world.student)
    if role == "teacher":
        user = world.teacher
    elif role == "student":
        user = world.student.user
    elif role == "guardian":
        user = guardian_of(world.student)
    else:
        user = make_user(role)
        if role in {"coach", "advisor"}:
            Membership.objects.create(user=user, role=role, school=world.school)
    assert client_for(user).get("/audit/").status_code == 404
    assert not events_for(user).exists()


def test_anonymous_visitors_are_sent_to_log_in() -> None:
    response = Client().get("/audit/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.vendor_sensitive  # the page renders a JSON field
def test_the_page_shows_who_what_which_record_and_from_where(world: World) -> None:
    client = client_for(world.teacher, ip="203.0.113.9")
    client.post(
        f"/assessments/{world.assessment.pk}/scores/",
        {"student": world.student.pk, "indicator": world.indicator.pk, "value": "3"},
    )
    response = client_for(leader_of(world)).get("/audit/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tess Teacher (w.teacher)" in page
    assert "Score recorded" in page and "ELA.1.1 = 3" in page
    assert "Sam Student" in page
    assert "203.0.113.9" in page and "Mozilla/5.0 (audit test)" in page
    assert "<script>" not in page


@pytest.mark.vendor_sensitive  # icontains folds case per vendor; local-date bounds
def test_filters_narrow_by_action_actor_student_and_dates(world: World) -> None:
    leader = leader_of(world)
    other_user = make_user("w.other", first_name="Olive", last_name="Other")
    other_student = Student.objects.create(user=other_user, school=world.school, student_number="w-2", grade=9)
    by_teacher = record(Action.STUDENT_VIEWED, actor=world.teacher, obj=world.student, student=world.student)
    by_leader = record(Action.STUDENT_VIEWED, actor=leader, obj=other_student, student=other_student)
    login = record(Action.LOGIN, actor=world.teacher, obj=world.teacher)
    old = AuditEvent.objects.create(
        at=timezone.now() - timedelta(days=30),
        action=Action.LOGIN,
        actor=leader,
        actor_label="Lee Leader",
        school=world.school,
        district=world.district,
    )
    client = client_for(leader)

    def shown(**query: str) -> set[int]:
        response = client.get("/audit/", query)
        assert response.status_code == 200
        return {row["event"].pk for row in response.context["rows"]}

    assert shown(action="student.viewed") == {by_teacher.pk, by_leader.pk}
    assert shown(actor="w.teach") >= {by_teacher.pk, login.pk} and by_leader.pk not in shown(actor="w.teach")
    assert shown(student="olive oth") == {by_leader.pk}
    today = timezone.localdate().isoformat()
    assert old.pk not in shown(since=today) and by_teacher.pk in shown(since=today)
    last_week = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert shown(until=last_week) == {old.pk}
    assert shown(action="student.viewed", since=today, until=last_week) == set()  # start after end: nothing


def test_a_bad_filter_is_shown_as_an_error_not_a_crash(world: World) -> None:
    response = client_for(leader_of(world)).get("/audit/", {"action": "drop table", "since": "yesterday"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_events_are_paginated_fifty_a_page_newest_first(world: World) -> None:
    leader = leader_of(world)
    start = timezone.now() - timedelta(hours=2)
    for minute in range(60):
        AuditEvent.objects.create(
            at=start + timedelta(minutes=minute),
            action=Action.LOGIN,
            actor_label=f"user {minute}",
            school=world.school,
            district=world.district,
        )
    client = client_for(leader)
    first = client.get("/audit/", {"action": "auth.login"})
    rows = [row["event"] for row in first.context["rows"]]
    assert len(rows) == 50
    assert [r.actor_label for r in rows[:2]] == [
        f"Lee Leader ({leader.username})",
        "user 59",
    ]  # the leader's log-in is newest
    assert all(a.at >= b.at for a, b in itertools.pairwise(rows))
    assert "page=2" in first.content.decode() and "action=auth.login" in first.content.decode()
    second = client.get("/audit/", {"action": "auth.login", "page": "2"})
    assert [row["event"].actor_label for row in second.context["rows"]] == [f"user {m}" for m in range(10, -1, -1)]


def test_the_landing_page_links_leaders_and_admins_to_the_trail(world: World) -> None:
    assert 'href="/audit/"' in client_for(leader_of(world)).get("/").content.decode()
    assert 'href="/audit/"' in client_for(admin_of(world)).get("/").content.decode()
    assert 'href="/audit/"' not in client_for(world.teacher).get("/").content.decode()
    coach = make_user("coach")
    Membership.objects.create(user=coach, role=Role.COACH, school=world.school)
    assert 'href="/audit/"' not in client_for(coach).get("/").content.decode()


def test_score_events_scope_to_the_students_school(world: World) -> None:
    score = record_score(
        student=world.student, indicator=world.indicator, assessment=world.assessment, value=3, scorer=world.teacher
    )
    event = AuditEvent.objects.get(action=Action.SCORE_CREATED)
    assert event.object_id == str(score.pk)
    assert event in events_for(leader_of(world)) and event not in events_for(leader_of(make_world("x")))
