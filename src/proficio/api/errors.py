"""One error body for every refusal: ``{"error": {"code", "message", "details"?}}``.

The schemas below are declared on every operation, so the OpenAPI document lists each status a client can
meet and schemathesis can check the bodies against them.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema
from ninja.errors import AuthenticationError, HttpError

CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "throttled",
    500: "server_error",
}


class ErrorDetail(Schema):
    code: str
    message: str
    details: Any = None


class ErrorOut(Schema):
    error: ErrorDetail


READ_ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 413: ErrorOut, 422: ErrorOut}
"""The refusals any reading operation may answer with."""

WRITE_ERRORS: dict[int, type[Schema]] = {**READ_ERRORS, 403: ErrorOut, 409: ErrorOut}
"""Writes may also be refused for a read-only token or a missing CSRF token (403), or a clash with history (409)."""


def responses(ok: dict[int, Any], *, write: bool = False) -> dict[int, Any]:
    """An operation's documented responses: its own, plus the shared error bodies."""
    return {**(WRITE_ERRORS if write else READ_ERRORS), **ok}


class NotFound(HttpError):
    """Out of scope and non-existent look the same: whether a record exists is not everyone's to learn."""

    def __init__(self, what: str) -> None:
        super().__init__(404, f"No such {what} among those you may see.")


class Conflict(HttpError):
    """The request is valid but clashes with recorded history (a slot already scored, a score already corrected)."""

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(409, message)
        self.details = details


class TokenRejected(AuthenticationError):
    """A bearer token was sent but does not authenticate: unknown, expired or revoked. Never falls back to the
    session, so a script with a dead token learns so instead of acting as whoever is logged in."""

    def __init__(self, message: str) -> None:
        super().__init__(401, message)


def body(status: int, message: str, details: Any = None, code: str | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code or CODES.get(status, "error"), "message": message}
    if details is not None:
        error["details"] = details
    return {"error": error}
