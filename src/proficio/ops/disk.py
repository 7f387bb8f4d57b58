"""A clear page instead of a 500 when the server's disk refuses a write: full, read-only, or over quota.

Views that write files (an export staged in ``PROFICIO_IMPORT_DIR``, an upload saved under ``MEDIA_ROOT``)
raise ``OSError`` when the disk is full or mounted read-only. That is an operator's problem, not a bug, so the
person gets a 503 page naming it (and that nothing was saved from the request), and the operator one warning
line per failure, without a traceback.

Invariants:
- only an ``OSError`` with one of ``REFUSED``'s errno values, raised or the cause of what was raised (a service
  that turns it into its own error, as the gradebook export does), is answered here; anything else stays
  Django's 500;
- the page is rendered without a request context, like the database-unavailable page it shares.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

REFUSED = {
    errno.ENOSPC: "its disk is full",
    errno.EDQUOT: "its disk quota is used up",
    errno.EROFS: "its storage is read-only",
    errno.EACCES: "it may not write to its storage folder",
}


def refused_response(error: OSError) -> HttpResponse:
    message = (
        f"The server could not write a file: {REFUSED[error.errno or 0]}. Nothing from this request was saved. "
        "Please tell your administrator; try again once they have fixed it."
    )
    context = {"heading": "The server's storage refused a write", "message": message}
    return HttpResponse(render_to_string("ops/database_unavailable.html", context), status=503)


class DiskRefusedMiddleware:
    """Answer a view's disk-full or read-only ``OSError`` with a 503 page that says so."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        refused = disk_refusal(exception)
        if refused is None:
            return None
        logger.warning("%s %s: a write was refused: %s", request.method, request.path, refused)
        return refused_response(refused)


def disk_refusal(exception: BaseException | None) -> OSError | None:
    """The disk's refusal behind ``exception``: itself or a cause of it, if any."""
    while exception is not None:
        if isinstance(exception, OSError) and exception.errno in REFUSED:
            return exception
        exception = exception.__cause__
    return None
