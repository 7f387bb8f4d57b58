from __future__ import annotations

from typing import Any

from django import forms

from proficio.learners.models import AssessmentRequest, Goal, LearnerProfile, PathOption
from proficio.standards.models import PerformanceIndicator, Standard

DATE = forms.DateInput(attrs={"type": "date"})


class ProfileForm(forms.ModelForm):
    class Meta:
        model = LearnerProfile
        fields = ["interests", "college_aspirations", "career_aspirations", "learning_preferences"]
        labels = {
            "interests": "Interests",
            "college_aspirations": "College and training plans",
            "career_aspirations": "Career ideas",
            "learning_preferences": "How I like to learn",
        }
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class AccommodationsForm(forms.ModelForm):
    class Meta:
        model = LearnerProfile
        fields = ["accommodations"]
        widgets = {"accommodations": forms.Textarea(attrs={"rows": 3})}


class CommentForm(forms.Form):
    body = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


def target_choices(indicators: list[PerformanceIndicator]) -> list[Any]:
    """One <optgroup> per standard: the standard as a whole first, then each of its indicators."""
    groups: dict[Standard, list[tuple[str, str]]] = {}
    for indicator in indicators:
        standard = indicator.standard
        if standard not in groups:
            groups[standard] = [(f"s:{standard.pk}", f"{standard.code} — the whole standard")]
        groups[standard].append((f"i:{indicator.pk}", f"{indicator.code} {indicator.statement}"))
    return [("", "Choose an indicator or a standard")] + [
        (f"{standard.code} {standard.title}", options) for standard, options in groups.items()
    ]


class GoalForm(forms.ModelForm):
    target = forms.ChoiceField(label="What it is about", help_text="A performance indicator, or a whole standard.")
    field_order = ["statement", "target", "measure", "target_date", "status"]

    class Meta:
        model = Goal
        fields = ["statement", "measure", "target_date", "status"]
        labels = {"statement": "My goal", "measure": "How I will know", "target_date": "By when"}
        widgets = {"target_date": DATE}

    def __init__(self, *args: Any, indicators: list[PerformanceIndicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = {i.pk: i for i in indicators}
        self.standards = {i.standard_id: i.standard for i in indicators}
        self.fields["target"].choices = target_choices(indicators)
        if self.instance.pk:
            self.initial["target"] = (
                f"i:{self.instance.indicator_id}" if self.instance.indicator_id else f"s:{self.instance.standard_id}"
            )
        else:
            del self.fields["status"]

    def clean_target(self) -> str:
        value = self.cleaned_data["target"]
        kind, _, pk = value.partition(":")
        pool: dict[int, Any] = self.indicators if kind == "i" else self.standards if kind == "s" else {}
        if not pk.isdigit() or int(pk) not in pool:
            raise forms.ValidationError("Choose an indicator or a standard from the list.")
        self.instance.indicator = pool[int(pk)] if kind == "i" else None
        self.instance.standard = pool[int(pk)] if kind == "s" else None
        return value


class CheckpointForm(forms.Form):
    description = forms.CharField(label="Checkpoint", max_length=300)
    due_on = forms.DateField(label="Date", widget=DATE)


class ReflectionForm(forms.Form):
    body = forms.CharField(label="Reflection", widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)


class ReviewForm(forms.Form):
    comment = forms.CharField(label="Review comment", widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)


class RequestForm(forms.ModelForm):
    class Meta:
        model = AssessmentRequest
        fields = ["kind", "note"]
        labels = {"kind": "What you are asking for", "note": "Note to your teacher"}
        widgets = {"kind": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 2})}


class StepForm(forms.Form):
    item = forms.ChoiceField(label="Indicator or learning objective")

    def __init__(self, *args: Any, indicators: list[PerformanceIndicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = {i.pk: i for i in indicators}
        self.objectives = {o.pk: o for i in indicators for o in i.objectives.all()}
        groups = []
        for i in indicators:
            options = [(f"i:{i.pk}", f"{i.code} {i.statement}")]
            options += [(f"o:{o.pk}", f"{o.code} {o.statement}") for o in i.objectives.all()]
            groups.append((f"{i.code}", options))
        self.fields["item"].choices = [("", "Choose an indicator or objective"), *groups]

    def clean_item(self) -> tuple[PerformanceIndicator, Any]:
        kind, _, pk = self.cleaned_data["item"].partition(":")
        if kind == "i" and pk.isdigit() and int(pk) in self.indicators:
            return self.indicators[int(pk)], None
        if kind == "o" and pk.isdigit() and int(pk) in self.objectives:
            objective = self.objectives[int(pk)]
            return self.indicators[objective.indicator_id], objective
        raise forms.ValidationError("Choose an indicator or objective from the list.")


class OptionForm(forms.ModelForm):
    link = forms.URLField(label="Link (optional)", required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = PathOption
        fields = ["title", "kind", "link", "description"]
        labels = {"link": "Link (optional)", "description": "Description (optional)"}
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class AcceptForm(forms.Form):
    on = forms.DateField(label="Assess on", widget=DATE)


class DeclineForm(forms.Form):
    reason = forms.CharField(label="Reason", max_length=2000)
