"""Every programs role logs in to a useful home page: network staff see their network, a leadership team member
their school's improvement work, a coach each school they coach — and none of them a student's name."""

from __future__ import annotations

import pytest
from django.test import Client

from proficio.accounts.models import User
from proficio.demo.writer import DemoResult
from proficio.programs.models import Cohort
from proficio.programs.panels import network_panel, school_work_panel
from proficio.roster.models import Student

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_demo_district")]


def _home(username: str) -> str:
    client = Client()
    client.force_login(User.objects.get(username=username))
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def _no_student_named(html: str) -> None:
    for student in Student.objects.select_related("user")[:200]:
        assert student.user.get_full_name() not in html


def test_network_staff_see_their_network_its_cohorts_and_links_to_its_pages(demo_district: DemoResult) -> None:
    html = _home(demo_district.usernames["network_staff"][0])
    assert "Your network" in html and "Green Mountain League of Innovative Schools" in html
    assert "Cohort 1" in html and "Cohort 2" in html and "Implementation year 2" in html
    assert "Implementation Grid across schools" in html and "Practice library" in html
    _no_student_named(html)


def test_the_network_panel_counts_the_networks_schools(demo_district: DemoResult) -> None:
    staff = User.objects.get(username=demo_district.usernames["network_staff"][0])
    [card] = network_panel(staff).networks
    assert card.schools == 6 and card.activities == 10
    assert [line.schools for line in card.cohorts] == [3, 3]
    assert 0 <= card.schools_past_half <= 6


def test_a_leadership_team_member_sees_the_schools_improvement_work(demo_district: DemoResult) -> None:
    html = _home(demo_district.usernames["leadership_team"][0])
    assert "Your school&#x27;s improvement work" in html
    assert "Global Best Practices self-assessment" in html and "Action plan" in html
    assert "Latest self-assessment" in html and "End of year 1" in html


def test_a_coach_sees_days_used_against_the_plan_for_each_school_coached(demo_district: DemoResult) -> None:
    coach = User.objects.get(username=demo_district.usernames["coach"][0])
    cards = school_work_panel(coach, ["coach"]).cards
    assert len(cards) == 2  # the district's high school and middle school
    first = Cohort.objects.get(name="Cohort 1")
    assert all(card.cohort == first and card.phase is not None for card in cards)
    assert all(card.coaching_days_used and card.coaching_days_used > 0 for card in cards)
    html = _home(coach.username)
    assert "Your coaching" in html and "Coaching days this phase" in html
    _no_student_named(html)


def test_a_teacher_outside_every_leadership_team_sees_no_programs_panel(demo_district: DemoResult) -> None:
    teacher = User.objects.filter(memberships__role="teacher").exclude(memberships__role="leadership_team").first()
    assert teacher is not None
    assert "improvement work" not in _home(teacher.username)
