"""The one NinjaAPI instance under /api/v1/ (OpenAPI at /api/v1/docs).

Callers authenticate with a personal access token (``Authorization: Bearer …``) or the web app's session
(django-ninja checks the session's CSRF token on writes); each router checks object permissions through
``proficio.api.scope`` and ``roster.permissions``. Every refusal has one body shape,
``{"error": {"code", "message", "details"?}}``, and nothing — not even a bug — answers with a stack trace.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, URLResolver, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from proficio.api.auth import AUTH
from proficio.api.errors import Conflict, TokenRejected, body
from proficio.api.routers import (
    assessments,
    frameworks,
    indicators,
    results,
    schools,
    scores,
    sections,
    standards,
    students,
)
from proficio.interop.api import router as imports_router
from proficio.ops.unavailable import answer_unreachable

logger = logging.getLogger(__name__)


def _json_method_not_allowed(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """django-ninja answers a method a path lacks (PUT on a score, say) with a plain-text 405; give it the
    error body every other refusal has, keeping the ``Allow`` header."""

    @functools.wraps(view)  # keeps csrf_exempt: ninja checks CSRF itself, for session auth only
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            message = f"{request.method} is not allowed here (allowed: {allowed})."
            response = JsonResponse(body(405, message), status=405)
            response["Allow"] = allowed
        return response

    return wrapper


@csrf_exempt  # nothing here to protect, and a POST to a wrong path deserves the JSON 404 too
def _no_such_endpoint(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return JsonResponse(body(404, "No such API endpoint; the list is at /api/v1/docs."), status=404)


class ProficioAPI(NinjaAPI):
    """NinjaAPI whose URL list also gives 405s and unknown paths the API's error body."""

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        patterns = super()._get_urls()
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                root = pattern.name == "api-root"  # ninja's bare /api/v1/, an HTML 404 otherwise
                pattern.callback = _no_such_endpoint if root else _json_method_not_allowed(pattern.callback)
        return [*patterns, re_path(r"^.*$", _no_such_endpoint)]


api = ProficioAPI(
    title="proficio API",
    version="1",
    description="Schools, sections, students, frameworks, assessments, append-only scores and explained results. "
    "See docs/api.md for authentication, errors and pagination.",
    urls_namespace="api-v1",
    auth=AUTH,
    docs_url="/docs",
)


def _error(request: HttpRequest, status: int, message: str, details: object = None) -> HttpResponse:
    return api.create_response(request, body(status, message, details), status=status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = str(exc) if isinstance(exc, TokenRejected) else "Log in, or send a personal access token."
    response = _error(request, 401, message)
    response["WWW-Authenticate"] = 'Bearer realm="proficio"'
    return response


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _error(request, 422, "The request is not valid.", exc.errors)


@api.exception_handler(DjangoValidationError)
def _refused_by_domain_rules(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    """A service's ValidationError (a value off the scale, an indicator not aligned): 422, located by field."""
    if hasattr(exc, "error_dict"):
        details = [
            {"type": "invalid", "loc": ["body", field], "msg": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        details = [{"type": "invalid", "loc": ["body"], "msg": message} for message in exc.messages]
    return _error(request, 422, "The request is not valid.", details)


@api.exception_handler(Conflict)
def _conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
    return _error(request, 409, str(exc), exc.details)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "No such record among those you may see.")


@api.exception_handler(RequestDataTooBig)
def _too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return _error(request, 413, "The request body is too large.")


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def _database_unreachable(request: HttpRequest, exc: Exception) -> HttpResponse:
    """The database is down: a 503 with a retry message (proficio.ops.unavailable), not a bug's 500."""
    return answer_unreachable(request, exc)


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A bug: logged with its traceback for us, a plain 500 for the caller (no trace, whatever DEBUG says)."""
    logger.exception("Unhandled error in %s %s", request.method, request.path)
    return _error(request, 500, "Something went wrong on our side; it has been logged.")


api.add_router("/schools", schools.router)
api.add_router("/sections", sections.router)
api.add_router("/students", students.router)
api.add_router("/frameworks", frameworks.router)
api.add_router("/standards", standards.router)
api.add_router("/indicators", indicators.router)
api.add_router("/assessments", assessments.router)
api.add_router("/scores", scores.router)
api.add_router("/results", results.router)
api.add_router("/imports", imports_router)
