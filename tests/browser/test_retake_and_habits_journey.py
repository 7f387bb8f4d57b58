"""A teacher gives a retake to the students who need it, and scores today's work habits in one pass."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from proficio.accounts.models import User
from proficio.demo.writer import DemoResult
from proficio.evidence.models import Assessment, Score
from proficio.evidence.services import WORK_HABIT_CHECK_TITLE, students_needing_retake
from proficio.roster.enrolled import section_students
from tests.browser.conftest import axe_violations, log_in, screenshot
from tests.conftest import DEMO_TEST_PASSWORD
from tests.factories import first_scored_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _serious(page: Page) -> list[str]:
    return [str(v["id"]) for v in axe_violations(page) if v.get("impact") in ("serious", "critical")]


def test_choosing_the_original_ticks_the_students_who_need_the_retake(
    page: Page, live_server: object, teaching_district: DemoResult
) -> None:
    base = str(live_server)
    teacher = User.objects.get(username=teaching_district.usernames["teacher"][0])
    section = first_scored_section(teacher)
    everyone = section_students(section)
    # An original on which some, but not all, students are not yet proficient.
    candidates = Assessment.objects.filter(
        section=section, kind=Assessment.Kind.SUMMATIVE, retake_of__isnull=True
    ).order_by("assessed_on", "pk")
    original, needing = next((a, n) for a in candidates if 0 < len(n := students_needing_retake(a)) < len(everyone))
    log_in(page, base, teacher.username, DEMO_TEST_PASSWORD)
    page.goto(f"{base}/sections/{section.pk}/assessments/new/")
    title = f"June retake: {original.title}"  # the district may already hold a "Retake: …" of it
    page.get_by_label("Title").fill(title)
    page.get_by_label("Date").fill(date(2026, 6, 10).isoformat())
    page.get_by_label("Summative").check()
    indicator = original.indicators.select_related("standard").first()
    assert indicator is not None
    page.locator("details", has_text=indicator.standard.code).locator("summary").click()
    page.get_by_label(f"{indicator.code} {indicator.statement}").check()
    page.get_by_label("Re-assessment of").select_option(str(original.pk))  # htmx fetches the ticks
    expect(page.locator("#retakers")).to_contain_text(f"not yet proficient on “{original.title}”")
    for student in everyone:
        box = page.locator("#retakers").get_by_label(str(student), exact=True)
        expect(box).to_be_checked() if student in needing else expect(box).not_to_be_checked()
    assert _serious(page) == []
    screenshot(page, "retake-form")
    page.get_by_role("button", name="Create and start scoring").click()

    retake = Assessment.objects.get(section=section, title=title)
    assert retake.retake_of == original
    assert {s.pk for s in retake.retakers.all()} == {s.pk for s in needing}
    expect(page.locator("tbody tr")).to_have_count(len(needing))  # only the retaking students are on the grid


def test_one_click_opens_todays_work_habit_check_scored_by_keyboard(
    page: Page, live_server: object, teaching_district: DemoResult
) -> None:
    base = str(live_server)
    teacher = User.objects.get(username=teaching_district.usernames["teacher"][0])
    section = first_scored_section(teacher)
    students = section_students(section)
    log_in(page, base, teacher.username, DEMO_TEST_PASSWORD)
    page.goto(f"{base}/sections/{section.pk}/work-habits/")
    page.get_by_role("button", name="Score work habits today").press("Enter")
    check = Assessment.objects.get(section=section, title=WORK_HABIT_CHECK_TITLE)
    expect(page).to_have_url(f"{base}/assessments/{check.pk}/score/")
    habit = check.indicators.order_by("standard__position", "standard__code", "position", "code").first()
    assert habit is not None
    expect(page.get_by_label(f"{students[0]}, {habit.code}")).to_be_focused()
    for _ in students:
        page.keyboard.press("3")
    expect(page.get_by_label(f"{students[-1]}, {habit.code}")).to_have_attribute("data-state", "saved")
    assert Score.objects.filter(assessment=check, indicator=habit).count() == len(students)
    assert _serious(page) == []
    screenshot(page, "work-habit-check")
