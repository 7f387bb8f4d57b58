"""Log in (with the two-factor step when the user has a device) and log out; the home page is ``proficio.home``."""

from __future__ import annotations

from django.contrib.auth.views import LoginView, LogoutView
from django.http import HttpResponse
from django.shortcuts import redirect

from proficio.accounts import throttle
from proficio.accounts.models import User
from proficio.accounts.two_factor import pending
from proficio.accounts.two_factor.eligibility import confirmed_device


class ProficioLoginView(LoginView):
    """The password step. Throttled (``accounts.throttle``); with two-factor on, it hands over to the code
    step without logging the user in (``accounts.two_factor``)."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    authentication_form = throttle.ThrottledAuthenticationForm

    def form_valid(self, form: throttle.ThrottledAuthenticationForm) -> HttpResponse:  # type: ignore[override]
        user = form.get_user()
        assert isinstance(user, User)
        if confirmed_device(user) is not None:
            pending.start(self.request, user, user.backend, self.get_success_url())  # type: ignore[attr-defined]
            return redirect("login_code")
        response = super().form_valid(form)
        throttle.record_success(form.cleaned_data.get("username"), user.get_username())
        return response


class ProficioLogoutView(LogoutView):
    pass
