"""The teacher's list of students still lacking evidence as the term closes."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from proficio.evidence.models import Assessment
from proficio.evidence.services import record_score
from proficio.proficiency.evidence_gaps import closing_term, evidence_gaps
from proficio.roster.models import AcademicSession, Section
from tests.factories import World, make_world

pytestmark = pytest.mark.django_db


def _quarters(world: World) -> tuple[AcademicSession, AcademicSession]:
    year = world.section.session
    q1 = AcademicSession.objects.create(
        district=world.district,
        title="Quarter 1",
        kind=AcademicSession.Kind.GRADING_PERIOD,
        parent=year,
        school_year=2026,
        start_date=date(2025, 8, 27),
        end_date=date(2025, 10, 31),
    )
    q2 = AcademicSession.objects.create(
        district=world.district,
        title="Quarter 2",
        kind=AcademicSession.Kind.GRADING_PERIOD,
        parent=year,
        school_year=2026,
        start_date=date(2025, 11, 3),
        end_date=date(2026, 1, 23),
    )
    return q1, q2


def test_the_closing_term_is_the_one_running_else_the_last_ended() -> None:
    world = make_world()
    q1, q2 = _quarters(world)
    year = world.section.session
    assert closing_term(year, date(2025, 10, 20)).session == q1
    assert closing_term(year, date(2025, 10, 20)).days_left == 11
    assert closing_term(year, date(2025, 11, 1)).session == q1  # the weekend between quarters
    assert closing_term(year, date(2025, 11, 1)).ended
    assert closing_term(year, date(2025, 12, 1)).session == q2


def test_students_without_a_level_on_summatively_assessed_indicators_are_listed() -> None:
    world = make_world()
    sections = Section.objects.filter(pk=world.section.pk)
    # The factory's assessment is summative on ELA.1.1 and a work habit; work habits are not listed.
    term, gaps, total = evidence_gaps(sections, as_of=date(2025, 10, 20))
    assert term is not None and term.session == world.section.session
    assert total == 1 and [i.code for i in gaps[0].indicators] == ["ELA.1.1"]
    record_score(
        student=world.student, indicator=world.indicator, value=3, scorer=world.teacher, assessment=world.assessment
    )
    assert evidence_gaps(sections, as_of=date(2025, 10, 20))[2] == 0


def test_formative_assessments_do_not_create_gaps() -> None:
    world = make_world()
    record_score(
        student=world.student, indicator=world.indicator, value=3, scorer=world.teacher, assessment=world.assessment
    )
    check = Assessment.objects.create(section=world.section, title="Warm-up", kind=Assessment.Kind.FORMATIVE)
    check.indicators.set([world.other_indicator])
    assert evidence_gaps(Section.objects.filter(pk=world.section.pk))[2] == 0


def test_the_teacher_home_shows_the_gaps_and_the_term() -> None:
    world = make_world()
    _quarters(world)
    client = Client()
    assert client.login(username=world.teacher.username, password="a-long-test-password")
    page = client.get("/").content.decode()
    assert "Evidence still missing" in page and "Quarter 2" in page  # today is after both quarters
    assert str(world.student) in page and "ELA.1.1" in page
