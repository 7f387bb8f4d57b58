"""The authorization matrix: every route × every role × read and write, against the declared policy.

Objects live in district A (see world.py); roles include people with no reason to see them (another
teacher of the same school, a classmate, a former guardian, every role of district B). The test fails on
any difference from the policy — an unexpected allow (a leak) or an unexpected deny (a broken page) — and
on any route without a policy entry.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authz.policy import WEB
from tests.authz.world import ROLES, AuthzWorld, build_world

pytestmark = pytest.mark.django_db

PARAMETER_OVERRIDES = {("case:item", "identifier"): "item_identifier"}
SKIPPED_PREFIXES = ("admin/", "api/")  # Django's admin has its own staff check; the API has its own matrix


def _web_routes() -> Iterator[tuple[str, list[str]]]:
    """(name, URL parameters) of every web route, names with their namespace (``case:package``)."""

    def walk(patterns: list[object], prefix: str, namespace: str) -> Iterator[tuple[str, list[str]]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                route = prefix + str(pattern.pattern)
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                if not route.startswith(SKIPPED_PREFIXES):
                    yield from walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern):
                name = namespace + pattern.name if pattern.name else prefix + str(pattern.pattern)
                yield name, list(pattern.pattern.converters)

    yield from walk(get_resolver().url_patterns, "", "")


def _reached(name: str, response: HttpResponse) -> bool:
    if response.status_code in (401, 403, 404, 405):
        return False
    if name == "logout":  # logging out ends on the log-in page by design
        return response.status_code == 302
    location = response.get("Location", "")
    return not (response.status_code in (301, 302) and "/login/" in location)


def test_every_route_has_a_policy() -> None:
    names = {name for name, _ in _web_routes()}
    assert names - set(WEB) == set(), "routes without a declared policy"
    assert set(WEB) - names == set(), "policy entries for routes that no longer exist"


# Two halves of the roles, each its own test: the test workers share the matrix, the slowest test of the suite.
HALVES = [ROLES[: len(ROLES) // 2], ROLES[len(ROLES) // 2 :]]


@pytest.mark.parametrize("roles", HALVES, ids=["first half of the roles", "second half of the roles"])
def test_the_matrix_matches_the_policy(roles: tuple[str, ...]) -> None:
    world: AuthzWorld = build_world()
    differences = []
    checked = 0
    for name, params in _web_routes():
        kwargs = {param: world.ids[PARAMETER_OVERRIDES.get((name, param), param)] for param in params}
        url = reverse(name, kwargs=kwargs)
        for method, allowed in (("GET", WEB[name].get), ("POST", WEB[name].post)):
            for role in roles:
                # A POST may end or change the session (logging out, a language), so each gets a fresh client.
                client = world.reading_client(role) if method == "GET" else world.client(role)
                response = client.get(url) if method == "GET" else client.post(url, {})
                checked += 1
                reached = _reached(name, response)
                if reached != (role in allowed):
                    what = "allowed" if reached else "denied"
                    differences.append(f"{method} {url} as {role}: {what} ({response.status_code})")
    print(f"authorization matrix: {checked} requests")
    assert differences == [], "\n".join(differences)
