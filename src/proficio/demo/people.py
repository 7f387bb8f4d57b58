"""Who the demo's people are: the district's demographic mix and unique names for everyone.

Pure (no database). The shares are those of a mid-sized, diverse US district; ``Names`` hands out usernames
and e-mail addresses that are unique across the whole plan (current students, students of past classes,
families and staff), whichever random stream draws the names.
"""

from __future__ import annotations

import random

from proficio.demo import catalogue as cat
from proficio.demo.records import PersonPlan

RACE_ETHNICITY = {
    "white": 0.46,
    "hispanic": 0.27,
    "black": 0.14,
    "asian": 0.06,
    "two_or_more": 0.05,
    "american_indian": 0.01,
    "pacific_islander": 0.01,
}
ECONOMICALLY_DISADVANTAGED = 0.42
ENGLISH_LEARNER = {"hispanic": 0.28, "asian": 0.22, "default": 0.02}
DISABILITY = 0.15
GENDER = {"female": 0.49, "male": 0.49, "nonbinary": 0.02}


def pick(rng: random.Random, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


class Names:
    """Unique usernames and e-mail addresses from the catalogue's names.

    ``taken`` may be shared between several instances drawing from different random streams."""

    def __init__(self, rng: random.Random, taken: set[str] | None = None) -> None:
        self.rng = rng
        self.taken: set[str] = set() if taken is None else taken

    def person(self, key: str, first: str, last: str, domain: str) -> PersonPlan:
        base = "".join(ch for ch in f"{first}.{last}".lower() if ch.isalpha() or ch == ".")
        username, n = base, 1
        while username in self.taken:
            n += 1
            username = f"{base}{n}"
        self.taken.add(username)
        return PersonPlan(key, username, first, last, f"{username}@{domain}")

    def first_name(self, gender: str) -> str:
        pool = {
            "female": cat.FIRST_NAMES_FEMALE,
            "male": cat.FIRST_NAMES_MALE,
            "nonbinary": cat.FIRST_NAMES_NEUTRAL,
        }[gender]
        return self.rng.choice(pool)
