"""Who may reach each route of this slice of the programs pages (merged into tests/authz/policy.py's WEB).

The Global Best Practices self-assessment: whoever reads the school's programs pages reads it; the school's
leadership team, its leaders and its district's admins start and rate it (coaches and network staff read only);
the network's roll-up is for its staff.
"""

from __future__ import annotations

from tests.authz.route_sets import NETWORK_STAFF, NOBODY, PROGRAM_READERS, Route

SCORERS = frozenset({"leadership_team", "school_leader", "district_admin"})

ROUTES: dict[str, Route] = {
    "programs-school-gbp": Route(get=PROGRAM_READERS, post=SCORERS),
    "programs-school-gbp-administration": Route(get=PROGRAM_READERS, post=SCORERS),
    "programs-school-gbp-compare": Route(get=PROGRAM_READERS, post=NOBODY),
    "programs-network-gbp": Route(get=NETWORK_STAFF, post=NOBODY),
}
