"""Global Best Practices comparisons, by hand: per dimension, and rolled up over a network's schools."""

from __future__ import annotations

from datetime import date

import pytest

from proficio.programs import gbp
from proficio.programs.models import GbpAdministration, GbpDimension, GbpEdition, GbpScore, GbpStrand
from tests.factories import make_world


def test_each_dimension_is_improved_unchanged_or_lower_and_lower_carries_the_seed_s_caution() -> None:
    changes = gbp.compare({"1.1": 2, "1.2": 3, "2.1": 3, "4.1": 1}, {"1.1": 3, "1.2": 3, "2.1": 2, "3.1": 4})
    assert [(c.code, c.change) for c in changes] == [("1.1", "improved"), ("1.2", "no change"), ("2.1", "lower")]
    assert changes[2].note.startswith("A lower rating may reflect a deeper understanding")
    assert changes[0].note == "" and changes[1].note == ""


def test_a_network_rolls_up_the_schools_rated_at_both_points() -> None:
    pairs = [
        ({"1.1": 1, "1.2": 2}, {"1.1": 3, "1.2": 2}),
        ({"1.1": 2, "1.2": 3}, {"1.1": 2, "1.2": 2}),
        ({"1.1": 2}, {"1.1": 4}),  # rated on 1.1 only
    ]
    [first, second] = gbp.roll_up(pairs)
    assert (first.code, first.schools, first.mean_before, first.mean_after) == ("1.1", 3, 1.67, 3.0)
    assert (first.improved, first.unchanged, first.lower) == (2, 1, 0)
    assert (second.code, second.schools, second.mean_before, second.mean_after) == ("1.2", 2, 2.5, 2.0)
    assert (second.improved, second.unchanged, second.lower) == (0, 1, 1)


@pytest.mark.django_db
def test_an_edition_holds_its_dimensions_as_data_and_a_school_s_administrations_compare() -> None:
    world = make_world()
    edition = GbpEdition.objects.create(name="Global Best Practices, 2nd edition (2016)")
    strand = GbpStrand.objects.create(edition=edition, position=4, title="District Leadership")
    shared = GbpDimension.objects.create(
        strand=strand, code="4.1", title="Shared leadership", descriptors=["Beginning", "Developing", "Integrating"]
    )
    ratings = {}
    for label, day, level in (("Baseline", date(2014, 11, 1), 3), ("End-point", date(2017, 5, 1), 2)):
        administration = GbpAdministration.objects.create(
            school=world.school, edition=edition, label=label, taken_on=day
        )
        GbpScore.objects.create(administration=administration, dimension=shared, level=level)
        ratings[label] = dict(administration.scores.values_list("dimension__code", "level"))
    [change] = gbp.compare(ratings["Baseline"], ratings["End-point"])
    assert change.change == "lower" and change.note
