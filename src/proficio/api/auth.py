"""Who is calling: a personal access token (``Authorization: Bearer …``) or the web app's session.

The token is tried first. A request that sends one is judged by it alone: a dead token is a 401 even when a
session cookie rides along. Token requests need no CSRF token (a browser never adds the header by itself);
session writes do, and django-ninja checks it. A read-only token may only use safe methods.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, django_auth

from proficio.api import tokens
from proficio.api.errors import TokenRejected
from proficio.api.models import AccessToken

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class PersonalAccessToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> AccessToken:
        found = tokens.find(token.strip())
        if found is None:
            raise TokenRejected("This access token is not recognised.")
        if found.is_revoked:
            raise TokenRejected("This access token has been revoked.")
        if found.is_expired:
            raise TokenRejected("This access token has expired; make a new one on your tokens page.")
        if not found.user.is_active:
            raise TokenRejected("This access token's account is no longer active.")
        if request.method not in SAFE_METHODS and not found.can_write:
            raise HttpError(403, "This access token is read-only; make one with the write scope to change data.")
        request.user = found.user
        tokens.mark_used(found)
        return found


token_auth = PersonalAccessToken()
AUTH = [token_auth, django_auth]
"""The API's authentication, in the order tried."""
