"""Personal access tokens: how scripts and other systems call the API as a person, without their password.

Only a hash of the secret is stored. The secret is 32 random bytes, so a plain SHA-256 is enough (a slow
password hash protects guessable secrets; this one cannot be guessed) and lets a request find its token by
an indexed lookup. Every token expires (at most a year after it is made) and can be revoked; a read-only
token never writes, whatever its owner may do.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from proficio.accounts.scoping import ScopedQuerySet

MAX_LIFETIME = timedelta(days=366)
"""The longest a token may live: a year, with a day's grace for the time zones it is chosen in."""


class AccessTokenQuerySet(ScopedQuerySet["AccessToken"]):
    def usable(self) -> AccessTokenQuerySet:
        """Tokens that still authenticate: not revoked and not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class AccessToken(models.Model):
    class Scope(models.TextChoices):
        READ = "read", "Read only"
        WRITE = "write", "Read and write"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, so its owner recognises it later.")
    prefix = models.CharField(
        max_length=16, db_index=True, help_text="The token's first characters, shown to tell it apart."
    )
    secret_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the whole token, hex.")
    scope = models.CharField(max_length=8, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="access_token_expires_after_creation",
                condition=Q(expires_at__gt=F("created_at")),
                violation_error_message="A token must expire after it is created.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def clean(self) -> None:
        if self.expires_at and self.created_at and self.expires_at - self.created_at > MAX_LIFETIME:
            raise ValidationError({"expires_at": "A token lives at most a year."})

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return not self.is_revoked and not self.is_expired

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE

    @property
    def status(self) -> str:
        if self.is_revoked:
            return "revoked"
        return "expired" if self.is_expired else "active"
