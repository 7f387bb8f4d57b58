"""Each logged-in user reads proficio in the language saved on their account (``User.preferred_language``).

Runs after LocaleMiddleware (which picks a language from the browser for visitors) and after authentication,
and overrides that choice for logged-in users.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

AVAILABLE = {code for code, _ in settings.LANGUAGES}


class PreferredLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "preferred_language", "") if user is not None and user.is_authenticated else ""
        if language in AVAILABLE:
            translation.activate(language)
            request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        if language in AVAILABLE:
            response.headers.setdefault("Content-Language", language)
        return response
