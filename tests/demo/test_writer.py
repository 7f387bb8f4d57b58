"""The planned district lands in the database complete and consistent."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from proficio.accounts.models import Membership, Role, User
from proficio.demo.plan import DistrictPlan
from proficio.demo.writer import DemoResult
from proficio.evidence.models import Assessment, OutsideEvidence, Score
from proficio.roster.models import Enrollment, GuardianLink, Section, Student
from proficio.standards.models import Framework, ScoringCriterion, Standard
from tests.conftest import DEMO_TEST_PASSWORD

# Vendor-sensitive: the demo runs on the embedded SQLite; it bulk-creates through the score triggers.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_demo_district"), pytest.mark.vendor_sensitive]


def test_it_writes_every_planned_record(demo_district: DemoResult, small_plan: DistrictPlan) -> None:
    assert Student.objects.count() == len(small_plan.students)
    assert Section.objects.count() == len(small_plan.sections)
    assert Assessment.objects.count() == len(small_plan.assessments)
    corrections = sum(1 for s in small_plan.scores if s.corrected_to is not None)
    outside = sum(len(o.indicator_codes) for o in small_plan.outside_evidence)
    assert Score.objects.count() == len(small_plan.scores) + corrections + outside
    assert Score.objects.filter(supersedes__isnull=False).count() == corrections
    assert Score.objects.current().count() == len(small_plan.scores) + outside
    assert GuardianLink.objects.count() == sum(len(g.student_keys) for g in small_plan.guardians)
    assert OutsideEvidence.objects.filter(status="verified").count() == len(small_plan.outside_evidence)


def test_scores_keep_their_history(demo_district: DemoResult) -> None:
    assert Score.history.count() == Score.objects.count()


def test_the_framework_has_the_required_shape(demo_district: DemoResult) -> None:
    framework = Framework.objects.get()
    standards = framework.standards
    assert standards.filter(kind=Standard.Kind.CROSS_CURRICULAR).count() == 6
    areas = Counter(standards.filter(kind=Standard.Kind.CONTENT_AREA).values_list("content_area", flat=True))
    assert len(areas) >= 5 and all(5 <= n <= 8 for n in areas.values())
    for standard in standards.exclude(kind=Standard.Kind.WORK_HABIT):
        assert 5 <= standard.indicators.count() <= 10
    assert framework.scale.threshold is not None and framework.scale.threshold.value == Decimal(3)
    assert framework.work_habit_scale is not None
    assert ScoringCriterion.objects.count() == 4 * sum(s.indicators.count() for s in standards.all())
    assert framework.policy.method == "decaying_average"


def test_every_score_is_on_its_scale_and_aligned(demo_district: DemoResult) -> None:
    for score in Score.objects.select_related("indicator__standard__framework", "assessment")[:300]:
        assert score.indicator.scale.levels.filter(value=score.value).exists()
        if score.assessment:
            assert score.assessment.indicators.filter(pk=score.indicator_id).exists()


def test_each_role_can_log_in(demo_district: DemoResult) -> None:
    for role in ["district_admin", "school_leader", "teacher", "advisor", "coach", "student", "guardian"]:
        user = User.objects.get(username=demo_district.usernames[role][0])
        assert user.check_password(DEMO_TEST_PASSWORD), role
    assert Membership.objects.filter(role=Role.COACH).count() == 2
    assert Enrollment.objects.filter(role="teacher", primary=True).count() == Section.objects.count()


def test_the_command_refuses_to_overwrite_a_district(demo_district: DemoResult) -> None:
    with pytest.raises(CommandError, match="already holds a district"):
        call_command("demo", students=10)


def test_the_command_leaves_existing_data_when_asked(
    demo_district: DemoResult, capsys: pytest.CaptureFixture[str]
) -> None:
    before = Score.objects.count()
    call_command("demo", students=10, if_empty=True)
    assert Score.objects.count() == before
    assert "already present" in capsys.readouterr().out


def test_retakes_are_given_to_exactly_the_students_scored_on_them(demo_district: DemoResult) -> None:
    retakes = Assessment.objects.filter(retake_of__isnull=False).prefetch_related("retakers")
    assert retakes.exists()
    for retake in retakes:
        scored = set(Score.objects.filter(assessment=retake).values_list("student_id", flat=True))
        assert {s.pk for s in retake.retakers.all()} == scored
