"""No session of a user with two-factor turned on lasts without a verified code."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django_otp import user_has_device


class SecondFactorRequiredMiddleware:
    """Logs out an authenticated but unverified session of a user who has a confirmed device.

    Our log-in page never creates such a session (it logs the user in only after the code), but other
    paths can — the Django admin's log-in form, a session from before the device was confirmed in another
    browser. Ending the session, rather than redirecting it somewhere, means every page and API call then
    sees an anonymous visitor and answers as it always does (log-in redirect, 401), with nothing to forget.
    Runs after ``django_otp.middleware.OTPMiddleware``, which sets ``user.is_verified()``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified() and user_has_device(user):  # type: ignore[union-attr,attr-defined]
            logout(request)
            if hasattr(request, "_messages"):
                messages.info(request, "This account uses two-factor authentication: log in here to enter your code.")
        return self.get_response(request)
