"""The forms of intervention plans; their choices are limited to the student's school, district and framework."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from proficio.accounts.models import User
from proficio.insights import interventions, strategies
from proficio.insights.models import InterventionKind, InterventionPlan
from proficio.roster.models import Student


class IndicatorChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        level = getattr(obj, "current_level", None)
        return f"{obj.code} — {obj.statement} ({level or 'no level yet'})"


class StrategyChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        tiers = " and ".join(f"tier {t}" for t, fits in ((2, obj.for_tier_2), (3, obj.for_tier_3)) if fits)
        return f"{obj.name} ({obj.get_kind_display().lower()}, {tiers})"


class ResponsibleChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        assert isinstance(obj, User)
        return obj.get_full_name() or obj.username


class PlanForm(forms.Form):
    tier = forms.TypedChoiceField(choices=InterventionPlan.Tier.choices, coerce=int, widget=forms.RadioSelect)
    kind = forms.ChoiceField(label="Kind of intervention", choices=InterventionKind.choices)
    block = forms.CharField(
        label="Intervention block", max_length=120, help_text="When it happens, e.g. “WIN block, Tue and Thu 10:15”."
    )
    responsible = ResponsibleChoice(label="Responsible staff member", queryset=User.objects.none())
    start_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    weeks = forms.IntegerField(label="Duration (weeks)", min_value=1, max_value=40, initial=6)
    check_every_days = forms.IntegerField(label="Check progress every (days)", min_value=1, max_value=60, initial=7)
    goal = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="What the student will be able to do.")
    goal_indicators = IndicatorChoice(
        label="The goal's performance indicators",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="The goal is met when the student's evidence shows proficiency on each of them.",
    )
    strategies = StrategyChoice(
        label="Strategies from the district's library",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Pick those that fit the plan's kind and tier.",
    )

    def __init__(self, *args: Any, student: Student, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("start_date", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = interventions.school_staff(school_id=student.school_id)  # type: ignore[attr-defined]
        self.fields["goal_indicators"].queryset = interventions.goal_choices(student=student)  # type: ignore[attr-defined]
        self.fields["strategies"].queryset = strategies.offered(district_id=student.school.district_id)  # type: ignore[attr-defined]


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Progress note", widget=forms.Textarea(attrs={"rows": 3}), help_text="What you saw at this check-in."
    )


class EndForm(forms.Form):
    ending = forms.ChoiceField(label="How the plan ended", choices=InterventionPlan.Ending.choices)
