"""Who may reach each route of this slice of the programs pages (merged into tests/authz/policy.py's WEB)."""

from __future__ import annotations

from tests.authz.route_sets import Route

ROUTES: dict[str, Route] = {}
