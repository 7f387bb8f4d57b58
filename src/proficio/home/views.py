"""The home page: each user sees a panel for every role they hold, and only what those roles let them see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from proficio.accounts.models import User
from proficio.home.panels import panels_for


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    return render(request, "home/home.html", {"panels": panels_for(user)})
