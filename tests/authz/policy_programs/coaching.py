"""Who may reach each route of this slice of the programs pages (merged into tests/authz/policy.py's WEB).

Coaching, site visits and action plans. Whoever reaches the school's programs pages reads them; writes are narrower
and anyone else's write is a 404. The world's site visit is shared with the coach, so the coach reads it.
"""

from __future__ import annotations

from tests.authz.route_sets import NETWORK_STAFF, NOBODY, PROGRAM_READERS, Route

# Only the school's assigned coach logs a session, as themselves.
SESSION_LOGGERS = frozenset({"coach"})
# A site visit is an outside look: the network's staff, the school's coaches and the district's admins record it.
VISITORS = frozenset({"network_staff", "coach", "district_admin"})
# The action plan is the leadership team's, with the coach.
PLAN_WRITERS = frozenset({"leadership_team", "school_leader", "coach"})

ROUTES: dict[str, Route] = {
    "programs-school-coaching": Route(get=PROGRAM_READERS, post=SESSION_LOGGERS),
    "programs-network-coaching": Route(get=NETWORK_STAFF, post=NOBODY),
    "programs-school-site-visits": Route(get=PROGRAM_READERS, post=VISITORS),
    "programs-site-visit": Route(get=PROGRAM_READERS, post=NOBODY),
    "programs-site-visit-share": Route(get=NOBODY, post=VISITORS),
    "programs-school-action-plan": Route(get=PROGRAM_READERS, post=PLAN_WRITERS),
    "programs-action-plan-steps": Route(get=NOBODY, post=PLAN_WRITERS),
    "programs-action-step": Route(get=PROGRAM_READERS, post=PLAN_WRITERS),
}
