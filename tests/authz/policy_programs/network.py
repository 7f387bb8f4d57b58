"""Who may reach each route of this slice of the programs pages (merged into tests/authz/policy.py's WEB).

The network's own pages (its initiatives, grid across schools, events and attendance) are its staff's alone: a
school's people, its coaches and another network's staff get 404. A school's programs hub and final report are
read by whoever reads its programs pages; the final report's answers are written by its leaders and leadership
team only (anyone else's write is a 404).
"""

from __future__ import annotations

from tests.authz.route_sets import NETWORK_STAFF, NOBODY, PROGRAM_READERS, Route

FINAL_REPORT_WRITERS = frozenset({"school_leader", "leadership_team"})

ROUTES: dict[str, Route] = {
    "programs-network": Route(get=NETWORK_STAFF, post=NOBODY),
    "programs-network-grid": Route(get=NETWORK_STAFF, post=NOBODY),
    "programs-network-events": Route(get=NETWORK_STAFF, post=NETWORK_STAFF),
    "programs-event-attendance": Route(get=NETWORK_STAFF, post=NETWORK_STAFF),
    "programs-school": Route(get=PROGRAM_READERS, post=NOBODY),
    "programs-school-final-report": Route(get=PROGRAM_READERS, post=FINAL_REPORT_WRITERS),
    "programs-school-final-report-pdf": Route(get=PROGRAM_READERS, post=NOBODY),
}
