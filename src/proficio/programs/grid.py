"""Implementation Grid analytics: how far each school has come, and which activities schools complete.

- A school's **completion** is its activities complete out of those that apply to it (not applicable left out;
  an activity without a status counts as not started). "At least 11 of 21" counts schools by complete activities.
- An activity's **completion across schools** is the schools that completed it out of those it applies to
  ("10/19": one school marked it not applicable). Ranked by that share, highest first.
- **Technical against adaptive** (seed 000's Table 2): the most and the least completed activities, with their
  kinds — the report found the five most completed all technical and the five least completed all adaptive.

Pure functions over plain ``Cell`` rows; ``load_cells`` is the one query that reads them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from proficio.programs.models import GridActivity, GridStatus

COMPLETE, NOT_APPLICABLE = GridStatus.Status.COMPLETE, GridStatus.Status.NOT_APPLICABLE


@dataclass(frozen=True)
class Cell:
    school_id: int
    activity: int  # the activity's number
    status: str


@dataclass(frozen=True)
class Completion:
    complete: int
    applicable: int

    @property
    def share(self) -> float | None:
        return self.complete / self.applicable if self.applicable else None

    def __str__(self) -> str:
        return f"{self.complete}/{self.applicable}"


def school_completion(cells: Iterable[Cell], school_ids: Sequence[int], activities: int) -> dict[int, Completion]:
    """Each school's activities complete out of those that apply to it (``activities`` defined in all)."""
    complete: dict[int, int] = defaultdict(int)
    not_applicable: dict[int, int] = defaultdict(int)
    for cell in cells:
        complete[cell.school_id] += cell.status == COMPLETE
        not_applicable[cell.school_id] += cell.status == NOT_APPLICABLE
    return {pk: Completion(complete[pk], activities - not_applicable[pk]) for pk in school_ids}


def schools_at_least(completions: Mapping[int, Completion], complete: int) -> int:
    """How many schools completed at least ``complete`` activities ("11 of 21")."""
    return sum(1 for c in completions.values() if c.complete >= complete)


@dataclass(frozen=True)
class ActivityCompletion:
    number: int
    change: str
    completion: Completion


def activity_completion(
    cells: Iterable[Cell], school_ids: Sequence[int], kinds: Mapping[int, str]
) -> list[ActivityCompletion]:
    """Each activity's schools complete out of those it applies to, most completed first (then by number)."""
    by_activity: dict[int, dict[int, str]] = defaultdict(dict)
    for cell in cells:
        by_activity[cell.activity][cell.school_id] = cell.status
    rows = []
    for number, change in kinds.items():
        statuses = [by_activity[number].get(pk, GridStatus.Status.NOT_STARTED) for pk in school_ids]
        done = sum(1 for s in statuses if s == COMPLETE)
        applicable = sum(1 for s in statuses if s != NOT_APPLICABLE)
        rows.append(ActivityCompletion(number, change, Completion(done, applicable)))
    return sorted(rows, key=lambda row: (-(row.completion.share or 0.0), row.number))


def highest_and_lowest(ranked: Sequence[ActivityCompletion], n: int = 5) -> tuple[list[ActivityCompletion], ...]:
    """The ``n`` most and ``n`` least completed activities (Table 2), the least completed lowest first."""
    return list(ranked[:n]), list(reversed(ranked[-n:]))


def load_cells(school_ids: Sequence[int]) -> list[Cell]:
    """Every status of the schools (already checked as the reader's)."""
    rows = GridStatus.objects.filter(school_id__in=school_ids).values_list("school_id", "activity__number", "status")
    return [Cell(school, number, status) for school, number, status in rows]


def activity_kinds(network_id: int) -> dict[int, str]:
    return dict(GridActivity.objects.filter(network_id=network_id).values_list("number", "change"))
