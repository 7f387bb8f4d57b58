"""Log in, log out, and the landing page that shows each user what their roles let them see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from proficio.accounts.landing import panels_for
from proficio.accounts.models import User


class ProficioLoginView(LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class ProficioLogoutView(LogoutView):
    pass


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    return render(request, "accounts/home.html", {"panels": panels_for(user)})
