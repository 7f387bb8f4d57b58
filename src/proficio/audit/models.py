"""The audit trail: one append-only row per thing that happened to sensitive data, and who did it from where.

Rows are never changed or removed. ``save`` refuses updates, ``delete`` and queryset ``update``/``delete``
refuse outright, and database triggers (``migrations/0002_…``) refuse ``UPDATE`` and ``DELETE`` for code that
goes round the ORM. The foreign keys say whom an event concerns so views can scope it (a school leader sees
their schools' events); the labels keep it readable even after the people it names are anonymised.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from proficio.accounts.scoping import ScopedQuerySet


class AuditAppendOnlyError(Exception):
    """Raised when code tries to change or delete an audit event."""


class Action(models.TextChoices):
    SCORE_CREATED = "score.created", "Score recorded"
    SCORE_CORRECTED = "score.corrected", "Score corrected"
    POLICY_CHANGED = "policy.changed", "Calculation policy changed"
    FRAMEWORK_CHANGED = "framework.changed", "Framework changed"
    IMPORT_RUN = "import.run", "Import run"
    EXPORT_RUN = "export.run", "Export run"
    LOGIN = "auth.login", "Logged in"
    LOGIN_FAILED = "auth.login_failed", "Failed log-in"
    STUDENT_VIEWED = "student.viewed", "Student record viewed"
    STUDENT_ANONYMIZED = "student.anonymized", "Student record anonymised"


class AuditEventQuerySet(ScopedQuerySet["AuditEvent"]):
    """Bulk changes are refused here too, with a clearer message than the database trigger's."""

    def update(self, **kwargs: Any) -> int:
        raise AuditAppendOnlyError("Audit events are append-only and cannot be updated.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditAppendOnlyError("Audit events are append-only and cannot be deleted.")


class AuditEvent(models.Model):
    """Who did what to which record, when, and from where.

    The foreign keys are PROTECT: a trail that names a person, student, school or district keeps them from
    being deleted (they are anonymised instead), and the no-update trigger would refuse SET_NULL anyway.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        help_text="Empty for the system and the command line.",
    )
    actor_label = models.CharField(max_length=255, help_text="Who, as they were named at the time.")
    action = models.CharField(max_length=32, choices=Action.choices, db_index=True)
    object_type = models.CharField(max_length=100, blank=True, help_text="app_label.model of the record.")
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=255, blank=True, help_text="The record, as it was named then.")
    student = models.ForeignKey(
        "roster.Student", on_delete=models.PROTECT, null=True, blank=True, related_name="audit_events"
    )
    school = models.ForeignKey(
        "roster.School", on_delete=models.PROTECT, null=True, blank=True, related_name="audit_events"
    )
    district = models.ForeignKey(
        "roster.District", on_delete=models.PROTECT, null=True, blank=True, related_name="audit_events"
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)
    details = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["school", "-at"], name="audit_school_at"),
            models.Index(fields=["district", "-at"], name="audit_district_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label}: {self.get_action_display()} {self.object_label}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AuditAppendOnlyError("Audit events are append-only and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditAppendOnlyError("Audit events are append-only and cannot be deleted.")
