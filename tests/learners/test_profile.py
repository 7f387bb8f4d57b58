"""The learner profile: who reads it, who edits which part, and strengths computed from results."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from proficio.evidence.services import record_score
from proficio.learners.models import LearnerProfile, ProfileComment
from proficio.learners.services import strengths_and_areas
from tests.learners.conftest import School

pytestmark = pytest.mark.django_db

SECRET = "Extended time on summative tasks"


def _url(school: School, name: str = "learner-profile") -> str:
    return reverse(name, args=[school.a.student.pk])


def test_the_student_edits_their_own_profile(school: School) -> None:
    response = school.client("student").post(
        _url(school),
        {
            "interests": "Robotics, soccer",
            "college_aspirations": "State university",
            "career_aspirations": "Engineer",
            "learning_preferences": "Building things with a partner",
        },
    )
    assert response.status_code == 302
    profile = LearnerProfile.objects.get(student=school.a.student)
    assert profile.interests == "Robotics, soccer"
    assert profile.career_aspirations == "Engineer"


@pytest.mark.parametrize("role", ["guardian", "teacher", "advisor", "school_leader", "district_admin"])
def test_others_who_read_the_student_read_the_profile_but_do_not_edit_it(school: School, role: str) -> None:
    LearnerProfile.objects.create(student=school.a.student, interests="Robotics")
    client = school.client(role)
    assert "Robotics" in client.get(_url(school)).content.decode()
    assert client.post(_url(school), {"interests": "Changed"}).status_code == 403
    assert LearnerProfile.objects.get(student=school.a.student).interests == "Robotics"


@pytest.mark.parametrize("role", ["classmate", "former_guardian", "other_teacher", "coach"])
def test_people_with_no_reason_to_see_the_student_get_a_404(school: School, role: str) -> None:
    client = school.client(role)
    assert client.get(_url(school)).status_code == 404
    assert client.get(_url(school, "learner-goals")).status_code == 404
    assert client.post(_url(school, "learner-accommodations"), {"accommodations": "x"}).status_code == 404


def test_accommodations_are_for_staff_only(school: School) -> None:
    assert (
        school.client("student").post(_url(school, "learner-accommodations"), {"accommodations": "x"}).status_code
        == 403
    )
    assert (
        school.client("guardian").post(_url(school, "learner-accommodations"), {"accommodations": "x"}).status_code
        == 403
    )
    response = school.client("teacher").post(_url(school, "learner-accommodations"), {"accommodations": SECRET})
    assert response.status_code == 302
    assert LearnerProfile.objects.get(student=school.a.student).accommodations == SECRET
    for role in ("teacher", "advisor", "school_leader", "district_admin"):
        assert SECRET in school.client(role).get(_url(school)).content.decode(), role
    for role in ("student", "guardian"):
        page = school.client(role).get(_url(school)).content.decode()
        assert SECRET not in page, role
        assert "Accommodations" not in page, role


def test_the_student_cannot_slip_accommodations_into_their_own_form(school: School) -> None:
    LearnerProfile.objects.create(student=school.a.student, accommodations=SECRET)
    school.client("student").post(_url(school), {"interests": "Chess", "accommodations": "none"})
    assert LearnerProfile.objects.get(student=school.a.student).accommodations == SECRET


def test_the_advisor_adds_dated_comments_that_the_family_reads(school: School) -> None:
    response = school.client("advisor").post(_url(school, "learner-comment"), {"body": "Great start to the year."})
    assert response.status_code == 302
    comment = ProfileComment.objects.get(student=school.a.student)
    assert comment.author == school.users["advisor"]
    page = school.client("guardian").get(_url(school)).content.decode()
    assert "Great start to the year." in page
    assert timezone.localtime(comment.created_at).strftime("%b %-d, %Y") in page  # the school's date, not UTC's
    assert school.client("teacher").post(_url(school, "learner-comment"), {"body": "x"}).status_code == 403
    assert school.client("student").post(_url(school, "learner-comment"), {"body": "x"}).status_code == 403
    assert school.client("advisor").post(_url(school, "learner-comment"), {"body": ""}).status_code == 400


def test_strengths_and_areas_come_from_the_students_levels(school: School) -> None:
    a = school.a
    record_score(student=a.student, indicator=a.indicator, value=4, scorer=a.teacher, assessment=a.assessment)
    a.assessment.indicators.add(a.other_indicator)
    record_score(student=a.student, indicator=a.other_indicator, value=2, scorer=a.teacher, assessment=a.assessment)
    found = strengths_and_areas(a.student)
    assert [r.indicator for r in found["strong_indicators"]] == [a.indicator]
    assert [r.indicator for r in found["grow_indicators"]] == [a.other_indicator]
    page = school.client("student").get(_url(school)).content.decode()
    assert "Strengths" in page and "Areas to grow" in page
    assert page.index(a.indicator.code) < page.index("Areas to grow") < page.index(a.other_indicator.code)


def test_a_guardian_who_also_teaches_elsewhere_in_the_school_does_not_see_accommodations(school: School) -> None:
    from proficio.accounts.models import Membership, Role

    LearnerProfile.objects.create(student=school.a.student, accommodations=SECRET)
    guardian = school.users["guardian"]
    Membership.objects.create(user=guardian, role=Role.TEACHER, school=school.a.school)
    assert SECRET not in school.client("guardian").get(_url(school)).content.decode()
    assert (
        school.client("guardian").post(_url(school, "learner-accommodations"), {"accommodations": "x"}).status_code
        == 403
    )
