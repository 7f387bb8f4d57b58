"""The filters of the audit page, validated like any other input before they reach a query."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from proficio.audit.models import Action, AuditEvent


class EventFilterForm(forms.Form):
    action = forms.ChoiceField(choices=[("", "Any action"), *Action.choices], required=False)
    actor = forms.CharField(max_length=150, required=False, label="Who (username contains)")
    student = forms.CharField(max_length=150, required=False, label="Student (name contains)")
    since = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise ValidationError("The start date is after the end date.")
        return data

    def apply(self, events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        """Narrow ``events`` by the filters that are valid; call after ``is_valid()``."""
        data = getattr(self, "cleaned_data", {})
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("actor"):
            # The label keeps the username as it was, so a renamed or anonymised account is still found.
            events = events.filter(
                Q(actor__username__icontains=data["actor"]) | Q(actor_label__icontains=data["actor"])
            )
        for word in (data.get("student") or "").split():
            events = events.filter(
                Q(student__user__first_name__icontains=word)
                | Q(student__user__last_name__icontains=word)
                | Q(student__user__username__icontains=word)
            )
        zone = timezone.get_current_timezone()
        if data.get("since"):
            events = events.filter(at__gte=datetime.combine(data["since"], time.min, tzinfo=zone))
        if data.get("until"):
            events = events.filter(at__lt=datetime.combine(data["until"] + timedelta(days=1), time.min, tzinfo=zone))
        return events
