"""Builders shared by the audit tests: people in each role, logged-in clients, and the events since a point."""

from __future__ import annotations

from django.test import Client

from proficio.accounts.models import Membership, Role, User
from proficio.audit.models import AuditEvent
from proficio.roster.models import Guardian, GuardianLink, Student
from tests.factories import World, make_user

PASSWORD = "a-long-test-password"
BROWSER = "Mozilla/5.0 (audit test)"


def client_for(user: User, ip: str = "198.51.100.20") -> Client:
    """A logged-in client whose requests come from ``ip`` with a recognisable browser."""
    client = Client(REMOTE_ADDR=ip, HTTP_USER_AGENT=BROWSER)
    client.force_login(user)
    return client


def leader_of(world: World, name: str | None = None) -> User:
    leader = make_user(name or f"leader.{world.school.pk}", first_name="Lee", last_name="Leader")
    Membership.objects.create(user=leader, role=Role.SCHOOL_LEADER, school=world.school)
    return leader


def admin_of(world: World, name: str | None = None) -> User:
    admin = make_user(name or f"admin.{world.district.pk}", first_name="Ada", last_name="Admin")
    Membership.objects.create(user=admin, role=Role.DISTRICT_ADMIN, district=world.district)
    return admin


def guardian_of(*students: Student, name: str = "parent", active: bool = True) -> User:
    user = make_user(name, first_name="Pat", last_name="Parent")
    Membership.objects.create(user=user, role=Role.GUARDIAN)
    guardian = Guardian.objects.create(user=user)
    for student in students:
        GuardianLink.objects.create(guardian=guardian, student=student, is_active=active)
    return user


def last_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def events_since(mark: int, action: str | None = None) -> list[AuditEvent]:
    found = AuditEvent.objects.filter(id__gt=mark).order_by("id")
    return list(found.filter(action=action) if action else found)
