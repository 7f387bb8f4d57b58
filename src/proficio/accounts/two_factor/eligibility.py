"""Who may turn on two-factor authentication, and whether a user has."""

from __future__ import annotations

from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from proficio.accounts.models import ROLES_SCOPED_TO_DISTRICT, ROLES_SCOPED_TO_NETWORK, ROLES_SCOPED_TO_SCHOOL, User

# District admins, school leaders, teachers, advisors and coaches: everyone whose role reaches other
# people's records. Students and guardians see only their own (or their children's) and are not offered it.
STAFF_ROLES = frozenset(ROLES_SCOPED_TO_NETWORK | ROLES_SCOPED_TO_DISTRICT | ROLES_SCOPED_TO_SCHOOL)


def holds_staff_role(user: Any) -> bool:
    """True for Django staff and for anyone with an active staff membership (unsaved users have none)."""
    if getattr(user, "is_staff", False) or getattr(user, "is_superuser", False):
        return True
    if not isinstance(user, User) or user.pk is None:
        return False
    return user.memberships.active().filter(role__in=STAFF_ROLES).exists()


def confirmed_device(user: User) -> TOTPDevice | None:
    """The user's authenticator app, once a code from it has confirmed it."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user: User) -> TOTPDevice:
    """The device being set up: kept across page loads so a half-scanned secret stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device
