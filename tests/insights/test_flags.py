"""Intervention flags, by hand: each rule raises a flag with its evidence in words, and closes by itself."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from proficio.accounts.models import Role
from proficio.evidence.models import Score
from proficio.insights.flags import school_flags
from proficio.proficiency.models import GraduationStatus, IndicatorResult
from tests.factories import make_world
from tests.insights.test_views import _client, _member

pytestmark = pytest.mark.django_db


def _result(world: object, indicator: object, value: int) -> None:
    level = world.framework.scale.levels.get(value=value)  # type: ignore[attr-defined]
    IndicatorResult.objects.update_or_create(
        student=world.student,  # type: ignore[attr-defined]
        indicator=indicator,
        defaults={
            "framework": world.framework,
            "value": value,
            "level": level,  # type: ignore[attr-defined]
            "is_proficient": value >= 3,
            "policy_version": 1,
        },
    )


def test_each_rule_raises_its_flag_with_the_evidence_in_words() -> None:
    world = make_world()
    _result(world, world.indicator, 2)
    _result(world, world.other_indicator, 1)
    Score.objects.create(  # scores are append-only: this one is recorded six weeks ago
        student=world.student,
        indicator=world.indicator,
        assessment=world.assessment,
        value=Decimal(2),
        scorer=world.teacher,
        scored_at=timezone.now() - timedelta(weeks=6),
    )
    world.student.grade = 11
    world.student.save()
    GraduationStatus.objects.update_or_create(  # the engine keeps one; say this student has met none of one
        student=world.student,
        framework=world.framework,
        defaults={"standards_required": 1, "standards_met": 0, "missing": ["ELA.1"], "policy_version": 1},
    )
    flags = {flag.rule: flag.why for flag in school_flags([world.school.pk])}
    assert flags["below_proficient"] == "below proficient on ELA.1 (2 indicators)"
    six_weeks_ago = (timezone.localdate() - timedelta(weeks=6)).isoformat()
    assert flags["no_recent_evidence"] == f"last summative evidence on {six_weeks_ago}"
    assert flags["graduation_at_risk"] == "0 of 1 graduation standards met, 1 expected by now"


def test_a_flag_closes_when_the_student_no_longer_meets_its_rule(settings: object) -> None:
    world = make_world()
    _result(world, world.indicator, 2)
    _result(world, world.other_indicator, 2)
    assert "below_proficient" in {f.rule for f in school_flags([world.school.pk])}
    _result(world, world.other_indicator, 3)
    assert "below_proficient" not in {f.rule for f in school_flags([world.school.pk])}
    settings.PROFICIO_FLAG_RULES = {"no_recent_evidence": 0}  # type: ignore[attr-defined]
    assert "no_recent_evidence" not in {f.rule for f in school_flags([world.school.pk])}


def test_flags_are_for_leaders_and_admins_only() -> None:
    world = make_world()
    html = _client(_member(world, "leader", Role.SCHOOL_LEADER)).get(f"/insights/schools/{world.school.pk}/flags/")
    assert html.status_code == 200 and "Sam Student" in html.content.decode()  # no summative evidence yet
    coach = _client(_member(world, "coach", Role.COACH))
    assert coach.get(f"/insights/schools/{world.school.pk}/flags/").status_code == 404
