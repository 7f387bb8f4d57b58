"""Small-group suppression: a figure about fewer than ``minimum`` students is never shown — not even by
subtraction from a total that is shown.

Within one breakdown (e.g. by race and ethnicity), the groups add up to the total, which is shown. If only one
group were hidden, its count would be the total minus the others, so a second group is hidden with it: the
smallest of the rest (complementary suppression, as statistical agencies do). A breakdown where every group
but one would be hidden hides them all, the total aside.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Protocol, TypeVar

from django.conf import settings

DEFAULT_MINIMUM = 10


def minimum_group_size() -> int:
    return int(getattr(settings, "PROFICIO_MIN_GROUP_SIZE", DEFAULT_MINIMUM))


def hidden_groups(counts: Mapping[str, int], *, minimum: int) -> set[str]:
    """The groups of a breakdown whose figures must not be shown, given each group's number of students."""
    hidden = {group for group, n in counts.items() if 0 < n < minimum}
    shown = [group for group in counts if group not in hidden and counts[group] > 0]
    if len(hidden) == 1 and shown:
        # One hidden group alone is the total minus the others: hide the smallest shown group too.
        hidden.add(min(shown, key=lambda group: (counts[group], group)))
    return hidden


NOT_RECORDED = "not recorded"


class Grouped(Protocol):
    @property
    def groups(self) -> Mapping[str, str]: ...  # dimension → the student's group in it


R = TypeVar("R", bound=Grouped)


def split_by_group(rows: Sequence[R], dimension: str, *, minimum: int) -> list[tuple[str, list[R] | None]]:
    """Each group of ``dimension``, in name order, with its rows — or None where they must not be shown."""
    by_group: dict[str, list[R]] = defaultdict(list)
    for row in rows:
        by_group[row.groups.get(dimension, NOT_RECORDED)].append(row)
    hidden = hidden_groups({group: len(members) for group, members in by_group.items()}, minimum=minimum)
    return [(group, None if group in hidden else by_group[group]) for group in sorted(by_group)]
