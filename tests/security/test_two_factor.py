"""Optional TOTP two-factor for staff: set up with a code, then every log-in needs one."""

from __future__ import annotations

import base64
import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from proficio.accounts.models import LoginAttempt, Membership, Role, User
from tests.factories import make_user, make_world
from tests.security.totp import totp

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def _no_backoff(settings: object) -> None:
    """django-otp waits 1, 2, 4 … seconds after each wrong code; tests of our own rules should not wait."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # type: ignore[attr-defined]


@pytest.fixture
def teacher() -> User:
    return make_world().teacher


def _secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode()


def _enable(user: User) -> TOTPDevice:
    """A confirmed device whose last accepted code was long ago, so the current one is fresh."""
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def _password_step(client: Client, user: User, next_url: str = "") -> object:
    data = {"username": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


def test_the_rfc_6238_test_vector_holds() -> None:
    """Our reference implementation in tests/security/totp.py is the one an authenticator app uses."""
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp(secret, at=59, digits=8) == "94287082"


# Setting up


def test_a_teacher_sees_the_secret_and_the_otpauth_address(client: Client, teacher: User) -> None:
    client.force_login(teacher)
    response = client.get(reverse("two_factor"))
    assert response.status_code == 200
    html = response.content.decode()
    device = TOTPDevice.objects.get(user=teacher)
    assert device.confirmed is False
    secret = _secret(device)
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html
    assert f"otpauth://totp/proficio%3A{teacher.username}?secret={secret}" in html
    assert response["Cache-Control"].startswith("max-age=0")
    assert 'src="/account/two-factor/qr.svg"' in html


def test_reloading_keeps_the_same_secret(client: Client, teacher: User) -> None:
    client.force_login(teacher)
    client.get(reverse("two_factor"))
    client.get(reverse("two_factor"))
    assert TOTPDevice.objects.filter(user=teacher).count() == 1


def test_the_qr_code_is_an_svg_image_of_its_own(client: Client, teacher: User) -> None:
    client.force_login(teacher)
    client.get(reverse("two_factor"))
    response = client.get(reverse("two_factor_qr"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith(b"<?xml")
    assert b"<svg" in response.content
    assert b"<script" not in response.content


def test_a_code_from_the_shown_secret_turns_it_on(client: Client, teacher: User) -> None:
    client.force_login(teacher)
    html = client.get(reverse("two_factor")).content.decode()
    secret = re.search(r'<p class="secret code" id="secret">([A-Z2-7 ]+)</p>', html)
    assert secret is not None
    response = client.post(reverse("two_factor"), {"code": totp(secret.group(1))}, follow=True)
    assert "Two-factor authentication is on" in response.content.decode()
    assert TOTPDevice.objects.get(user=teacher).confirmed
    # The session that turned it on counts as verified, and the secret is not shown again.
    again = client.get(reverse("two_factor"))
    assert again.status_code == 200
    assert "<strong>On.</strong>" in again.content.decode()
    assert "secret code" not in again.content.decode()
    assert client.get(reverse("two_factor_qr")).status_code == 404


def test_a_wrong_code_does_not_turn_it_on(client: Client, teacher: User) -> None:
    client.force_login(teacher)
    client.get(reverse("two_factor"))
    device = TOTPDevice.objects.get(user=teacher)
    wrong = "000000" if totp(_secret(device)) != "000000" else "111111"
    response = client.post(reverse("two_factor"), {"code": wrong})
    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.get(user=teacher).confirmed


def test_a_code_with_a_space_is_accepted(client: Client, teacher: User) -> None:
    client.force_login(teacher)
    client.get(reverse("two_factor"))
    code = totp(_secret(TOTPDevice.objects.get(user=teacher)))
    client.post(reverse("two_factor"), {"code": f"{code[:3]} {code[3:]}"})
    assert TOTPDevice.objects.get(user=teacher).confirmed


@pytest.mark.parametrize("role", [Role.STUDENT, Role.GUARDIAN])
def test_students_and_guardians_are_not_offered_it(client: Client, role: str) -> None:
    user = make_user("someone")
    Membership.objects.create(user=user, role=role)
    client.force_login(user)
    assert client.get(reverse("two_factor")).status_code == 403
    assert client.get(reverse("two_factor_qr")).status_code == 403


def test_every_staff_role_is_offered_it(client: Client) -> None:
    world = make_world()
    for role in (Role.SCHOOL_LEADER, Role.ADVISOR, Role.COACH):
        user = make_user(f"staff-{role}")
        Membership.objects.create(user=user, role=role, school=world.school)
        client.force_login(user)
        assert client.get(reverse("two_factor")).status_code == 200, role
    admin = make_user("district-admin")
    Membership.objects.create(user=admin, role=Role.DISTRICT_ADMIN, district=world.district)
    client.force_login(admin)
    assert client.get(reverse("two_factor")).status_code == 200


def test_turning_it_off_needs_a_code(client: Client, teacher: User) -> None:
    device = _enable(teacher)
    _password_step(client, teacher)
    client.post(reverse("login_code"), {"code": totp(_secret(device))})
    response = client.post(reverse("two_factor"), {"code": "12345x"})
    assert "Enter the 6 digits" in response.content.decode()
    assert TOTPDevice.objects.filter(user=teacher).exists()
    # The current code was spent logging in; the next one is within django-otp's tolerance of one step.
    client.post(reverse("two_factor"), {"code": totp(_secret(device), at=time.time() + 30)})
    assert not TOTPDevice.objects.filter(user=teacher).exists()


# Logging in


def test_the_password_alone_does_not_log_in(client: Client, teacher: User) -> None:
    _enable(teacher)
    response = _password_step(client, teacher)
    assert response.status_code == 302
    assert response["Location"] == reverse("login_code")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302
    assert client.get("/api/v1/schools").status_code == 401
    assert client.get("/admin/").status_code == 302


def test_the_right_code_logs_in_and_goes_on_to_next(client: Client, teacher: User) -> None:
    device = _enable(teacher)
    _password_step(client, teacher, next_url="/account/two-factor/")
    page = client.get(reverse("login_code"))
    assert "Enter your code" in page.content.decode()
    response = client.post(reverse("login_code"), {"code": totp(_secret(device))})
    assert response.status_code == 302
    assert response["Location"] == "/account/two-factor/"
    assert client.session["_auth_user_id"] == str(teacher.pk)
    assert client.get(reverse("home")).status_code == 200
    assert client.get("/api/v1/schools").status_code == 200


def test_a_wrong_code_does_not_log_in(client: Client, teacher: User) -> None:
    device = _enable(teacher)
    _password_step(client, teacher)
    wrong = "000000" if totp(_secret(device)) != "000000" else "111111"
    response = client.post(reverse("login_code"), {"code": wrong})
    assert "That code is not right" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302


def test_a_code_is_accepted_only_once(client: Client, teacher: User) -> None:
    device = _enable(teacher)
    code = totp(_secret(device))
    _password_step(client, teacher)
    client.post(reverse("login_code"), {"code": code})
    other = Client()
    _password_step(other, teacher)
    response = other.post(reverse("login_code"), {"code": code})
    assert "That code is not right" in response.content.decode()
    assert "_auth_user_id" not in other.session


def test_the_code_step_needs_a_password_first(client: Client) -> None:
    response = client.get(reverse("login_code"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")


def test_a_pending_log_in_lapses_after_five_minutes(client: Client, teacher: User) -> None:
    device = _enable(teacher)
    _password_step(client, teacher)
    session = client.session
    session["_proficio_pending_login"]["at"] -= 301
    session.save()
    response = client.post(reverse("login_code"), {"code": totp(_secret(device))})
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_wrong_codes_count_towards_the_lock(client: Client, teacher: User) -> None:
    device = _enable(teacher)
    wrong = "000000" if totp(_secret(device)) != "000000" else "111111"
    _password_step(client, teacher)
    messages = [client.post(reverse("login_code"), {"code": wrong}).content.decode() for _ in range(5)]
    assert "Too many failed attempts; try again in 15 minutes." in messages[-1]
    assert LoginAttempt.objects.filter(username=teacher.username).count() == 5
    response = client.post(reverse("login_code"), {"code": totp(_secret(device))})
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_user_without_two_factor_logs_in_with_the_password(client: Client, teacher: User) -> None:
    response = _password_step(client, teacher)
    assert response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(teacher.pk)


def test_the_admin_log_in_page_cannot_skip_the_code(client: Client) -> None:
    root = make_user("root", is_staff=True, is_superuser=True)
    _enable(root)
    client.post("/admin/login/?next=/admin/", {"username": "root", "password": PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/api/v1/schools").status_code == 401


def test_turning_it_on_ends_the_users_other_sessions(client: Client, teacher: User) -> None:
    elsewhere = Client()
    elsewhere.force_login(teacher)
    assert elsewhere.get(reverse("home")).status_code == 200
    client.force_login(teacher)
    client.get(reverse("two_factor"))
    client.post(reverse("two_factor"), {"code": totp(_secret(TOTPDevice.objects.get(user=teacher)))})
    assert client.get(reverse("home")).status_code == 200
    assert elsewhere.get(reverse("home")).status_code == 302
