"""Who may reach each route of this slice of the programs pages (merged into tests/authz/policy.py's WEB): PLGs,
the classroom-visit tool, change stories and the practice library."""

from __future__ import annotations

from tests.authz.route_sets import NETWORK_STAFF, NOBODY, PROGRAM_READERS, Route

# A school's leaders, its leadership team and its coaches record its PLGs, visits and sharings.
SCHOOL_WRITERS = frozenset({"school_leader", "leadership_team", "coach"})
# Network staff hold the story calls, so they collect stories too.
STORY_COLLECTORS = SCHOOL_WRITERS | NETWORK_STAFF
# The practice library: read by the network's staff and every reader of a member school's programs pages; added
# to by the staff and member schools' leaders and leadership teams; adopted by the latter for their school.
SCHOOL_SHARERS = frozenset({"school_leader", "leadership_team"})

ROUTES: dict[str, Route] = {
    "programs-plgs": Route(get=PROGRAM_READERS, post=SCHOOL_WRITERS),
    "programs-plg": Route(get=PROGRAM_READERS, post=SCHOOL_WRITERS),
    "programs-classroom-visits": Route(get=PROGRAM_READERS, post=SCHOOL_WRITERS),
    "programs-faculty-sharing": Route(get=NOBODY, post=SCHOOL_WRITERS),
    "programs-default-practices": Route(get=NOBODY, post=SCHOOL_WRITERS),
    "programs-school-stories": Route(get=PROGRAM_READERS, post=STORY_COLLECTORS),
    "programs-network-stories": Route(get=NETWORK_STAFF, post=NETWORK_STAFF),
    "programs-story-code": Route(get=NOBODY, post=NETWORK_STAFF),
    "programs-story-composite": Route(get=NETWORK_STAFF, post=NETWORK_STAFF),
    "programs-story-ranking": Route(get=NETWORK_STAFF, post=NETWORK_STAFF),
    "programs-practices": Route(get=PROGRAM_READERS, post=NETWORK_STAFF | SCHOOL_SHARERS),
    "programs-practice": Route(get=PROGRAM_READERS, post=SCHOOL_SHARERS),
}
