"""What a policy entry is, and the sets of roles the programs policies share (tests/authz/policy_programs/)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    get: frozenset[str]
    post: frozenset[str]


NOBODY: frozenset[str] = frozenset()
# A school's programs pages (programs.access): its network's staff, its district's admins, its leaders, its
# leadership team and its coaches.
PROGRAM_READERS = frozenset({"network_staff", "district_admin", "school_leader", "leadership_team", "coach"})
NETWORK_STAFF = frozenset({"network_staff"})
