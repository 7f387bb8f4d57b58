"""The tokens page: make a personal access token (its secret shown once), see yours, revoke one."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from proficio.accounts.models import User
from proficio.api import tokens
from proficio.api.forms import TokenForm
from proficio.api.models import AccessToken

MAX_USABLE_TOKENS = 20
"""More live tokens than this is a sign of tokens made and forgotten, each one a door left open."""


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@never_cache  # the response that shows a new secret must not be kept by any cache
@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = TokenForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        if user.access_tokens.usable().count() >= MAX_USABLE_TOKENS:
            form.add_error(None, f"You have {MAX_USABLE_TOKENS} tokens that still work; revoke one you no longer use.")
        else:
            issued = tokens.issue(
                user=user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                lifetime=timedelta(days=form.cleaned_data["lifetime"]),
            )
            form = TokenForm()
    context = {"form": form, "issued": issued, "tokens": AccessToken.objects.for_user(user)}
    status = 201 if issued else (422 if form.errors else 200)
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(AccessToken.objects.for_user(_user(request)), pk=token_id)
    tokens.revoke(token)
    messages.success(request, f"“{token.name}” is revoked: it no longer works.")
    return redirect("api-tokens")
