"""Making, finding and revoking personal access tokens. The secret exists in clear only in ``issue``'s answer."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from proficio.accounts.models import User
from proficio.accounts.scoping import scope_rule
from proficio.api.models import MAX_LIFETIME, AccessToken

TOKEN_PREFIX = "pfo_"
"""Marks a string as a proficio token, so secret scanners and people can recognise a leaked one."""

SHOWN_CHARACTERS = 12
"""How much of the token is kept in clear to tell tokens apart (the marker and 8 random characters)."""

LAST_USED_RESOLUTION = timedelta(minutes=1)
"""``last_used_at`` is written at most once a minute per token, so reading does not mean a write per request."""

LIFETIMES = [7, 30, 90, 180, 365]
"""The lifetimes, in days, offered on the tokens page."""


@dataclass(frozen=True)
class Issued:
    token: AccessToken
    secret: str


@scope_rule(AccessToken)
def token_filter(user: User) -> Q:
    """A person sees and revokes only their own tokens; nobody else, not even an administrator."""
    return Q(user=user)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def issue(*, user: User, name: str, scope: str, lifetime: timedelta) -> Issued:
    """Make a token for ``user``; the returned secret is shown once and never stored."""
    if lifetime <= timedelta(0) or lifetime > MAX_LIFETIME:
        raise ValueError("A token lives between a day and a year.")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = AccessToken(
        user=user,
        name=name.strip(),
        prefix=secret[:SHOWN_CHARACTERS],
        secret_hash=hash_secret(secret),
        scope=scope,
        created_at=now,
        expires_at=now + lifetime,
    )
    token.full_clean()
    token.save()
    return Issued(token, secret)


def find(secret: str) -> AccessToken | None:
    """The token this secret belongs to (usable or not), or None. Looked up by hash: the secret is never stored."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    return AccessToken.objects.select_related("user").filter(secret_hash=hash_secret(secret)).first()


def mark_used(token: AccessToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def revoke(token: AccessToken) -> None:
    """Stop the token working at once. Revoking twice keeps the first time."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        AccessToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=token.revoked_at)
