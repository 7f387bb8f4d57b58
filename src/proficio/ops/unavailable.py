"""A clean 503 while the database cannot be reached: a plain retry message instead of a server error.

When PostgreSQL restarts, fails over or is out of connections, every request that needs it fails with
``OperationalError`` or ``InterfaceError``. Without this middleware each such request is a 500 page and a
logged traceback; with it, the person sees a short page (or an API client a JSON body) saying to try again,
with ``Retry-After``, and the operator sees one log line per outage per process.

Invariants:
- the answer never reaches the database: the page is rendered without a request context (no session, no user);
- browsers get ``templates/ops/database_unavailable.html``, the JSON API (``/api/``) its error envelope
  ``{"error": {"code": "unavailable", "message": MESSAGE}}``, and other requests that ask for JSON
  ``{"ok": false, "error": MESSAGE}``: all with status 503, ``Retry-After`` and the same message;
- a request that fails for any other reason is left to Django's own handling;
- a process logs the first failure of an outage as a warning (one line, no traceback) and its end as info.

Where the error can arise, and how each is caught:
- before the request: the middleware checks the connection first (the health check Django makes on a
  request's first query anyway, with ``CONN_HEALTH_CHECKS``), so a database already down is answered at once;
- in a view: ``process_exception`` turns the error into the 503 (the JSON API's own handlers would make it a
  500, so ``proficio.api.site`` registers ``answer_unreachable`` for these errors);
- in a middleware further in (the session, the user), when the database goes down mid-request: Django has
  already made that a 500 (and logged it); the ``got_request_exception`` signal marks the request, and the
  middleware replaces the 500 with the 503 on its way out.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from typing import Any

from django.core.signals import got_request_exception
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

MESSAGE = "proficio cannot reach its database at the moment. Please try again in a few seconds."
RETRY_AFTER_SECONDS = 5
UNREACHABLE = (OperationalError, InterfaceError)

_down_since: float | None = None  # this process's current outage, if any (monotonic time of its first failure)
_MARK = "_proficio_database_unreachable"


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 answer, built without touching the database."""
    if request.path.startswith("/api/"):  # the API's error envelope (proficio.api.errors)
        response: HttpResponse = JsonResponse({"error": {"code": "unavailable", "message": MESSAGE}}, status=503)
    elif wants_json(request):  # the web app's own JSON endpoints answer {"ok": false, "error": …}
        response = JsonResponse({"ok": False, "error": MESSAGE}, status=503)
    else:
        response = HttpResponse(render_to_string("ops/database_unavailable.html", {"message": MESSAGE}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def answer_unreachable(request: HttpRequest, error: Exception) -> HttpResponse:
    """The 503 for a request that ``error`` (one of ``UNREACHABLE``) stopped; the outage's first is logged."""
    global _down_since
    if _down_since is None:
        _down_since = time.monotonic()
        logger.warning("The database is unreachable; answering 503 until it is back: %s", str(error).strip())
    return unavailable_response(request)


def _reached() -> None:
    global _down_since
    if _down_since is not None:
        logger.info("The database is reachable again after %.1f s.", time.monotonic() - _down_since)
        _down_since = None


def _mark_unreachable(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Django is turning an uncaught exception into a 500: note on the request whether the database caused it."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, UNREACHABLE):
        setattr(request, _MARK, error)


got_request_exception.connect(_mark_unreachable, dispatch_uid="proficio.ops.unavailable")


class DatabaseUnavailableMiddleware:
    """Answer 503 with a retry message while the database is unreachable (see the module's docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            connection = connections[DEFAULT_DB_ALIAS]
            # A persistent connection the server has dropped is replaced here rather than failing mid-request.
            connection.close_if_health_check_failed()
            connection.ensure_connection()
        except UNREACHABLE as error:
            return answer_unreachable(request, error)
        _reached()
        response = self.get_response(request)
        lost = getattr(request, _MARK, None)
        if response.status_code == 500 and lost is not None:
            return answer_unreachable(request, lost)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return answer_unreachable(request, exception) if isinstance(exception, UNREACHABLE) else None
