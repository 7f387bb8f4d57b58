"""Small-group suppression: a figure about fewer than ``minimum`` students is never shown — not even by
subtraction from a total that is shown.

Within one breakdown (e.g. by race and ethnicity), the groups add up to the total, which is shown. If only one
group were hidden, its count would be the total minus the others, so a second group is hidden with it: the
smallest of the rest (complementary suppression, as statistical agencies do). A breakdown where every group
but one would be hidden hides them all, the total aside.
"""

from __future__ import annotations

from collections.abc import Mapping

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
