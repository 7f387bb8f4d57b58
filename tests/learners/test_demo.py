"""The demo district's featured accounts have learner data to show on their first login."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from proficio.accounts.models import User
from proficio.demo.writer import DemoResult
from proficio.learners.models import AssessmentRequest, Goal, LearnerProfile, PathStep
from proficio.roster.models import Enrollment, Section
from tests.conftest import DEMO_TEST_PASSWORD

pytestmark = pytest.mark.django_db


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=DEMO_TEST_PASSWORD)
    return client


def test_the_featured_accounts_have_paths_goals_and_requests(demo_district: DemoResult) -> None:
    student = User.objects.get(username=demo_district.usernames["student"][0]).student_profile
    teacher = User.objects.get(username=demo_district.usernames["teacher"][0])
    taught = Section.objects.filter(enrollments__user=teacher, enrollments__role=Enrollment.Role.TEACHER)
    assert PathStep.objects.filter(section__in=taught).exists()
    assert LearnerProfile.objects.filter(student=student).exists()
    assert Goal.objects.filter(student__advisories__advisor__username=demo_district.usernames["advisor"][0]).exists()
    assert AssessmentRequest.objects.filter(status=AssessmentRequest.Status.PENDING).exists()

    page = _client(student.user.username).get(reverse("learner-profile", args=[student.pk]))
    assert page.status_code == 200
    section = Section.objects.filter(enrollments__user=student.user, path_steps__isnull=False).first()
    assert section is not None
    assert _client(student.user.username).get(reverse("learning-path", args=[section.pk])).status_code == 200
    home = _client(demo_district.usernames["advisor"][0]).get("/").content.decode()
    assert "Reach proficient on" in home
