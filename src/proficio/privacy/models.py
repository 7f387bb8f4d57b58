"""What the privacy tools leave on record: which students were anonymised, when, by whom and why."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from proficio.accounts.scoping import ScopedQuerySet


class Anonymization(models.Model):
    """One departed student's record, anonymised (``privacy.anonymize``; the procedure is docs/privacy.md).

    The one-to-one key means it can happen once per student, whatever runs at the same time. Nothing here
    names the student as they were: the reason is checked for their name before it is stored.
    """

    student = models.OneToOneField("roster.Student", on_delete=models.PROTECT, related_name="anonymization")
    pseudonym = models.CharField(max_length=32, unique=True, help_text="The code that now stands for the student.")
    done_at = models.DateTimeField(default=timezone.now)
    done_by = models.CharField(max_length=255, help_text="Who ran it, as they were named at the time.")
    reason = models.TextField()
    counts = models.JSONField(default=dict, blank=True, help_text="Rows changed, removed and kept, per table.")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-done_at", "-id"]

    def __str__(self) -> str:
        return f"{self.pseudonym}, anonymised {self.done_at:%Y-%m-%d}"
