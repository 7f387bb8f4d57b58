"""The planned district lands in the database complete and consistent."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from proficio.accounts.models import Membership, Role, User
from proficio.demo.plan import SCHOOL_YEAR, DistrictPlan
from proficio.demo.writer import DemoResult
from proficio.evidence.models import Assessment, OutsideEvidence, Score
from proficio.insights.models import CohortOutcome, Outcome
from proficio.proficiency.models import GraduationStatus
from proficio.roster.models import AcademicSession, Enrollment, GuardianLink, Section, Student
from proficio.standards.models import Framework, ScoringCriterion, Standard
from tests.conftest import DEMO_TEST_PASSWORD
from tests.demo.standing import standards_met

# Vendor-sensitive: the demo runs on the embedded SQLite; it bulk-creates through the score triggers.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_demo_district"), pytest.mark.vendor_sensitive]


def test_it_writes_every_planned_record(demo_district: DemoResult, small_plan: DistrictPlan) -> None:
    assert Student.objects.filter(is_active=True).count() == len(small_plan.students)
    assert Student.objects.filter(is_active=False).count() == len(small_plan.past_students)
    assert CohortOutcome.objects.count() == len(small_plan.outcomes)
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
    roles = ["district_admin", "school_leader", "teacher", "advisor", "coach", "student", "guardian"]
    for role in [*roles, "leadership_team", "network_staff"]:
        user = User.objects.get(username=demo_district.usernames[role][0])
        assert user.check_password(DEMO_TEST_PASSWORD), role
    coach = demo_district.usernames["coach"][0]
    assert Membership.objects.filter(role=Role.COACH, user__username=coach).count() == 2  # the district's two schools
    this_year = Section.objects.filter(session__school_year=SCHOOL_YEAR)
    assert Enrollment.objects.filter(role="teacher", primary=True).count() == this_year.count()


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


def test_every_school_year_has_its_terms_and_sections(demo_district: DemoResult, small_plan: DistrictPlan) -> None:
    years = AcademicSession.objects.filter(kind=AcademicSession.Kind.SCHOOL_YEAR).order_by("school_year")
    assert [y.school_year for y in years] == list(small_plan.school_years) == [2023, 2024, 2025, 2026]
    for year in years:
        semesters = year.children.filter(kind=AcademicSession.Kind.SEMESTER)
        assert semesters.count() == 2
        for semester in semesters:
            quarters = semester.children.filter(kind=AcademicSession.Kind.GRADING_PERIOD)
            assert quarters.count() == 2
            assert all(year.start_date <= q.start_date < q.end_date <= year.end_date for q in quarters)
    planned = Counter(s.school_year for s in small_plan.sections)
    assert dict(Counter(Section.objects.values_list("session__school_year", flat=True))) == planned


def test_earlier_sections_enrol_their_students_for_the_year_and_no_teacher(demo_district: DemoResult) -> None:
    earlier = Section.objects.exclude(session__school_year=SCHOOL_YEAR).select_related("session")
    assert earlier.exists()
    for section in earlier:
        enrolled = section.enrollments.all()
        assert {e.role for e in enrolled} == {Enrollment.Role.STUDENT}
        assert {(e.begin_date, e.end_date) for e in enrolled} == {
            (section.session.start_date, section.session.end_date)
        }
        assert section.assessments.exists()


def test_past_classes_are_inactive_students_with_an_outcome(
    demo_district: DemoResult, small_plan: DistrictPlan
) -> None:
    past = Student.objects.filter(is_active=False).select_related("user", "cohort_outcome")
    assert past.count() == len(small_plan.past_students) > 0
    for student in past:
        assert not student.user.is_active
        assert student.cohort_outcome.outcome != Outcome.STILL_ENROLLED
        assert student.cohort_outcome.cohort < SCHOOL_YEAR
    # A past class's students still at school are this year's fifth-year seniors.
    still = CohortOutcome.objects.filter(outcome=Outcome.STILL_ENROLLED).select_related("student")
    assert all(o.student.is_active and o.student.grade == 12 for o in still)


def test_graduation_status_is_what_the_plan_makes_it(demo_district: DemoResult, small_plan: DistrictPlan) -> None:
    """The recompute, from the written evidence, agrees to the student with tests/demo/standing.py, which
    test_realism.py uses on the full-size plan."""
    numbers = {s.person.key: s.student_number for s in small_plan.students}
    written = dict(
        GraduationStatus.objects.filter(student__is_active=True).values_list("student__student_number", "standards_met")
    )
    assert {numbers[key]: met for key, met in standards_met(small_plan).items()} == written
    seniors = [written[s.student_number] for s in small_plan.students if s.grade == 12]
    assert min(seniors) > 0, "seniors have met standards in their earlier years"


def test_a_score_recorded_after_the_demo_gets_an_id_of_its_own(demo_district: DemoResult) -> None:
    """The demo gives its scores their ids; the table's own sequence carries on after them."""
    original = Score.objects.current().filter(assessment__isnull=False).order_by("-pk").first()
    assert original is not None
    correction = Score.objects.create(
        student=original.student,
        assessment=original.assessment,
        indicator=original.indicator,
        value=Decimal(4 if original.value != 4 else 3),
        scorer=original.scorer,
        supersedes=original,
        reason="Rescored with the common rubric.",
    )
    assert correction.pk > original.pk
    assert Score.history.filter(id=correction.pk).count() == 1
