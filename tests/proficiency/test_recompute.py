"""The result cache follows evidence and policy: incrementally in the scoring transaction, fully on demand."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from proficio.demo.writer import DemoResult
from proficio.evidence.models import Assessment, OutsideEvidence, Score
from proficio.evidence.services import correct_score, record_score
from proficio.proficiency.models import GraduationStatus, IndicatorResult, StandardResult
from proficio.proficiency.services import recompute_framework, recompute_student, stale_count
from proficio.standards.models import CalculationPolicy, Framework
from tests.factories import World, make_world

# Vendor-sensitive: graduation's missing list is a JSON field; savepoint rollbacks.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_demo_district"), pytest.mark.vendor_sensitive]


def _summative(world: World, title: str, on: date) -> Assessment:
    assessment = Assessment.objects.create(
        section=world.section, title=title, kind=Assessment.Kind.SUMMATIVE, assessed_on=on
    )
    assessment.indicators.set([world.indicator, world.other_indicator])
    return assessment


def _score(world: World, value: int, assessment: Assessment | None = None) -> Score:
    assessment = assessment or world.assessment
    return record_score(
        student=world.student, indicator=world.indicator, value=value, scorer=world.teacher, assessment=assessment
    )


def _result(world: World) -> IndicatorResult:
    return IndicatorResult.objects.get(student=world.student, indicator=world.indicator)


def _set_policy(world: World, **fields: object) -> None:
    policy = world.framework.policy
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.full_clean()
    policy.save()


def test_recording_a_score_computes_indicator_standard_and_graduation() -> None:
    world = make_world()
    _score(world, 3)
    result = _result(world)
    assert result.value == 3.0
    assert result.level is not None and result.level.label == "Meets"
    assert result.is_proficient
    assert result.evidence_count == 1
    standard = StandardResult.objects.get(student=world.student, standard=world.standard)
    # One of the standard's two indicators has a level; the default policy needs all of them.
    assert standard.indicators_assessed == 1 and standard.indicators_total == 2
    assert standard.level is None
    graduation = GraduationStatus.objects.get(student=world.student, framework=world.framework)
    assert not graduation.met
    assert graduation.missing == ["ELA.1"]


def test_a_failed_transaction_leaves_no_result_behind() -> None:
    world = make_world()
    with pytest.raises(RuntimeError), transaction.atomic():
        record_score(
            student=world.student, indicator=world.indicator, value=3, scorer=world.teacher, assessment=world.assessment
        )
        assert IndicatorResult.objects.filter(student=world.student).exists()  # computed inside the transaction
        raise RuntimeError("the request failed after scoring")
    assert not IndicatorResult.objects.filter(student=world.student).exists()
    assert not Score.objects.filter(student=world.student).exists()


def test_scores_roll_up_to_graduation_once_every_indicator_is_proficient() -> None:
    world = make_world()
    second = _summative(world, "Second essay", date(2025, 11, 1))
    world.assessment.indicators.add(world.other_indicator)
    for indicator, first_value, second_value in [(world.indicator, 2, 4), (world.other_indicator, 3, 3)]:
        record_score(
            student=world.student,
            indicator=indicator,
            value=first_value,
            scorer=world.teacher,
            assessment=world.assessment,
        )
        record_score(
            student=world.student, indicator=indicator, value=second_value, scorer=world.teacher, assessment=second
        )
    # decaying_average(0.65): 2 then 4 → 0.35·2 + 0.65·4 = 3.3 → Meets; 3 then 3 → 3.
    assert _result(world).value == pytest.approx(3.3)
    standard = StandardResult.objects.get(student=world.student, standard=world.standard)
    assert standard.level is not None and standard.level.label == "Meets"
    assert GraduationStatus.objects.get(student=world.student).met


def test_a_correction_recomputes_with_the_new_value() -> None:
    world = make_world()
    score = record_score(
        student=world.student, indicator=world.indicator, value=2, scorer=world.teacher, assessment=world.assessment
    )
    assert _result(world).value == 2.0
    correct_score(score=score, value=4, scorer=world.teacher, reason="Misread the rubric row.")
    assert _result(world).value == 4.0
    assert _result(world).evidence_count == 1  # the superseded score no longer counts


def test_formative_scores_never_count() -> None:
    world = make_world()
    practice = Assessment.objects.create(
        section=world.section, title="Practice", kind=Assessment.Kind.FORMATIVE, assessed_on=date(2025, 9, 20)
    )
    practice.indicators.set([world.indicator])
    record_score(student=world.student, indicator=world.indicator, value=1, scorer=world.teacher, assessment=practice)
    assert not IndicatorResult.objects.filter(student=world.student, indicator=world.indicator).exists()


def test_turning_an_assessment_formative_removes_its_evidence() -> None:
    world = make_world()
    _score(world, 3)
    world.assessment.kind = Assessment.Kind.FORMATIVE
    world.assessment.save()
    assert not IndicatorResult.objects.filter(student=world.student, indicator=world.indicator).exists()


def test_outside_evidence_stops_counting_when_no_longer_accepted() -> None:
    world = make_world()
    evidence = OutsideEvidence.objects.create(
        student=world.student,
        kind=OutsideEvidence.Kind.INTERNSHIP,
        title="Newspaper internship",
        started_on=date(2025, 6, 1),
        completed_on=date(2025, 8, 1),
        status=OutsideEvidence.Status.VERIFIED,
        verified_by=world.teacher,
        verified_at=timezone.now(),
    )
    evidence.indicators.set([world.indicator])
    record_score(
        student=world.student, indicator=world.indicator, value=4, scorer=world.teacher, outside_evidence=evidence
    )
    assert _result(world).value == 4.0
    evidence.status = OutsideEvidence.Status.REJECTED
    evidence.save()
    assert not IndicatorResult.objects.filter(student=world.student, indicator=world.indicator).exists()


def test_too_little_evidence_is_insufficient_not_zero() -> None:
    world = make_world()
    _set_policy(world, minimum_evidence=2)
    _score(world, 3)
    result = _result(world)
    assert result.level is None and result.value is None
    assert result.evidence_count == 1
    assert not result.is_proficient


def test_changing_the_policy_recomputes_under_the_new_version() -> None:
    world = make_world()
    second = _summative(world, "Second essay", date(2025, 11, 1))
    _score(world, 4)
    _score(world, 2, second)
    before = _result(world)
    assert before.value == pytest.approx(0.35 * 4 + 0.65 * 2)
    _set_policy(world, method="highest")
    after = _result(world)
    assert after.value == 4.0
    assert after.policy_version == before.policy_version + 1
    assert stale_count(Framework.objects.get(pk=world.framework.pk)) == 0


def test_work_habits_never_enter_graduation() -> None:
    world = make_world()
    record_score(
        student=world.student,
        indicator=world.habit_indicator,
        value=1,
        scorer=world.teacher,
        assessment=world.assessment,
    )
    habit = IndicatorResult.objects.get(student=world.student, indicator=world.habit_indicator)
    assert habit.level is not None and habit.level.scale == world.framework.work_habit_scale
    assert GraduationStatus.objects.get(student=world.student).missing == ["ELA.1"]


def test_full_recompute_is_idempotent(demo_district: DemoResult) -> None:
    framework = Framework.objects.get()
    assert IndicatorResult.objects.exists()  # the demo writer computed everything
    report = recompute_framework(framework)
    assert report.changed == 0
    assert report.unchanged == (
        IndicatorResult.objects.count() + StandardResult.objects.count() + GraduationStatus.objects.count()
    )


def test_full_recompute_repairs_a_damaged_cache(demo_district: DemoResult) -> None:
    framework = Framework.objects.get()
    victim = IndicatorResult.objects.filter(level__isnull=False).first()
    assert victim is not None
    IndicatorResult.objects.filter(pk=victim.pk).update(value=0.5)
    doomed = list(IndicatorResult.objects.exclude(pk=victim.pk).values_list("pk", flat=True)[:3])
    IndicatorResult.objects.filter(pk__in=doomed).delete()
    report = recompute_framework(framework)
    assert report.by_table["indicator results"][:3] == (3, 1, 0)
    assert recompute_framework(framework).changed == 0


def _snapshot() -> dict[str, set[tuple[object, ...]]]:
    return {
        "indicators": set(
            IndicatorResult.objects.values_list(
                "student_id", "indicator_id", "value", "level_id", "is_proficient", "evidence_count"
            )
        ),
        "standards": set(
            StandardResult.objects.values_list(
                "student_id", "standard_id", "value", "level_id", "is_proficient", "indicators_assessed"
            )
        ),
        "graduation": {
            (s, f, met, tuple(missing))
            for s, f, met, missing in GraduationStatus.objects.values_list(
                "student_id", "framework_id", "met", "missing"
            )
        },
    }


@pytest.mark.parametrize("method", ["decaying_average", "power_law", "n_of_m", "mode"])
def test_incremental_and_full_recompute_agree(demo_district: DemoResult, method: str) -> None:
    framework = Framework.objects.get()
    policy = CalculationPolicy.objects.get(framework=framework)
    policy.method = method
    policy.parameters = {}
    policy.rollup = "all_proficient" if method == "mode" else "mean"
    policy.minimum_share_assessed = "0.60"
    policy.save()  # the signal recomputes with the columnar engine
    full = _snapshot()
    indicators = list(framework.standards.values_list("indicators", flat=True))
    for student_id in set(IndicatorResult.objects.values_list("student_id", flat=True)):
        recompute_student(student_id, indicators)  # the scalar engine, one student at a time
    assert _snapshot() == full


def test_recompute_command_reports_and_changes_nothing_the_second_time(demo_district: DemoResult) -> None:
    out = StringIO()
    call_command("recompute", stdout=out)
    text = out.getvalue()
    assert "indicator" in text and "graduation" in text
    assert IndicatorResult.objects.count() > 0
    assert recompute_framework(Framework.objects.get()).changed == 0


def test_a_cached_level_explains_itself_with_titles_and_dates() -> None:
    from proficio.proficiency.explanations import indicator_explanation, standard_explanation

    world = make_world()
    _set_policy(world, method="most_recent", parameters={})
    second = _summative(world, "Second essay", date(2025, 11, 4))
    _score(world, 2)
    _score(world, 3, second)
    explanation = indicator_explanation(world.student, world.indicator)
    assert explanation.sentence == (
        "Your level for *Analyze* is 3 – Meets. We use your most recent evidence: "
        "“Second essay” on November 4, scored 3. Earlier scores (2) show how you got there."
    )
    for_family = indicator_explanation(world.student, world.indicator, for_student=False)
    assert for_family.sentence.startswith("Sam's level for *Analyze* is 3 – Meets.")
    standard = standard_explanation(world.student, world.standard)
    assert "1 of its 2 indicators has a level, and at least 2 are needed" in standard.sentence


def test_a_new_indicator_is_seen_by_the_next_recording() -> None:
    from proficio.standards.models import PerformanceIndicator

    world = make_world()
    _score(world, 3)
    assert StandardResult.objects.get(student=world.student, standard=world.standard).indicators_total == 2
    added = PerformanceIndicator.objects.create(standard=world.standard, code="ELA.1.3", statement="Summarize.")
    world.assessment.indicators.add(added)
    record_score(student=world.student, indicator=added, value=4, scorer=world.teacher, assessment=world.assessment)
    standard = StandardResult.objects.get(student=world.student, standard=world.standard)
    assert (standard.indicators_assessed, standard.indicators_total) == (2, 3)


def test_framework_revision_changes_with_its_structure_and_policy() -> None:
    world = make_world()
    before = Framework.objects.get(pk=world.framework.pk).revision
    world.indicator.statement = "Analyze closely."
    world.indicator.save()
    after_indicator = Framework.objects.get(pk=world.framework.pk).revision
    _set_policy(world, method="mean", parameters={})
    after_policy = Framework.objects.get(pk=world.framework.pk).revision
    assert len({before, after_indicator, after_policy}) == 3
