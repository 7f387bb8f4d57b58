"""The self-assessment pages: the leadership team starts and rates an administration, partially, keeping what was
typed on a refusal; coaches and network staff read but may not score (404); another school's administration is not
found; the comparison and the network's roll-up show their figures."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils.html import escape

from proficio.accounts.models import Membership, Role, User
from proficio.programs.gbp import LOWER_NOTE
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
from proficio.roster.models import Network
from tests.factories import World, make_user, make_world
from tests.insights.test_views import _client, _member

pytestmark = pytest.mark.django_db

DESCRIPTORS = ["Beginning: alone.", "Emerging: some.", "Developing: most.", "Transforming: all."]


def _networked(prefix: str = "w") -> World:
    world = make_world(prefix)
    world.district.network = Network.objects.create(name=f"{prefix} league")
    world.district.save()
    return world


def _edition() -> GbpEdition:
    edition = GbpEdition.objects.create(name="GBP test edition")
    for position, title, codes in ((1, "Teaching & Learning", ["1.1", "1.2"]), (3, "School Leadership", ["3.2"])):
        strand = GbpStrand.objects.create(edition=edition, position=position, title=title)
        for code in codes:
            GbpDimension.objects.create(strand=strand, code=code, title=f"Dimension {code}", descriptors=DESCRIPTORS)
    return edition


def _dimension(code: str) -> GbpDimension:
    return GbpDimension.objects.get(code=code)


def _administer(world: World, label: str, day: date, levels: dict[str, int]) -> GbpAdministration:
    edition = GbpEdition.objects.get()
    administration = GbpAdministration.objects.create(school=world.school, edition=edition, label=label, taken_on=day)
    for code, level in levels.items():
        GbpScore.objects.create(administration=administration, dimension=_dimension(code), level=level)
    return administration


def _team(world: World) -> Client:
    return _client(_member(world, "team", Role.LEADERSHIP_TEAM))


def _staff(world: World, name: str = "staff") -> User:
    user = make_user(f"{name}.{world.district.pk}")
    Membership.objects.create(user=user, role=Role.NETWORK_STAFF, network=world.district.network)
    return user


def test_the_leadership_team_starts_an_end_point_and_is_taken_to_rate_it() -> None:
    world = _networked()
    _edition()
    team = _team(world)
    url = f"/programs/schools/{world.school.pk}/gbp/"
    page = team.get(url).content.decode()
    assert "No self-assessment yet" in page and "Start a self-assessment" in page
    edition = GbpEdition.objects.get()
    response = team.post(url, {"label": "End-point", "taken_on": "2026-05-01", "edition": edition.pk})
    administration = GbpAdministration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/programs/schools/{world.school.pk}/gbp/{administration.pk}/"
    assert (administration.school, administration.label, administration.taken_on) == (
        world.school,
        "End-point",
        date(2026, 5, 1),
    )
    listed = team.get(url).content.decode()
    assert "End-point" in listed and "0 of 3" in listed


def test_a_start_without_its_other_label_or_twice_on_one_day_is_refused() -> None:
    world = _networked()
    edition = _edition()
    team = _team(world)
    url = f"/programs/schools/{world.school.pk}/gbp/"
    refused = team.post(url, {"label": "other", "other_label": " ", "taken_on": "2026-05-01", "edition": edition.pk})
    assert refused.status_code == 400 and "Write the label" in refused.content.decode()
    assert team.post(url, {"label": "Baseline", "taken_on": "not a date", "edition": edition.pk}).status_code == 400
    assert not GbpAdministration.objects.exists()
    form = {"label": "other", "other_label": "Year 1 check-in", "taken_on": "2026-01-10", "edition": edition.pk}
    assert team.post(url, form).status_code == 302
    again = team.post(url, form | {"other_label": "year 1 check-in"})
    assert again.status_code == 400 and "already has a year 1 check-in" in again.content.decode()
    assert GbpAdministration.objects.get().label == "Year 1 check-in"


def test_rating_is_partial_can_be_cleared_and_every_descriptor_is_shown() -> None:
    world = _networked()
    _edition()
    administration = _administer(world, "Baseline", date(2025, 9, 1), {})
    team = _team(world)
    url = f"/programs/schools/{world.school.pk}/gbp/{administration.pk}/"
    page = team.get(url).content.decode()
    assert "0 of 3 rated" in page and page.count("Transforming: all.") == 3
    assert page.index("Teaching &amp; Learning") < page.index("Dimension 1.2") < page.index("School Leadership")
    one, two, three = (_dimension(code) for code in ("1.1", "1.2", "3.2"))
    form = {f"level_{one.pk}": "2", f"evidence_{one.pk}": "Two teams pilot playlists.", f"level_{two.pk}": "4"}
    response = team.post(url, form | {f"level_{three.pk}": ""})
    assert response.status_code == 302
    assert "2 of 3 rated" in team.get(url).content.decode()
    assert dict(administration.scores.values_list("dimension__code", "level")) == {"1.1": 2, "1.2": 4}
    assert administration.scores.get(dimension=one).evidence == "Two teams pilot playlists."
    # A dimension not sent is left alone (so is a note not sent); one sent as not rated is cleared.
    assert team.post(url, {f"level_{two.pk}": "", f"level_{one.pk}": "3"}).status_code == 302
    assert dict(administration.scores.values_list("dimension__code", "level")) == {"1.1": 3}
    assert administration.scores.get(dimension=one).evidence == "Two teams pilot playlists."


def test_a_note_without_a_level_or_a_level_off_the_scale_changes_nothing_and_keeps_what_was_typed() -> None:
    world = _networked()
    _edition()
    administration = _administer(world, "Baseline", date(2025, 9, 1), {"1.1": 2})
    team = _team(world)
    url = f"/programs/schools/{world.school.pk}/gbp/{administration.pk}/"
    one, two = _dimension("1.1"), _dimension("1.2")
    form = {f"level_{one.pk}": "3", f"level_{two.pk}": "", f"evidence_{two.pk}": "Advisory meets weekly."}
    refused = team.post(url, form)
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "Rate 1.2 to keep its evidence note" in page and "Advisory meets weekly." in page
    assert f'name="level_{one.pk}" value="3" checked' in page
    assert dict(administration.scores.values_list("dimension__code", "level")) == {"1.1": 2}
    assert team.post(url, {f"level_{one.pk}": "7"}).status_code == 400
    assert administration.scores.get().level == 2


@pytest.mark.parametrize("role", [Role.COACH, Role.TEACHER])
def test_a_coach_reads_the_ratings_but_may_not_start_or_rate(role: Role) -> None:
    world = _networked()
    edition = _edition()
    administration = _administer(world, "Baseline", date(2025, 9, 1), {"1.1": 3})
    reader = _client(_member(world, "reader", role))
    school_url = f"/programs/schools/{world.school.pk}/gbp/"
    url = f"{school_url}{administration.pk}/"
    if role == Role.TEACHER:  # a teacher does not reach the school's programs pages at all
        assert reader.get(url).status_code == 404 and reader.post(url, {}).status_code == 404
        return
    page = reader.get(url).content.decode()
    assert "Rated <strong>3</strong> — Developing: most." in page and 'type="radio"' not in page
    assert "Start a self-assessment" not in reader.get(school_url).content.decode()
    start = {"label": "End-point", "taken_on": "2026-05-01", "edition": edition.pk}
    assert reader.post(school_url, start).status_code == 404
    assert reader.post(url, {f"level_{_dimension('1.1').pk}": "1"}).status_code == 404
    assert GbpAdministration.objects.count() == 1 and administration.scores.get().level == 3


def test_network_staff_read_a_member_school_s_self_assessment_but_may_not_rate_it() -> None:
    world = _networked()
    _edition()
    administration = _administer(world, "Baseline", date(2025, 9, 1), {"1.1": 3})
    staff = _client(_staff(world))
    url = f"/programs/schools/{world.school.pk}/gbp/{administration.pk}/"
    assert staff.get(url).status_code == 200
    assert staff.post(url, {f"level_{_dimension('1.1').pk}": "1"}).status_code == 404


def test_another_school_s_administration_is_not_found() -> None:
    world = _networked()
    other = _networked("other")
    _edition()
    theirs = _administer(other, "Baseline", date(2025, 9, 1), {"1.1": 3})
    team = _team(world)
    assert team.get(f"/programs/schools/{world.school.pk}/gbp/{theirs.pk}/").status_code == 404
    assert team.post(f"/programs/schools/{world.school.pk}/gbp/{theirs.pk}/", {}).status_code == 404
    assert team.get(f"/programs/schools/{other.school.pk}/gbp/{theirs.pk}/").status_code == 404
    assert team.get(f"/programs/schools/{other.school.pk}/gbp/").status_code == 404


def test_the_comparison_defaults_to_baseline_and_the_latest_and_notes_every_lower_rating() -> None:
    world = _networked()
    _edition()
    baseline = _administer(world, "Baseline", date(2024, 9, 1), {"1.1": 1, "1.2": 2, "3.2": 3})
    middle = _administer(world, "Mid-point", date(2025, 9, 1), {"1.1": 2})
    _administer(world, "End-point", date(2026, 5, 1), {"1.1": 3, "1.2": 2, "3.2": 2})
    coach = _client(_member(world, "coach", Role.COACH))
    url = f"/programs/schools/{world.school.pk}/gbp/compare/"
    response = coach.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Baseline (2024-09-01) and End-point (2026-05-01)" in page
    assert "<dt>Improved</dt><dd>1</dd>" in page and "<dt>No change</dt><dd>1</dd>" in page
    assert "<dt>Lower</dt><dd>1</dd>" in page
    assert "1 improved, 1 did not change and 1 was lower (3.2)." in page
    assert page.count(escape(LOWER_NOTE)) == 2  # in the explanation, and beside the one lower row
    assert 'data-growth-chart="gbp-chart"' in page and world.student.user.get_full_name() not in page
    chosen = coach.get(url, {"before": baseline.pk, "after": middle.pk}).content.decode()
    assert "Baseline (2024-09-01) and Mid-point (2025-09-01)" in chosen and "not rated at both" in chosen


def test_a_comparison_of_one_administration_with_itself_or_with_another_school_s_is_refused() -> None:
    world = _networked()
    other = _networked("other")
    _edition()
    baseline = _administer(world, "Baseline", date(2024, 9, 1), {"1.1": 1})
    theirs = _administer(other, "End-point", date(2026, 5, 1), {"1.1": 3})
    team = _team(world)
    url = f"/programs/schools/{world.school.pk}/gbp/compare/"
    assert "needs two self-assessments" in team.get(url).content.decode()
    assert team.get(url, {"before": baseline.pk, "after": theirs.pk}).status_code == 400
    same = team.get(url, {"before": str(baseline.pk), "after": str(baseline.pk)})
    assert same.status_code == 400 and "two different" in same.content.decode()
    assert team.get(url, {"before": "x", "after": str(baseline.pk)}).status_code == 400
    assert team.post(url, {}).status_code == 405


def test_network_staff_roll_up_a_cohort_and_no_one_else_finds_the_page() -> None:
    world = _networked()
    _edition()
    network = world.district.network
    assert network is not None
    initiative = Initiative.objects.create(network=network, name="Personalized learning", started_on=date(2024, 8, 1))
    cohort = Cohort.objects.create(initiative=initiative, name="Cohort 1")
    CohortSchool.objects.create(cohort=cohort, school=world.school, joined_on=date(2024, 8, 1))
    _administer(world, "Baseline", date(2024, 9, 1), {"1.1": 1, "3.2": 3})
    _administer(world, "End-point", date(2026, 5, 1), {"1.1": 3, "3.2": 2})
    staff = _client(_staff(world))
    url = f"/programs/networks/{network.pk}/gbp/"
    page = staff.get(url).content.decode()
    assert "1 of the cohort's 1 schools" in page
    assert "the mean rose on 1 of 2 dimensions, most on 1.1 (+2.00 levels); it fell on 3.2 (-1.00)." in page
    assert escape(LOWER_NOTE) in page
    assert staff.get(url, {"cohort": str(cohort.pk), "before": "Baseline", "after": "Baseline"}).status_code == 400
    assert staff.get(url, {"cohort": "999999", "before": "Baseline", "after": "End-point"}).status_code == 400
    assert staff.post(url, {}).status_code == 405
    other = _networked("other")
    assert _client(_staff(other, "elsewhere")).get(url).status_code == 404
    assert _team(world).get(url).status_code == 404
    assert _client(_member(world, "coach", Role.COACH)).get(url).status_code == 404
