"""The Implementation Grid's analytics, by hand — and seed 000's Table 2 reproduced from the statuses it reports."""

from __future__ import annotations

import pytest

from proficio.programs import catalogue, grid
from proficio.programs.grid import Cell, Completion
from proficio.programs.models import ChangeKind, GridActivity, GridStatus
from proficio.roster.models import Network
from tests.factories import make_world

TABLE_2 = {3: (20, 20), 4: (20, 20), 21: (20, 20), 12: (19, 20), 1: (18, 20)} | {
    18: (10, 19),
    16: (11, 20),
    7: (10, 20),
    8: (5, 17),
    17: (6, 19),
}
SCHOOLS = list(range(1, 21))  # 20 participating schools


def _reported_cells() -> list[Cell]:
    """For each activity, k of m complete: the first 20 - m schools not applicable, the next k complete."""
    cells = []
    for number, (complete, applicable) in TABLE_2.items():
        for n, school in enumerate(SCHOOLS):
            if n < 20 - applicable:
                status = GridStatus.Status.NOT_APPLICABLE
            elif n < 20 - applicable + complete:
                status = GridStatus.Status.COMPLETE
            else:
                status = GridStatus.Status.IN_PROGRESS
            cells.append(Cell(school, number, status))
    return cells


def test_table_2_comes_back_from_the_statuses_technical_on_top_and_adaptive_at_the_bottom() -> None:
    kinds = {number: kind for number, _, kind, _ in catalogue.QUOTED}
    ranked = grid.activity_completion(_reported_cells(), SCHOOLS, kinds)
    assert {row.number: str(row.completion) for row in ranked} == {n: f"{c}/{a}" for n, (c, a) in TABLE_2.items()}
    highest, lowest = grid.highest_and_lowest(ranked)
    assert {row.number for row in highest} == {3, 4, 21, 12, 1}
    assert {row.change for row in highest} == {ChangeKind.TECHNICAL}
    assert {row.number for row in lowest} == {18, 16, 7, 8, 17}
    assert {row.change for row in lowest} == {ChangeKind.ADAPTIVE}
    assert [row.number for row in lowest][:2] == [8, 17]  # 5/17 and 6/19: the least completed first


def test_a_school_completes_out_of_what_applies_to_it_and_counts_toward_the_thresholds() -> None:
    cells = [
        *(Cell(1, n, GridStatus.Status.COMPLETE) for n in range(1, 18)),  # 17 complete
        Cell(1, 18, GridStatus.Status.NOT_APPLICABLE),
        *(Cell(2, n, GridStatus.Status.COMPLETE) for n in range(1, 12)),  # 11 complete
        Cell(2, 12, GridStatus.Status.IN_PROGRESS),
    ]
    completion = grid.school_completion(cells, [1, 2, 3], activities=21)
    assert completion == {1: Completion(17, 20), 2: Completion(11, 21), 3: Completion(0, 21)}
    assert grid.schools_at_least(completion, 11) == 2 and grid.schools_at_least(completion, 17) == 1


@pytest.mark.django_db
def test_the_quoted_activities_are_seeded_once_and_statuses_keep_their_history() -> None:
    world = make_world()
    network = Network.objects.create(name="League")
    assert catalogue.add_quoted_activities(network=network) == 10
    assert catalogue.add_quoted_activities(network=network) == 0
    activity = GridActivity.objects.get(network=network, number=18)
    status = GridStatus.objects.create(school=world.school, activity=activity, status=GridStatus.Status.IN_PROGRESS)
    status.status = GridStatus.Status.COMPLETE
    status.evidence = "Every student has an intervention block; plans are reviewed monthly."
    status.save()
    assert [h.status for h in status.history.order_by("history_date")] == ["in_progress", "complete"]
    assert grid.load_cells([world.school.pk]) == [Cell(world.school.pk, 18, "complete")]
    assert grid.activity_kinds(network.pk)[18] == ChangeKind.ADAPTIVE
