""" "Show what I know": the student asks, the section's teacher accepts (an assessment for that student only)
or declines with a reason, and the student sees the answer."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from proficio.evidence.models import Assessment
from proficio.learners.models import AssessmentRequest, PathStep
from tests.learners.conftest import School

pytestmark = pytest.mark.django_db


def _ask(school: School, indicator_id: int, kind: str = "retake", note: str = "I practised.") -> int:
    url = reverse("learner-request", args=[school.a.student.pk])
    data = {"section": school.a.section.pk, "indicator": indicator_id, "kind": kind, "note": note}
    return school.client("student").post(url, data).status_code


def _answer(school: School, req: AssessmentRequest, role: str = "teacher", **data: str) -> int:
    url = reverse("section-requests", args=[school.a.section.pk])
    return school.client(role).post(url, {"request": req.pk, **data}).status_code


def test_accepting_a_retake_creates_an_assessment_for_that_student_alone(school: School) -> None:
    a = school.a
    assert _ask(school, a.indicator.pk) == 302
    req = AssessmentRequest.objects.get()
    assert (req.student, req.section, req.status) == (a.student, a.section, AssessmentRequest.Status.PENDING)
    assert req.note == "I practised."
    home = school.client("teacher").get("/").content.decode()
    assert "Show what I know" in home and a.indicator.code in home

    assert _answer(school, req, "other_teacher", decision="accept", **{f"r{req.pk}-on": "2026-02-02"}) == 404
    assert _answer(school, req, decision="accept", **{f"r{req.pk}-on": "2026-02-02"}) == 302
    req.refresh_from_db()
    assert req.status == AssessmentRequest.Status.ACCEPTED and req.decided_by == a.teacher
    assessment = req.assessment
    assert assessment is not None
    assert list(assessment.retakers.all()) == [a.student]
    assert list(assessment.indicators.all()) == [a.indicator]
    assert assessment.retake_of == a.assessment  # the latest summative on that indicator
    assert assessment.assessed_on == date(2026, 2, 2) and assessment.kind == Assessment.Kind.SUMMATIVE
    assert [s.pk for s in assessment.students()] == [a.student.pk]
    page = school.client("student").get(reverse("learning-path", args=[a.section.pk])).content.decode()
    assert "Scheduled for" in page and "Feb 2" in page


def test_an_on_demand_request_with_no_earlier_assessment_is_still_for_that_student_alone(school: School) -> None:
    a = school.a
    PathStep.objects.create(section=a.section, indicator=a.other_indicator, position=1)
    assert _ask(school, a.other_indicator.pk, kind="on_demand") == 302
    req = AssessmentRequest.objects.get()
    assert _answer(school, req, decision="accept", **{f"r{req.pk}-on": "2026-02-02"}) == 302
    req.refresh_from_db()
    assert req.assessment is not None and req.assessment.retake_of is None
    assert list(req.assessment.retakers.all()) == [a.student]


def test_declining_needs_a_reason_and_keeps_it(school: School) -> None:
    assert _ask(school, school.a.indicator.pk) == 302
    req = AssessmentRequest.objects.get()
    assert _answer(school, req, decision="decline", **{f"r{req.pk}-reason": ""}) == 400
    req.refresh_from_db()
    assert req.status == AssessmentRequest.Status.PENDING
    reason = "Finish the practice set first, then ask again."
    assert _answer(school, req, decision="decline", **{f"r{req.pk}-reason": reason}) == 302
    req.refresh_from_db()
    assert (req.status, req.reason, req.assessment) == (AssessmentRequest.Status.DECLINED, reason, None)
    assert not Assessment.objects.filter(retakers=school.a.student).exists()
    page = school.client("student").get(reverse("learning-path", args=[school.a.section.pk])).content.decode()
    assert "Declined" in page and reason in page
    # Answered once: a second answer changes nothing.
    _answer(school, req, decision="accept", **{f"r{req.pk}-on": "2026-02-02"})
    req.refresh_from_db()
    assert req.status == AssessmentRequest.Status.DECLINED


@pytest.mark.vendor_sensitive  # a partial unique index raises IntegrityError
def test_one_pending_request_per_indicator_and_only_for_what_the_section_offers(school: School) -> None:
    assert _ask(school, school.a.indicator.pk) == 302
    assert _ask(school, school.a.indicator.pk) == 302  # told it is already waiting
    assert AssessmentRequest.objects.count() == 1
    assert _ask(school, school.a.other_indicator.pk) == 404  # neither on the path nor assessed in the section
    other = reverse("learner-request", args=[school.a.student.pk])
    data = {"section": school.other_section.pk, "indicator": school.a.indicator.pk, "kind": "retake"}
    assert school.client("student").post(other, data).status_code == 404  # not their section
    assert school.client("guardian").post(other, data).status_code == 403
