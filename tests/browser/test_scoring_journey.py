"""A teacher scores a whole class by keyboard, sees the levels in the gradebook, and corrects a score."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from proficio.accounts.models import User
from proficio.demo.writer import DemoResult
from proficio.evidence.models import Assessment, Score
from proficio.proficiency.gradebook import section_indicators
from proficio.proficiency.models import IndicatorResult
from proficio.roster.enrolled import section_students
from tests.browser.conftest import axe_violations, log_in, screenshot
from tests.conftest import DEMO_TEST_PASSWORD
from tests.factories import first_scored_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_teacher_scores_a_class_by_keyboard_and_corrects_a_score(
    page: Page, live_server: object, teaching_district: DemoResult
) -> None:
    base = str(live_server)
    teacher = User.objects.get(username=teaching_district.usernames["teacher"][0])
    section = first_scored_section(teacher)
    indicator = section_indicators(section)[0]
    students = section_students(section)
    assert len(students) >= 2

    # Create the assessment through the form.
    log_in(page, base, teacher.username, DEMO_TEST_PASSWORD)
    page.goto(f"{base}/sections/{section.pk}/gradebook/")
    page.get_by_role("link", name="New assessment").click()
    assert [v["id"] for v in axe_violations(page) if v.get("impact") in ("serious", "critical")] == []
    page.get_by_label("Title").fill("Exit ticket: theme")
    page.get_by_label("Date").fill(date(2026, 6, 10).isoformat())
    page.get_by_label("Summative").check()
    group = page.locator("details", has_text=indicator.standard.code)
    if group.get_attribute("open") is None:  # the first standard's group is open already
        group.locator("summary").click()
    page.get_by_label(f"{indicator.code} {indicator.statement}").check()
    screenshot(page, "assessment-form")
    page.get_by_role("button", name="Create and start scoring").click()
    assessment = Assessment.objects.get(section=section, title="Exit ticket: theme")
    assert list(assessment.indicators.all()) == [indicator] and assessment.kind == Assessment.Kind.SUMMATIVE
    expect(page).to_have_url(f"{base}/assessments/{assessment.pk}/score/")
    first = page.get_by_label(f"{students[0]}, {indicator.code}")
    expect(first).to_be_focused()  # the first cell has focus on arrival: no keystroke needed
    assert [v["id"] for v in axe_violations(page) if v.get("impact") in ("serious", "critical")] == []

    levels = ["3", "2", "4", "1"]
    keystrokes = 0
    for n in range(len(students)):
        page.keyboard.press(levels[n % 4])
        keystrokes += 1
    for student in students:
        expect(page.get_by_label(f"{student}, {indicator.code}")).to_have_attribute("data-state", "saved")
    expect(page.locator("#progress")).to_contain_text(f"{len(students)} of {len(students)} scored")
    assert keystrokes == len(students)
    screenshot(page, "scoring")
    recorded = {s.student_id: s.value for s in Score.objects.filter(assessment=assessment)}
    assert {student.pk: f"{recorded[student.pk].normalize():f}" for student in students} == {
        student.pk: levels[n % 4] for n, student in enumerate(students)
    }

    # Correct the first student's score: typing a new level asks why, and the old score stays in history.
    first.focus()
    page.keyboard.press("4")
    dialog = page.get_by_role("dialog", name="Feedback")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Why are you changing this score?").fill("Re-read the rubric: the thesis is fully developed.")
    dialog.get_by_role("button", name="Save").click()
    expect(first).to_have_attribute("data-state", "saved")
    expect(first).to_have_value("4")
    correction = Score.objects.get(assessment=assessment, student=students[0], supersedes__isnull=False)
    assert correction.value == 4 and "thesis" in correction.reason
    assert Score.objects.filter(assessment=assessment, student=students[0]).count() == 2

    # The gradebook shows the new level, and its cell explains it.
    page.goto(f"{base}/sections/{section.pk}/gradebook/")
    result = IndicatorResult.objects.select_related("level").get(student=students[0], indicator=indicator)
    cell = page.get_by_label(f"{students[0]}, {indicator.code}: {result.level}", exact=False)
    cell.click()
    expect(page.locator(".sentence")).to_contain_text("level for")
    expect(page.locator("tr.superseded")).to_contain_text("Exit ticket: theme")
    screenshot(page, "scoring-correction-explained")


def test_bulk_apply_fills_only_empty_cells_and_marks_absences(
    page: Page, live_server: object, teaching_district: DemoResult
) -> None:
    from proficio.evidence.models import NotAssessed

    base = str(live_server)
    teacher = User.objects.get(username=teaching_district.usernames["teacher"][0])
    section = first_scored_section(teacher)
    indicator = section_indicators(section)[0]
    assessment = Assessment.objects.create(
        section=section, title="Quick check", kind=Assessment.Kind.SUMMATIVE, assessed_on=date(2026, 6, 11)
    )
    assessment.indicators.set([indicator])
    first, second, third = section_students(section)[:3]
    log_in(page, base, teacher.username, DEMO_TEST_PASSWORD)
    page.goto(f"{base}/assessments/{assessment.pk}/score/")
    page.keyboard.press("4")  # the first student scored 4 by hand
    expect(page.get_by_label(f"{first}, {indicator.code}")).to_have_attribute("data-state", "saved")

    page.get_by_label(f"Select {first}").check()
    page.get_by_label(f"Select {second}").press("Space")
    page.get_by_role("group", name="Selected students").get_by_label("Level").select_option("2")
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.get_by_label(f"{second}, {indicator.code}")).to_have_attribute("data-state", "saved")
    expect(page.locator("#bulk-status")).to_contain_text("1 already had a different score")
    values = dict(Score.objects.filter(assessment=assessment).values_list("student_id", "value"))
    assert values == {first.pk: 4, second.pk: 2}  # the recorded 4 was not overwritten

    page.get_by_label(f"Select {first}").uncheck()
    page.get_by_label(f"Select {second}").uncheck()
    page.get_by_label(f"Select {third}").check()
    page.get_by_role("button", name="Mark selected not assessed").click()
    expect(page.locator(f'tr[data-student="{third.pk}"]')).to_have_class("absent")
    expect(page.locator(f'tr[data-student="{third.pk}"] .absent-badge')).to_be_visible()
    expect(page.locator(f'tr[data-student="{second.pk}"] .absent-badge')).to_be_hidden()
    assert NotAssessed.objects.filter(assessment=assessment, student=third).exists()
