"""Login throttling: too many failed log-ins for one username, or from one address, lock further attempts.

Failures are rows in the database (``LoginAttempt``), not entries in Django's cache: the default cache is
per process, so with several server workers each would keep its own count and an attacker would get
*limit × workers* guesses. The database is the one store every worker shares, on SQLite and PostgreSQL
alike, and a failed log-in is rare enough that one small insert costs nothing.

The rule (limits in ``settings.PROFICIO_LOGIN_THROTTLE``): when the last *N* failures for a username (or
from an address) all fall within the window, attempts are refused until the lockout has run from the latest
of them. A refused attempt is not itself recorded, so hammering a locked account does not extend the lock
— the lock stays a fixed 15 minutes, which keeps the account usable by its owner once an attacker stops.

Nothing here depends on whether the username exists: a made-up name is counted and locked exactly like a
real one, so the answers do not tell an attacker which accounts there are. A completed log-in (after the
second factor, when there is one) clears the username's count; the address count is left to expire, so a
valid account cannot be used to reset the counter for guesses against others.

``ThrottledModelBackend`` enforces the lock inside ``authenticate()``, so every log-in form — ours and the
Django admin's — is covered by the same rule.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone

# How long failures are kept: long enough to reconstruct any current lock, short enough to stay small.
_RETENTION = timedelta(days=1)


@dataclass(frozen=True)
class Limits:
    per_username: int
    per_address: int
    window: timedelta
    lockout: timedelta


def limits() -> Limits:
    """The limits in force, read from settings each time so tests and operators can change them."""
    conf: dict[str, int] = {
        "per_username": 5,
        "per_address": 20,
        "window_minutes": 15,
        "lockout_minutes": 15,
        **getattr(settings, "PROFICIO_LOGIN_THROTTLE", {}),
    }
    return Limits(
        per_username=conf["per_username"],
        per_address=conf["per_address"],
        window=timedelta(minutes=conf["window_minutes"]),
        lockout=timedelta(minutes=conf["lockout_minutes"]),
    )


@dataclass(frozen=True)
class Lockout:
    """A lock in force, and how long it has left."""

    until: datetime

    @property
    def minutes_left(self) -> int:
        seconds = (self.until - timezone.now()).total_seconds()
        return max(1, math.ceil(seconds / 60))

    @property
    def message(self) -> str:
        minutes = self.minutes_left
        unit = "minute" if minutes == 1 else "minutes"
        return f"Too many failed attempts; try again in {minutes} {unit}."


def normalize(username: str | None) -> str:
    """The key a username is counted under: case and surrounding space do not make a fresh counter."""
    return (username or "").strip().casefold()[:150]


def client_address(request: HttpRequest | None) -> str | None:
    """The address a request came from, or None when there is no valid one.

    ``REMOTE_ADDR`` unless ``settings.PROFICIO_BEHIND_PROXY``: then the last ``X-Forwarded-For`` entry, the
    one our own reverse proxy appended (earlier entries are whatever the client chose to send). Without
    that setting the header is ignored, since anyone can forge it. Anything that is not an IP address is
    dropped, so a forged header cannot smuggle text into the database's address column.
    """
    if request is None:
        return None
    candidates = []
    if getattr(settings, "PROFICIO_BEHIND_PROXY", False):
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        candidates.extend(hops[-1:])
    candidates.append(request.META.get("REMOTE_ADDR") or "")
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def _lock_from(times: list[datetime], limit: int, rules: Limits) -> Lockout | None:
    """``times`` are the latest failures, newest first; locked if ``limit`` of them fit in the window."""
    if limit <= 0 or len(times) < limit:
        return None
    newest, oldest = times[0], times[limit - 1]
    if newest - oldest > rules.window:
        return None
    until = newest + rules.lockout
    return Lockout(until) if timezone.now() < until else None


def lockout_for(username: str | None, address: str | None) -> Lockout | None:
    """The lock that refuses this attempt, if any (the username's, else the address's)."""
    from proficio.accounts.models import LoginAttempt

    rules = limits()
    since = timezone.now() - rules.window - rules.lockout
    recent = LoginAttempt.objects.filter(attempted_at__gte=since).order_by("-attempted_at")
    key = normalize(username)
    if key:
        times = list(
            recent.filter(username=key, cleared=False).values_list("attempted_at", flat=True)[: rules.per_username]
        )
        if lock := _lock_from(times, rules.per_username, rules):
            return lock
    if address:
        times = list(recent.filter(ip_address=address).values_list("attempted_at", flat=True)[: rules.per_address])
        if lock := _lock_from(times, rules.per_address, rules):
            return lock
    return None


def record_failure(username: str | None, address: str | None) -> None:
    """Count one failed attempt (a wrong password or a wrong second-factor code), and prune old rows."""
    from proficio.accounts.models import LoginAttempt

    now = timezone.now()
    LoginAttempt.objects.create(username=normalize(username), ip_address=address, attempted_at=now)
    LoginAttempt.objects.filter(attempted_at__lt=now - _RETENTION).delete()


def record_success(*usernames: str | None) -> None:
    """A completed log-in clears the username's count (the address's count expires on its own).

    Pass both the name as typed and the account's own, in case they differ only in case.
    """
    from proficio.accounts.models import LoginAttempt

    keys = {normalize(name) for name in usernames} - {""}
    LoginAttempt.objects.filter(username__in=keys, cleared=False).update(cleared=True)


class ThrottledModelBackend(ModelBackend):
    """Django's username/password backend, refusing locked usernames and addresses and counting failures.

    Raising ``PermissionDenied`` stops ``authenticate()`` from trying further backends and still sends
    ``user_login_failed``, so the audit trail records refused attempts too. The check runs before the
    password is hashed, so a locked account answers the same whether or not it exists.
    """

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> AbstractBaseUser | None:  # type: ignore[override]
        from proficio.accounts.models import User

        username = kwargs.get("username", kwargs.get(User.USERNAME_FIELD))
        if username is None or kwargs.get("password") is None:
            return None
        address = client_address(request)
        if lockout_for(username, address):
            raise PermissionDenied("Too many failed attempts.")
        user = super().authenticate(request, **kwargs)
        if user is None:
            record_failure(username, address)
        return user


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's log-in form, saying "try again in N minutes" when a lock refused the attempt.

    The lock message is shown for any username once it (or the address) is locked, whether the account
    exists or not, and it replaces the usual message as soon as the failure that triggered the lock.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Your username and password did not match. Please try again.",
    }

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except ValidationError:
            lock = lockout_for(self.cleaned_data.get("username"), client_address(self.request))
            if lock is not None:
                raise ValidationError(lock.message, code="throttled") from None
            raise
