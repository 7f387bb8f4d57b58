"""The half-finished log-in between the password and the code.

The password step stores only the user's id, the backend that accepted the password, where to go next, and
when; the user is *not* logged in, so no page, API call or admin view treats the session as theirs. The
code step logs them in (``views.verify``). A pending log-in lapses after a few minutes, so a password typed
on a shared computer does not wait there for someone else to finish.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.http import HttpRequest

from proficio.accounts.models import User

SESSION_KEY = "_proficio_pending_login"
LIFETIME_SECONDS = 5 * 60


@dataclass(frozen=True)
class PendingLogin:
    user: User
    backend: str
    next_url: str


def start(request: HttpRequest, user: User, backend: str, next_url: str) -> None:
    request.session[SESSION_KEY] = {"user": user.pk, "backend": backend, "next": next_url, "at": int(time.time())}


def current(request: HttpRequest) -> PendingLogin | None:
    """The pending log-in, if there is one still fresh and its user can still log in."""
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    if int(time.time()) - int(data.get("at", 0)) > LIFETIME_SECONDS:
        clear(request)
        return None
    user_id = data.get("user")
    user = User.objects.filter(pk=int(user_id), is_active=True).first() if user_id else None
    if user is None:
        clear(request)
        return None
    return PendingLogin(user=user, backend=str(data["backend"]), next_url=str(data.get("next") or ""))


def clear(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
