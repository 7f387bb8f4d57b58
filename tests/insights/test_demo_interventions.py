"""The demo district shows interventions at work: a strategy library, plans in each state, cycles measured."""

from __future__ import annotations

import pytest

from proficio.demo.writer import DemoResult
from proficio.insights import interventions
from proficio.insights.models import ImprovementCycle, InterventionPlan, Strategy
from proficio.insights.strategies import SUGGESTED
from proficio.roster.models import School

pytestmark = pytest.mark.django_db


def test_the_demo_advisor_has_plans_that_worked_did_not_and_are_overdue(module_demo_district: DemoResult) -> None:
    advisor = module_demo_district.usernames["advisor"][0]
    plans = InterventionPlan.objects.filter(responsible__username=advisor)
    assert Strategy.objects.count() == len(SUGGESTED)
    assert plans.filter(goal_met=True).exists() and plans.filter(goal_met=False).exists()
    [open_one] = interventions.plan_lines(plans.filter(ended_on__isnull=True))
    assert open_one.overdue
    assert module_demo_district.counts["intervention plans"] == plans.count()


def test_every_demo_high_school_measures_an_improvement_cycle(module_demo_district: DemoResult) -> None:
    high_schools = School.objects.filter(highest_grade__gte=9, district__identifier="NRSD")  # not the partners'
    cycles = ImprovementCycle.objects.filter(school__in=high_schools)
    assert cycles.count() == high_schools.count() and all(c.value_before is not None for c in cycles)


def test_the_demo_high_school_shows_growth_between_last_year_s_semesters(module_demo_district: DemoResult) -> None:
    from proficio.insights import growth

    high = School.objects.filter(highest_grade__gte=9, district__identifier="NRSD").get()
    shown = growth.school_growth(school_ids=[high.pk])
    assert shown.pair is not None and shown.pair.previous.title.startswith("Semester 1")
    assert shown.figures is not None and shown.figures.all_students.pairs > 0
    assert module_demo_district.counts["snapshot rows"] > 0
