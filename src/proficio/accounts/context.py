"""What the page header needs to know about the signed-in user, for every template."""

from __future__ import annotations

from django.http import HttpRequest

from proficio.accounts.two_factor.eligibility import holds_staff_role


def account_links(request: HttpRequest) -> dict[str, bool]:
    """Staff get a link to two-factor set-up; everyone signed in gets their API tokens."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"offers_two_factor": False}
    return {"offers_two_factor": holds_staff_role(user)}
