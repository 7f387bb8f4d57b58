"""The self-assessment's figures by hand: which two administrations compare by default, a comparison across
editions, a cohort's roll-up, who may score, and the charts' text alternatives."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from proficio.accounts.models import Membership, Role
from proficio.programs import gbp_charts, gbp_records
from proficio.programs.models import (
    Cohort,
    CohortSchool,
    GbpAdministration,
    GbpDimension,
    GbpEdition,
    GbpScore,
    GbpStrand,
    Initiative,
)
from proficio.roster.models import Network, School
from tests.factories import make_user, make_world


def _edition(name: str, codes: list[str]) -> GbpEdition:
    edition = GbpEdition.objects.create(name=name)
    strands: dict[str, GbpStrand] = {}
    for code in codes:
        position = code.split(".")[0]
        strand = strands.get(position) or GbpStrand.objects.create(
            edition=edition, position=int(position), title=f"Strand {position}"
        )
        strands[position] = strand
        GbpDimension.objects.create(strand=strand, code=code, title=f"{name} {code}", descriptors=["a", "b", "c", "d"])
    return edition


def _administer(
    school: School, edition: GbpEdition, label: str, day: date, levels: dict[str, int]
) -> GbpAdministration:
    administration = GbpAdministration.objects.create(school=school, edition=edition, label=label, taken_on=day)
    for code, level in levels.items():
        dimension = GbpDimension.objects.get(strand__edition=edition, code=code)
        GbpScore.objects.create(administration=administration, dimension=dimension, level=level)
    return administration


def _unsaved(pk: int, label: str, day: date) -> GbpAdministration:
    return GbpAdministration(pk=pk, label=label, taken_on=day)


def test_the_default_pair_is_the_earliest_baseline_and_the_latest_after_it() -> None:
    pilot, baseline, mid, end = (
        _unsaved(1, "Pilot", date(2014, 5, 1)),
        _unsaved(2, "baseline", date(2014, 9, 1)),
        _unsaved(3, "Mid-point", date(2016, 1, 1)),
        _unsaved(4, "End-point", date(2017, 6, 1)),
    )
    assert gbp_records.default_pair([end, mid, baseline, pilot]) == (baseline, end)
    assert gbp_records.default_pair([mid, pilot]) == (pilot, mid)  # no baseline: the earliest and the latest
    late = _unsaved(9, "Baseline", date(2018, 1, 1))
    assert gbp_records.default_pair([late, pilot, end]) == (pilot, late)  # nothing after the baseline
    assert gbp_records.default_pair([pilot]) is None


def test_codes_sort_part_by_part() -> None:
    assert sorted(["1.10", "1.9", "2.1", "1.2"], key=gbp_records.code_key) == ["1.2", "1.9", "1.10", "2.1"]


@pytest.mark.django_db
def test_a_first_edition_baseline_compares_with_a_second_edition_end_point_on_their_shared_codes() -> None:
    world = make_world()
    first = _edition("First", ["1.1", "1.2", "3.2"])
    second = _edition("Second", ["1.1", "1.2", "3.2", "4.5"])
    before = _administer(world.school, first, "Baseline", date(2014, 9, 1), {"1.1": 1, "1.2": 2, "3.2": 3})
    after = _administer(world.school, second, "End-point", date(2017, 6, 1), {"1.1": 3, "1.2": 2, "3.2": 2, "4.5": 1})
    result = gbp_records.comparison(before, after)
    assert [(r.code, r.before, r.after, r.change) for r in result.rows] == [
        ("1.1", 1, 3, "improved"),
        ("1.2", 2, 2, "no change"),
        ("3.2", 3, 2, "lower"),
        ("4.5", None, 1, ""),
    ]
    assert result.counts == {"improved": 1, "no change": 1, "lower": 1} and result.unchanged == 1
    assert [r.title for r in result.rows] == ["Second 1.1", "Second 1.2", "Second 3.2", "Second 4.5"]
    assert result.rows[2].note.startswith("A lower rating may reflect") and result.rows[0].note == ""
    assert [r.code for r in result.compared] == ["1.1", "1.2", "3.2"]


@pytest.mark.django_db
def test_a_cohort_rolls_up_the_schools_with_both_labels_by_their_earliest_and_latest() -> None:
    world = make_world()
    network = Network.objects.create(name="League")
    initiative = Initiative.objects.create(network=network, name="PL", started_on=date(2014, 8, 1))
    cohort = Cohort.objects.create(initiative=initiative, name="Cohort 1")
    a, b, c, outside = (
        world.school,
        *(
            School.objects.create(district=world.district, name=name, lowest_grade=9, highest_grade=12)
            for name in ("b", "c", "outside")
        ),
    )
    for school in (a, b, c):
        CohortSchool.objects.create(cohort=cohort, school=school, joined_on=date(2014, 8, 1))
    edition = _edition("First", ["1.1", "1.2"])
    _administer(a, edition, "Baseline", date(2014, 9, 1), {"1.1": 1, "1.2": 2})
    _administer(a, edition, "Baseline", date(2015, 9, 1), {"1.1": 4, "1.2": 4})  # a later baseline: not used
    _administer(a, edition, "End-point", date(2016, 6, 1), {"1.1": 1, "1.2": 1})  # an earlier end-point: not used
    _administer(a, edition, "End-point", date(2017, 6, 1), {"1.1": 3, "1.2": 2})
    _administer(b, edition, "Baseline", date(2014, 9, 1), {"1.1": 2, "1.2": 3})
    _administer(b, edition, "end-point", date(2017, 6, 1), {"1.1": 2})  # 1.2 not rated at the end
    _administer(c, edition, "Baseline", date(2014, 9, 1), {"1.1": 1, "1.2": 1})  # no end-point: left out
    _administer(outside, edition, "Baseline", date(2014, 9, 1), {"1.1": 4})
    _administer(outside, edition, "End-point", date(2017, 6, 1), {"1.1": 1})
    result = gbp_records.cohort_roll_up(cohort, before_label="Baseline", after_label="End-point")
    assert (result.schools, result.included, result.levels) == (3, 2, 4)
    one, two = result.rows
    # 1.1: a 1→3, b 2→2: means 1.5 and 2.5, one improved, one unchanged.
    assert (one.code, one.title, one.figures.schools, one.figures.mean_before, one.figures.mean_after) == (
        "1.1",
        "First 1.1",
        2,
        1.5,
        2.5,
    )
    assert (one.figures.improved, one.figures.unchanged, one.figures.lower, one.mean_change) == (1, 1, 0, 1.0)
    # 1.2: a alone, 2→2.
    assert (two.figures.schools, two.figures.mean_before, two.figures.mean_after, two.figures.unchanged) == (1, 2, 2, 1)
    assert gbp_records.point_labels([cohort]) == ["Baseline", "End-point"]


@pytest.mark.django_db
def test_the_leadership_team_leaders_and_district_admins_score_coaches_and_network_staff_do_not() -> None:
    world = make_world()
    other = make_world("other")
    network = Network.objects.create(name="League")
    cases: dict[str, tuple[Role, dict[str, Any], bool]] = {
        "team": (Role.LEADERSHIP_TEAM, {"school": world.school}, True),
        "leader": (Role.SCHOOL_LEADER, {"school": world.school}, True),
        "admin": (Role.DISTRICT_ADMIN, {"district": world.district}, True),
        "coach": (Role.COACH, {"school": world.school}, False),
        "staff": (Role.NETWORK_STAFF, {"network": network}, False),
        "teacher": (Role.TEACHER, {"school": world.school}, False),
        "other-team": (Role.LEADERSHIP_TEAM, {"school": other.school}, False),
        "other-admin": (Role.DISTRICT_ADMIN, {"district": other.district}, False),
    }
    for name, (role, where, expected) in cases.items():
        user = make_user(name)
        Membership.objects.create(user=user, role=role, **where)
        assert gbp_records.may_score(user, world.school) is expected, name
    lapsed = make_user("lapsed")
    Membership.objects.create(user=lapsed, role=Role.LEADERSHIP_TEAM, school=world.school, is_active=False)
    assert not gbp_records.may_score(lapsed, world.school)


def test_the_change_sentence_counts_each_kind_and_names_the_lower_ones() -> None:
    sentence = gbp_charts.change_sentence({"improved": 12, "no change": 6, "lower": 2}, ["2.3", "3.2"])
    assert (
        sentence
        == "Of 20 dimensions rated at both points, 12 improved, 6 did not change and 2 were lower (2.3 and 3.2)."
    )
    assert gbp_charts.change_sentence({"improved": 1, "no change": 0, "lower": 1}, ["3.2"]).endswith(
        "1 was lower (3.2)."
    )
    assert gbp_charts.change_sentence({"improved": 0, "no change": 0, "lower": 0}, []) == (
        "No dimensions were rated at both points."
    )


def test_the_roll_up_sentence_counts_the_rises_names_the_largest_and_every_fall() -> None:
    rows = [("1.1", 1.5, 2.5), ("1.2", 2.0, 3.0), ("1.3", 2.0, 2.25), ("3.2", 3.0, 2.5), ("4.1", 2.0, 2.0)]
    assert gbp_charts.roll_up_sentence(rows, schools=2) == (
        "Over 2 schools rated at both points, the mean rose on 3 of 5 dimensions, most on 1.1 (+1.00 levels); "
        "it fell on 3.2 (-0.50)."
    )
    assert gbp_charts.roll_up_sentence([("1.1", 2.0, 2.0)], schools=1) == (
        "Over 1 school rated at both points, the mean rose on none of 1 dimensions; it fell on none."
    )
    assert gbp_charts.roll_up_sentence([], schools=0) == "No school of the cohort was rated at both points."


def test_the_dot_strip_has_a_line_and_two_dots_per_dimension_on_the_edition_s_scale() -> None:
    rows = [gbp_charts.DotRow("1.1 Personalized learning", 1, 3), gbp_charts.DotRow("3.2 Shared leadership", 3, 2)]
    spec = gbp_charts.dot_strip_spec(rows, levels=4, before="Baseline", after="End-point")
    line, dots = spec["layer"]
    assert line["mark"]["type"] == "rule" and dots["mark"]["type"] == "point"
    assert line["data"]["values"][1] == {"dimension": "3.2 Shared leadership", "before": 3, "after": 2}
    assert [(d["when"], d["level"]) for d in dots["data"]["values"]] == [
        ("Baseline", 1),
        ("End-point", 3),
        ("Baseline", 3),
        ("End-point", 2),
    ]
    assert dots["encoding"]["x"]["scale"]["domain"] == [1, 4]
    assert dots["encoding"]["y"]["sort"] == ["1.1 Personalized learning", "3.2 Shared leadership"]
