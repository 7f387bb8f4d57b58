"""Security pieces that settings alone cannot express: the Content-Security-Policy header, the idle-session
timeout, and the longer password rule for staff.

Why our own CSP middleware rather than django-csp: the policy is one fixed string — no nonces, no
per-view exceptions, no report endpoint — so a package's configuration surface would be larger than the
code. The setting is named and shaped like Django 6's ``SECURE_CSP`` (directive → list of sources), so the
upgrade to Django's built-in middleware replaces this class and keeps the policy as it is.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

CSP_HEADER = "Content-Security-Policy"


def csp_header_value(policy: dict[str, list[str]]) -> str:
    """``{"default-src": ["'self'"], …}`` → ``default-src 'self'; …`` (a directive with no sources stands alone)."""
    return "; ".join(" ".join([directive, *sources]) for directive, sources in policy.items())


class ContentSecurityPolicyMiddleware:
    """Adds ``settings.SECURE_CSP`` to every response — pages, JSON, errors, files — unless a view set its own.

    The header on non-HTML responses costs nothing and matters: a JSON or uploaded file that a browser is
    tricked into rendering as a document still may not run script.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy: dict[str, list[str]] = getattr(settings, "SECURE_CSP", {})
        if policy and CSP_HEADER not in response.headers:
            response.headers[CSP_HEADER] = csp_header_value(policy)
        return response


SESSION_STARTED_KEY = "_proficio_session_started"
SESSION_SEEN_KEY = "_proficio_session_seen"
# The last-seen time is rewritten at most this often: exact to the minute is enough for a 30-minute timeout,
# and it spares a session write on every request.
_SEEN_GRANULARITY_SECONDS = 60


class IdleSessionMiddleware:
    """Logs out a session that has been idle too long, or that has outlived ``SESSION_COOKIE_AGE``.

    Django's own expiry is not enough on either count: the cookie age is renewed whenever the session is
    saved, so an active session would never end, and nothing ends an idle one before the cookie does.
    The request then goes on as anonymous, so pages redirect to the log-in page (with a message saying why)
    and the API answers 401, exactly as for any visitor who is not logged in.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        now = int(time.time())
        session = request.session
        started = session.get(SESSION_STARTED_KEY)
        seen = session.get(SESSION_SEEN_KEY)
        idle_limit: int = getattr(settings, "PROFICIO_SESSION_IDLE_SECONDS", 0)
        if started is not None and now - started > settings.SESSION_COOKIE_AGE:
            self._end(request, "Your session has ended; please log in again.")
            return
        if idle_limit and seen is not None and now - seen > idle_limit:
            minutes = max(1, idle_limit // 60)
            self._end(request, f"You were logged out after {minutes} minutes without activity.")
            return
        if started is None:
            session[SESSION_STARTED_KEY] = now
        if seen is None or now - seen >= _SEEN_GRANULARITY_SECONDS:
            session[SESSION_SEEN_KEY] = now

    @staticmethod
    def _end(request: HttpRequest, message: str) -> None:
        logout(request)
        if hasattr(request, "_messages"):
            messages.info(request, message)


class StaffMinimumLengthValidator:
    """A longer minimum for anyone who holds a staff role (or Django's ``is_staff``/``is_superuser``).

    A staff account opens many students' records, so guessing one is worth far more than guessing a
    student's; everyone else keeps the general minimum (``MinimumLengthValidator``), which young students
    can still manage. Staff status is read from the user's active memberships, so it applies when a
    password is changed or reset after the role is granted.
    """

    def __init__(self, min_length: int = 12) -> None:
        self.min_length = min_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length and _holds_staff_role(user):
            raise ValidationError(
                f"Staff passwords must contain at least {self.min_length} characters.",
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self) -> str:
        return f"If you hold a staff role, your password must contain at least {self.min_length} characters."


def _holds_staff_role(user: Any) -> bool:
    if user is None:
        return False
    if getattr(user, "is_staff", False) or getattr(user, "is_superuser", False):
        return True
    from proficio.accounts.two_factor.eligibility import holds_staff_role

    return holds_staff_role(user)
