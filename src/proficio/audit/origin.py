"""Where a request came from: the client's address and browser, as far as they can be trusted.

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only when the request arrives
from a proxy the operator has named in ``PROFICIO_TRUSTED_PROXIES`` (addresses or networks, a list or a
comma-separated string). The header is then read from the right, skipping those proxies: the first address
that is not one of them is the last hop nobody we trust could have forged. Without that list,
``PROFICIO_BEHIND_PROXY`` (one reverse proxy of our own, as the log-in throttle reads it) takes the last
entry, so the trail and the throttle name the same address.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
USER_AGENT_MAX = 500


def _parse_ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def trusted_proxies() -> list[IPNetwork]:
    configured = getattr(settings, "PROFICIO_TRUSTED_PROXIES", None) or []
    entries: Iterable[str] = configured.split(",") if isinstance(configured, str) else configured
    networks = []
    for entry in entries:
        if entry.strip():
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
    return networks


def _is_trusted(address: str, proxies: list[IPNetwork]) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in proxies)


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address, or None when there is no request or no valid address."""
    if request is None:
        return None
    remote = _parse_ip(request.META.get("REMOTE_ADDR", "") or "")
    hops = [_parse_ip(part) for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    proxies = trusted_proxies()
    if not proxies and getattr(settings, "PROFICIO_BEHIND_PROXY", False):
        # One reverse proxy of our own (the log-in throttle's setting): its entry is the last one.
        return hops[-1] or remote
    if remote is None or not proxies or not _is_trusted(remote, proxies):
        return remote
    for hop in reversed(hops):
        if hop is None:
            return remote  # a malformed entry: nothing to its left can be trusted
        if not _is_trusted(hop, proxies):
            return hop
    return next((hop for hop in hops if hop), remote)


def user_agent(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(request.META.get("HTTP_USER_AGENT", ""))[:USER_AGENT_MAX]
