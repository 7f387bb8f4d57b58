"""Turning two-factor on and off (staff), and the code step of logging in (anyone with a device)."""

from __future__ import annotations

import base64
import io

import segno
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from proficio.accounts import throttle
from proficio.accounts.models import User
from proficio.accounts.two_factor import pending
from proficio.accounts.two_factor.eligibility import confirmed_device, holds_staff_role, pending_device
from proficio.accounts.two_factor.forms import CodeForm


def check_code(device: TOTPDevice, code: str) -> bool:
    """Verify under a row lock, so two requests cannot both spend the same code (django-otp refuses reuse
    of a time step it has already accepted, and backs off after failures)."""
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        return bool(locked.verify_token(code))


def _staff_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not holds_staff_role(user):
        raise PermissionDenied("Two-factor authentication is offered to staff accounts.")
    return user


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _base32_secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Show the secret of a new device and confirm it with a code; or, once on, turn it off with a code."""
    user = _staff_user(request)
    device = confirmed_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if device is None:
            candidate = pending_device(user)
            if check_code(candidate, code):
                candidate.confirmed = True
                candidate.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=user).exclude(pk=candidate.pk).delete()
                otp_login(request, candidate)
                messages.success(request, "Two-factor authentication is on. Log-ins will ask for a code.")
                return redirect("two_factor")
        elif check_code(device, code):
            TOTPDevice.objects.filter(user=user).delete()
            messages.success(request, "Two-factor authentication is off.")
            return redirect("two_factor")
        form.add_error("code", "That code is not right. Check the time on your phone and try the next code.")
    context: dict[str, object] = {"form": form, "enabled": device is not None}
    if device is None:
        candidate = pending_device(user)
        secret = _base32_secret(candidate)
        context.update(secret=_grouped(secret), otpauth_url=candidate.config_url)
    return render(request, "accounts/two_factor.html", context)


@never_cache
@login_required
@require_GET
def qr_code(request: HttpRequest) -> HttpResponse:
    """The otpauth address as an SVG QR code — an image of its own, so the page holds no inline content.

    Only while setting up: once confirmed, the secret is never shown again.
    """
    user = _staff_user(request)
    if confirmed_device(user) is not None:
        raise Http404("Two-factor authentication is already on.")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        raise Http404("Open the two-factor page first.")
    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        buffer, kind="svg", scale=5, border=4, dark="#000", light="#fff", title="Two-factor set-up code"
    )
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of logging in: the code. Only a right code logs the user in.

    Wrong codes count against the username like wrong passwords (``accounts.throttle``) and are reported
    as failed log-ins (``user_login_failed``) for the audit trail.
    """
    if request.user.is_authenticated:
        return redirect("home")
    attempt = pending.current(request)
    if attempt is None:
        messages.info(request, "Your log-in took too long; please start again.")
        return redirect("login")
    user = attempt.user
    form = CodeForm(request.POST or None)
    error = ""
    if request.method == "POST":
        address = throttle.client_address(request)
        lock = throttle.lockout_for(user.get_username(), address)
        if lock is not None:
            error = lock.message
        elif form.is_valid():  # a mistyped code (not six digits) is not a guess, and is not counted
            device = confirmed_device(user)
            if device is not None and check_code(device, form.cleaned_data["code"]):
                pending.clear(request)
                auth_login(request, user, backend=attempt.backend)
                otp_login(request, device)
                throttle.record_success(user.get_username())
                return redirect(_safe_next(request, attempt.next_url))
            throttle.record_failure(user.get_username(), address)
            user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
            lock = throttle.lockout_for(user.get_username(), address)
            error = lock.message if lock else "That code is not right. Try the code your app shows now."
    return render(request, "accounts/login_code.html", {"form": form, "error": error})


def _safe_next(request: HttpRequest, next_url: str) -> str:
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse("home")
