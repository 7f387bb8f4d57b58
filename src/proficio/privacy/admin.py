"""Anonymisations in the admin: readable, never added, changed or deleted by hand (``proficio anonymize-student``
is the only way in, docs/privacy.md)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from proficio.privacy.models import Anonymization


@admin.register(Anonymization)
class AnonymizationAdmin(admin.ModelAdmin):
    list_display = ["pseudonym", "done_at", "done_by", "student"]
    search_fields = ["pseudonym", "done_by"]
    date_hierarchy = "done_at"
    list_select_related = ["student__user"]
    readonly_fields = [field.name for field in Anonymization._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
