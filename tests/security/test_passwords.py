"""Password policy: Django's validators for everyone (10 characters), 12 characters for staff."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from proficio.accounts.models import Membership, Role, User
from tests.factories import make_user, make_world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("weak", ["short", "password123", "12345678901234", "qwertyuiop", "alice-smith-1"])
def test_a_weak_password_is_refused(weak: str) -> None:
    user = User(username="alice.smith", first_name="Alice", last_name="Smith", email="alice.smith@example.org")
    with pytest.raises(ValidationError):
        validate_password(weak, user)


def test_a_long_uncommon_password_is_accepted() -> None:
    validate_password("plum-harbor-velvet-42", User(username="someone"))


def test_a_student_may_use_eleven_characters() -> None:
    student = make_user("pupil")
    Membership.objects.create(user=student, role=Role.STUDENT)
    validate_password("kite-lamp-9", student)


def test_staff_need_twelve_characters() -> None:
    world = make_world()
    with pytest.raises(ValidationError, match="Staff passwords must contain at least 12 characters"):
        validate_password("kite-lamp-9", world.teacher)
    validate_password("kite-lamp-90", world.teacher)


def test_django_staff_need_twelve_characters_even_before_they_are_saved() -> None:
    with pytest.raises(ValidationError):
        validate_password("kite-lamp-9", User(username="new-admin", is_staff=True))


def test_the_help_text_states_the_rule() -> None:
    texts = password_validators_help_texts()
    assert any("at least 10 characters" in text for text in texts)
    assert any("staff role" in text and "12 characters" in text for text in texts)


def test_production_settings_hash_passwords_with_a_slow_salted_algorithm() -> None:
    """Tests swap in a fast hasher (tests/conftest.py); the settings a district runs must not."""
    from django.conf import global_settings

    import proficio.config.settings as production

    hashers = getattr(production, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)
    with override_settings(PASSWORD_HASHERS=hashers):
        encoded = make_password("plum-harbor-velvet-42")
        algorithm, iterations, salt, _ = encoded.split("$")
        assert algorithm == "pbkdf2_sha256"  # Django's default; a change of algorithm should be deliberate
        assert int(iterations) >= 600_000 and len(salt) >= 16
        assert check_password("plum-harbor-velvet-42", encoded)


def test_the_suite_itself_uses_the_fast_hasher() -> None:
    assert make_password("plum-harbor-velvet-42").startswith("md5$")
