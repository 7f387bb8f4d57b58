"""Tokens in the admin: seen and revoked (a leaked token is stopped here), never made or edited.

A token is made only on its owner's tokens page, the one place its secret is shown; the admin never has a
secret to show, and the hash is left out of the page as it is of no use to a person.
"""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from proficio.api import tokens
from proficio.api.models import AccessToken


@admin.register(AccessToken)
class AccessTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "user", "prefix", "scope", "created_at", "expires_at", "last_used_at", "revoked_at"]
    list_filter = ["scope", "revoked_at", "expires_at"]
    search_fields = ["name", "prefix", "user__username", "user__last_name"]
    fields = ("user", "name", "prefix", "scope", "created_at", "expires_at", "last_used_at", "revoked_at")
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoked tokens stay on record: who could call the API, and until when

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[AccessToken]) -> None:
        for token in queryset:
            tokens.revoke(token)
        self.message_user(request, f"Revoked {queryset.count()} token(s).")
