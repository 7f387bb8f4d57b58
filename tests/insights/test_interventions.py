"""Flags kept as records, intervention plans tied to evidence, check-ins, effectiveness — by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from proficio.accounts.models import Role
from proficio.insights import flag_register, interventions, strategies
from proficio.insights.models import InterventionKind, InterventionPlan, Strategy, StudentFlag
from proficio.learners.models import PathStep
from proficio.roster.models import Advisory
from tests.factories import World, make_world
from tests.insights.test_flags import _result
from tests.insights.test_views import _member

pytestmark = pytest.mark.django_db


def _plan(world: World, **overrides: object) -> InterventionPlan:
    values: dict[str, object] = {
        "student": world.student,
        "by": world.teacher,
        "tier": 2,
        "kind": InterventionKind.LITERACY,
        "block": "WIN block, Tue and Thu",
        "responsible": world.teacher,
        "start_date": timezone.localdate() - timedelta(days=10),
        "weeks": 6,
        "goal": "Reads and cites evidence on their own.",
        "indicators": [world.indicator, world.other_indicator],
        "check_every_days": 7,
    }
    values.update(overrides)
    return interventions.create_plan(**values)  # type: ignore[arg-type]


def _open(world: World) -> dict[str, StudentFlag]:
    return {f.rule: f for f in StudentFlag.objects.filter(student=world.student, closed_at__isnull=True)}


def test_refreshing_twice_keeps_one_open_flag_per_rule_and_closes_it_when_the_rule_no_longer_holds() -> None:
    world = make_world()
    _result(world, world.indicator, 2)
    _result(world, world.other_indicator, 1)
    flag_register.refresh(school_ids=[world.school.pk])
    flag_register.refresh(school_ids=[world.school.pk])
    assert StudentFlag.objects.filter(student=world.student, rule="below_proficient").count() == 1
    flag = _open(world)["below_proficient"]
    _result(world, world.other_indicator, 3)
    flag_register.refresh(school_ids=[world.school.pk])
    flag.refresh_from_db()
    assert flag.closed_at is not None and flag.closed_because == StudentFlag.ClosedBecause.NO_LONGER_FLAGGED
    assert "below_proficient" not in _open(world)


def test_a_student_behind_pace_on_a_learning_path_is_flagged_with_the_course() -> None:
    world = make_world()  # the section's year has ended with nothing on its path proficient: behind
    PathStep.objects.create(section=world.section, indicator=world.indicator)
    flag_register.refresh(school_ids=[world.school.pk])
    assert _open(world)["off_pace"].why == "behind pace in English 9"


def test_a_plan_reads_its_goal_from_the_evidence_and_ending_it_freezes_that_and_closes_its_flag() -> None:
    world = make_world()
    _result(world, world.indicator, 2)
    _result(world, world.other_indicator, 1)
    flag_register.refresh(school_ids=[world.school.pk])
    plan = _plan(world, flag=_open(world)["below_proficient"])
    assert interventions.goal_words(interventions.goal_status(plan)) == (
        "Proficient on 0 of 2 goal indicators (ELA.1.1: Partially meets; ELA.1.2: Does not meet)."
    )
    _result(world, world.indicator, 3)
    _result(world, world.other_indicator, 4)
    interventions.end_plan(plan=plan, ending=InterventionPlan.Ending.COMPLETED)
    plan.refresh_from_db()
    assert plan.goal_met is True and plan.ended_on == timezone.localdate()
    assert plan.goal_evidence == "Proficient on 2 of 2 goal indicators (ELA.1.1: Meets; ELA.1.2: Exceeds)."
    assert StudentFlag.objects.get(pk=plan.flag_id).closed_because == StudentFlag.ClosedBecause.PLAN_ENDED
    with pytest.raises(interventions.PlanError):
        interventions.add_note(plan=plan, by=world.teacher, note="Too late.")


def test_a_plan_whose_flag_ended_with_it_is_flagged_anew_when_the_rule_still_holds() -> None:
    world = make_world()
    _result(world, world.indicator, 2)
    _result(world, world.other_indicator, 1)
    flag_register.refresh(school_ids=[world.school.pk])
    first = _open(world)["below_proficient"]
    interventions.end_plan(plan=_plan(world, flag=first), ending=InterventionPlan.Ending.COMPLETED)
    flag_register.refresh(school_ids=[world.school.pk])
    again = _open(world)["below_proficient"]
    assert again.pk != first.pk
    assert flag_register.open_flags(school_ids=[world.school.pk])[0].plan_id is None


def test_a_plan_is_refused_whole_when_a_choice_does_not_fit() -> None:
    world = make_world()
    other = make_world("other")
    math = Strategy.objects.create(district=world.district, name="Math group", kind=InterventionKind.MATHEMATICS)
    tier3_only = Strategy.objects.create(
        district=world.district, name="Tutoring", kind=InterventionKind.LITERACY, for_tier_2=False
    )
    coach = _member(world, "coach", Role.COACH)
    refusals = {
        "strategies": [{"strategies": [math]}, {"strategies": [tier3_only]}],
        "responsible": [{"responsible": coach}, {"responsible": other.teacher}],
        "goal_indicators": [{"indicators": []}, {"indicators": [other.indicator]}],
        "flag": [{"flag": StudentFlag.objects.create(student=other.student, rule="off_pace", why="x")}],
    }
    for field, cases in refusals.items():
        for case in cases:
            with pytest.raises(interventions.PlanError) as refused:
                _plan(world, **case)
            assert refused.value.field == field
    assert not InterventionPlan.objects.exists()


def test_a_check_in_is_overdue_once_the_interval_since_the_last_note_has_passed() -> None:
    world = make_world()
    plan = _plan(world)  # started 10 days ago, checked every 7: due 3 days ago
    [line] = interventions.plan_lines(InterventionPlan.objects.filter(pk=plan.pk))
    assert line.overdue and line.next_check == timezone.localdate() - timedelta(days=3)
    interventions.add_note(plan=plan, by=world.teacher, note="Read two passages aloud; needs prompts.")
    [line] = interventions.plan_lines(InterventionPlan.objects.filter(pk=plan.pk))
    assert not line.overdue and line.next_check == timezone.localdate() + timedelta(days=7)
    assert plan.notes.get().goal_status.startswith("Proficient on 0 of 2 goal indicators")


def test_effectiveness_counts_plans_ended_on_target_by_kind_and_tier() -> None:
    rows = [
        ("literacy", 2, True, True),
        ("literacy", 2, False, True),
        ("literacy", 2, None, False),
        ("mathematics", 3, True, True),
        ("literacy", 3, False, True),
    ]
    table = {
        (row.kind, row.tier): (row.ended, row.on_target, row.still_open, row.share)
        for row in interventions.effectiveness(rows)
    }
    assert table == {
        ("Literacy", 2): (2, 1, 1, 0.5),
        ("Literacy", 3): (1, 0, 0, 0.0),
        ("Mathematics", 3): (1, 1, 0, 1.0),
    }
    assert [row.kind for row in interventions.effectiveness(rows)] == ["Literacy", "Literacy", "Mathematics"]


def test_the_suggested_strategies_are_added_once() -> None:
    world = make_world()
    added = strategies.add_suggested(district=world.district)
    assert added == len(strategies.SUGGESTED) and strategies.add_suggested(district=world.district) == 0
    tier3_math = strategies.offered(district_id=world.district.pk, kind=InterventionKind.MATHEMATICS, tier=3)
    assert "Daily one-to-one math tutoring" in {s.name for s in tier3_math}
    assert "Worked examples and faded practice" not in {s.name for s in tier3_math}


def test_an_advisor_starts_a_plan_from_a_flag_of_an_advisee_and_no_one_else_s(settings: object) -> None:
    from tests.insights.test_views import _client

    world = make_world()
    advisor = _member(world, "advisor", Role.ADVISOR)
    Advisory.objects.create(advisor=advisor, student=world.student)
    _result(world, world.indicator, 2)
    _result(world, world.other_indicator, 1)
    client = _client(advisor)
    page = client.get("/insights/my-students/").content.decode()
    assert "Sam Student" in page and "Start a plan" in page
    flag = _open(world)["below_proficient"]
    form = {
        "flag": flag.pk,
        "tier": 2,
        "kind": "literacy",
        "block": "WIN block",
        "responsible": advisor.pk,
        "start_date": date.today().isoformat(),
        "weeks": 6,
        "check_every_days": 7,
        "goal": "Cites evidence.",
        "goal_indicators": [world.indicator.pk],
    }
    response = client.post(f"/insights/students/{world.student.pk}/plans/new/", form)
    plan = InterventionPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/insights/plans/{plan.pk}/"
    assert plan.flag_id == flag.pk and plan.responsible == advisor
    assert "Plan in place" in client.get("/insights/my-students/").content.decode()
    stranger = _client(_member(world, "other.advisor", Role.ADVISOR))
    assert stranger.get(f"/insights/students/{world.student.pk}/plans/new/").status_code == 404
    assert stranger.get(f"/insights/plans/{plan.pk}/").status_code == 404
    assert _client(world.teacher).get(f"/insights/plans/{plan.pk}/").status_code == 404  # not responsible


def test_the_school_plans_page_puts_overdue_check_ins_first_and_shows_effectiveness() -> None:
    from tests.insights.test_views import _client

    world = make_world()
    quiet = _plan(world, start_date=timezone.localdate())
    overdue = _plan(world)
    interventions.end_plan(plan=_plan(world), ending=InterventionPlan.Ending.DISCONTINUED)
    leader = _client(_member(world, "leader", Role.SCHOOL_LEADER))
    page = leader.get(f"/insights/schools/{world.school.pk}/plans/").content.decode()
    assert page.index(f"/insights/plans/{overdue.pk}/") < page.index(f"/insights/plans/{quiet.pk}/")
    assert "overdue since" in page and "Which interventions work" in page
    coach = _client(_member(world, "coach", Role.COACH))
    assert coach.get(f"/insights/schools/{world.school.pk}/plans/").status_code == 404


def test_administrators_fill_the_district_library_and_leaders_only_read_it() -> None:
    from tests.insights.test_views import _client

    world = make_world()
    admin = _client(_member(world, "admin", Role.DISTRICT_ADMIN))
    assert admin.post("/insights/strategies/", {"suggested": "1"}).status_code == 302
    assert admin.post("/insights/strategies/", {"suggested": "1"}).status_code == 302  # nothing added twice
    assert Strategy.objects.filter(district=world.district).count() == len(strategies.SUGGESTED)
    refused = admin.post("/insights/strategies/", {"name": "Tutoring", "kind": "mathematics"})
    assert refused.status_code == 400 and "tier 2, tier 3 or both" in refused.content.decode()
    leader = _client(_member(world, "leader", Role.SCHOOL_LEADER))
    assert "Check-in / check-out" in leader.get("/insights/strategies/").content.decode()
    assert leader.post("/insights/strategies/", {"suggested": "1"}).status_code == 404
    elsewhere = _client(_member(make_world("other"), "admin", Role.DISTRICT_ADMIN))
    assert "Check-in / check-out" not in elsewhere.get("/insights/strategies/").content.decode()


def test_an_overdue_check_in_is_reminded_once_by_email_until_a_new_one_falls_due(mailoutbox: list) -> None:
    from proficio.insights.reminders import send_reminders

    world = make_world()
    world.teacher.email = "tess@example.org"
    world.teacher.save()
    plan = _plan(world)  # overdue since 3 days
    _plan(world, start_date=timezone.localdate())  # not due yet
    assert send_reminders() == 1 and send_reminders() == 0
    [mail] = mailoutbox
    assert mail.to == ["tess@example.org"] and mail.subject == "1 intervention plan overdue for a check-in"
    assert f"/insights/plans/{plan.pk}/" in mail.body and "Sam Student" in mail.body
    interventions.add_note(plan=plan, by=world.teacher, note="Seen.")  # the next check-in is due in 7 days
    week_later = timezone.localdate() + timedelta(days=8)
    assert send_reminders(today=week_later) == 1  # both plans are overdue then, in one email
    assert mailoutbox[1].subject == "2 intervention plans overdue for a check-in"


def test_the_refresh_command_raises_every_school_s_flags() -> None:
    from django.core.management import call_command

    world = make_world()
    _result(world, world.indicator, 2)
    _result(world, world.other_indicator, 1)
    call_command("refresh_flags")
    assert "below_proficient" in _open(world)


def test_a_flag_that_is_not_a_number_is_no_flag_at_all() -> None:
    from tests.insights.test_views import _client

    world = make_world()
    leader = _client(_member(world, "leader", Role.SCHOOL_LEADER))
    page = leader.get(f"/insights/students/{world.student.pk}/plans/new/?flag=abc")
    assert page.status_code == 200 and "From the flag" not in page.content.decode()
