"""The trail in the admin: readable and searchable, never added to, changed or deleted by hand."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from proficio.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "object_label", "student", "school", "ip_address"]
    list_filter = ["action", "school", "district"]
    search_fields = ["actor_label", "object_label", "ip_address"]
    date_hierarchy = "at"
    list_select_related = ["student__user", "school"]
    readonly_fields = [field.name for field in AuditEvent._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
