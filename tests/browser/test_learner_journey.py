"""A student sets a goal and asks to show what they know on an indicator of their learning path; the teacher
accepts. Every page is checked with axe-core and left as a screenshot in test-artifacts/."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from proficio.evidence.services import record_score
from proficio.learners.models import AssessmentRequest, Goal, LearnerProfile, PathStep
from tests.browser.conftest import axe_violations, log_in, screenshot
from tests.learners.conftest import School, build_school

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"  # tests.factories.make_user


@pytest.fixture
def school(flushable_scores: None) -> School:
    return build_school()


def _serious(page: Page) -> list[str]:
    return [str(v["id"]) for v in axe_violations(page) if v.get("impact") in ("serious", "critical")]


def test_a_student_sets_a_goal_and_asks_to_retake_an_indicator(page: Page, live_server: object, school: School) -> None:
    base = str(live_server)
    a = school.a
    step = PathStep.objects.create(section=a.section, indicator=a.indicator, position=1)
    step.options.create(title="Annotated model essay", kind="read", link="https://example.org/model-essay")
    step.options.create(title="Claim–evidence practice set", kind="practice", description="Three short prompts.")
    PathStep.objects.create(section=a.section, indicator=a.other_indicator, position=2)
    record_score(student=a.student, indicator=a.indicator, value=2, scorer=a.teacher, assessment=a.assessment)
    LearnerProfile.objects.create(student=a.student, interests="Robotics club, soccer", accommodations="Extended time")

    log_in(page, base, a.student.user.username, PASSWORD)
    page.goto(f"{base}/students/{a.student.pk}/profile/")
    expect(page.get_by_role("heading", name="Your learner profile")).to_be_visible()
    expect(page.get_by_text("Extended time")).to_have_count(0)  # accommodations are for staff
    assert _serious(page) == []
    screenshot(page, "learner-profile")

    page.get_by_role("link", name="Goals", exact=True).click()
    page.get_by_label("My goal").fill("Back every claim with two pieces of evidence")
    page.get_by_label("What it is about").select_option(label=f"{a.indicator.code} {a.indicator.statement}")
    page.get_by_label("How I will know").fill("Two cited pieces of evidence in my next essay")
    page.get_by_label("By when").fill((timezone.localdate() + timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Set goal").click()
    expect(page.get_by_role("heading", name="Back every claim with two pieces of evidence")).to_be_visible()
    goal = Goal.objects.get(student=a.student)
    assert goal.indicator == a.indicator
    page.get_by_label("New checkpoint").fill("Draft with sources marked")
    page.get_by_label("Date", exact=True).fill((timezone.localdate() + timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Add checkpoint").click()
    expect(page.get_by_role("button", name=re.compile("Mark done.*Draft with sources marked"))).to_be_visible()
    assert _serious(page) == []
    screenshot(page, "learner-goals")

    page.get_by_role("link", name=f"Path: {a.section.course.title}").click()
    expect(page.get_by_role("heading", name="Your pace")).to_be_visible()
    first = page.locator(f"#step-{step.pk}")
    first.get_by_text("Show what I know").click()
    first.get_by_label("Let me retake it").check()
    first.get_by_label("Note to your teacher").fill("I did the practice set and rewrote my essay.")
    first.get_by_role("button", name=re.compile(f"Send request.*{re.escape(a.indicator.code)}")).click()
    expect(page.locator(f"#step-{step.pk}")).to_contain_text("waiting for your teacher")
    req = AssessmentRequest.objects.get(student=a.student)
    assert (req.indicator, req.kind, req.status) == (a.indicator, "retake", "pending")
    assert _serious(page) == []
    screenshot(page, "learner-path")

    # The teacher sees it on their home page and accepts it for a date.
    page.get_by_role("button", name="Log out").click()
    log_in(page, base, a.teacher.username, PASSWORD)
    assert _serious(page) == []
    screenshot(page, "learner-teacher-home")
    page.get_by_role("link", name=f"{a.student} · {a.indicator.code}").click()
    on = (timezone.localdate() + timedelta(days=3)).isoformat()
    page.get_by_label(f"Assess on ({a.student}, {a.indicator.code})").fill(on)
    assert _serious(page) == []
    screenshot(page, "learner-requests")
    page.get_by_role("button", name=re.compile(f"Accept.*{re.escape(a.indicator.code)}")).click()
    expect(page.get_by_text("Scheduled")).to_be_visible()
    req.refresh_from_db()
    assert req.assessment is not None and list(req.assessment.retakers.all()) == [a.student]
    page.goto(f"{base}/sections/{a.section.pk}/path/")
    assert _serious(page) == []
    screenshot(page, "learner-path-teacher")
    page.get_by_role("button", name="Log out").click()

    # The advisor sees the goal coming up on their home page, opens the profile and leaves a comment.
    log_in(page, base, school.users["advisor"].username, PASSWORD)
    advisees = page.locator("#panel-advisor")
    expect(advisees).to_contain_text("Back every claim with two pieces of evidence")
    assert _serious(page) == []
    screenshot(page, "learner-advisor-home")
    advisees.get_by_role("link", name=str(a.student)).click()
    expect(page.get_by_role("textbox", name="Accommodations")).to_have_value("Extended time")
    page.get_by_role("textbox", name="Comment").fill("Strong plan. Let's check in after the retake.")
    page.get_by_role("button", name="Add comment").click()
    expect(page.locator(".comments")).to_contain_text("Strong plan.")
    assert _serious(page) == []
    screenshot(page, "learner-profile-advisor")
    page.get_by_role("button", name="Log out").click()

    # A guardian reads the goals (and the advisor's comment) but has nothing to edit.
    log_in(page, base, school.users["guardian"].username, PASSWORD)
    page.goto(f"{base}/students/{a.student.pk}/goals/")
    expect(page.get_by_role("heading", name="Back every claim with two pieces of evidence")).to_be_visible()
    expect(page.get_by_role("button", name="Set goal")).to_have_count(0)
    assert _serious(page) == []
    screenshot(page, "learner-goals-guardian")
    page.get_by_role("button", name="Log out").click()
