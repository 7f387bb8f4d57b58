"""The self-assessment's forms: starting an administration, rating one, choosing what to compare or roll up.

Rating is partial by design: a dimension whose level field was not sent is left as it is; one sent as "not rated"
is cleared; an evidence note needs a level to be kept (a score is a level with its evidence), so a note without
one is refused with the typed text kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from proficio.programs.gbp_records import BASELINE, END_POINT
from proficio.programs.models import Cohort, GbpAdministration, GbpDimension, GbpEdition, GbpScore
from proficio.roster.models import School

OTHER = "other"
LABEL_CHOICES = [(BASELINE, BASELINE), ("Mid-point", "Mid-point"), (END_POINT, END_POINT), (OTHER, "Other…")]
EVIDENCE_LENGTH = 4000


class StartForm(forms.Form):
    label = forms.ChoiceField(choices=LABEL_CHOICES, help_text="Baseline at the start, End-point at the end.")
    other_label = forms.CharField(
        label="Other label", required=False, max_length=60, help_text="Only when the label is Other."
    )
    taken_on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    edition = forms.ModelChoiceField(queryset=GbpEdition.objects.order_by("-pk"), empty_label=None)

    def __init__(self, *args: Any, school: School, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.school = school
        self.fields["taken_on"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        label = data.get("label")
        if label == OTHER:
            label = (data.get("other_label") or "").strip()
            if not label:
                self.add_error("other_label", "Write the label, e.g. 'Year 1 check-in'.")
        data["final_label"] = label
        day = data.get("taken_on")
        if label and day and GbpAdministration.objects.filter(school=self.school, label__iexact=label, taken_on=day):
            self.add_error("label", f"This school already has a {label} self-assessment on {day:%Y-%m-%d}.")
        return data

    def start(self) -> GbpAdministration:
        data = self.cleaned_data
        return GbpAdministration.objects.create(
            school=self.school, edition=data["edition"], label=data["final_label"], taken_on=data["taken_on"]
        )


def level_field(dimension: GbpDimension) -> str:
    return f"level_{dimension.pk}"


def evidence_field(dimension: GbpDimension) -> str:
    return f"evidence_{dimension.pk}"


class ScoringForm(forms.Form):
    """One level (or "not rated") and one evidence note per dimension of the administration's edition."""

    def __init__(
        self, *args: Any, administration: GbpAdministration, dimensions: Sequence[GbpDimension], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.administration = administration
        self.dimensions = list(dimensions)
        choices = [("", "Not rated"), *((str(n), str(n)) for n in range(1, administration.edition.levels + 1))]
        scores = {s.dimension_id: s for s in administration.scores.all()}
        for dimension in self.dimensions:
            score = scores.get(dimension.pk)
            self.fields[level_field(dimension)] = forms.ChoiceField(
                choices=choices, required=False, initial=str(score.level) if score else ""
            )
            self.fields[evidence_field(dimension)] = forms.CharField(
                required=False, max_length=EVIDENCE_LENGTH, initial=score.evidence if score else ""
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for dimension in self.sent():
            if not data.get(level_field(dimension)) and (data.get(evidence_field(dimension)) or "").strip():
                self.add_error(
                    evidence_field(dimension),
                    f"Rate {dimension.code} to keep its evidence note (or clear the note).",
                )
        return data

    def sent(self) -> list[GbpDimension]:
        """The dimensions whose level was in the request (the others are left as they are)."""
        return [d for d in self.dimensions if level_field(d) in self.data]

    def save(self) -> None:
        data = self.cleaned_data
        with transaction.atomic():
            for dimension in self.sent():
                level = data.get(level_field(dimension))
                scores = GbpScore.objects.filter(administration=self.administration, dimension=dimension)
                if not level:
                    scores.delete()
                    continue
                values: dict[str, object] = {"level": int(level)}
                if evidence_field(dimension) in self.data:  # a note not sent is kept as it is
                    values["evidence"] = (data.get(evidence_field(dimension)) or "").strip()
                GbpScore.objects.update_or_create(
                    administration=self.administration, dimension=dimension, defaults=values
                )


class AdministrationChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label} ({obj.taken_on:%Y-%m-%d})"


class CohortChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.initiative.name}: {obj.name}"


class PairForm(forms.Form):
    """Which two of the school's administrations to compare."""

    before = AdministrationChoice(queryset=GbpAdministration.objects.none(), empty_label=None)
    after = AdministrationChoice(queryset=GbpAdministration.objects.none(), empty_label=None)

    def __init__(self, *args: Any, administrations: QuerySet[GbpAdministration], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("before", "after"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = administrations

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("before") and data.get("before") == data.get("after"):
            self.add_error("after", "Choose two different self-assessments.")
        return data


class RollUpForm(forms.Form):
    """Which cohort of the network, and which two labelled points, to roll up."""

    cohort = CohortChoice(queryset=Cohort.objects.none(), empty_label=None)
    before = forms.ChoiceField(label="Earlier point")
    after = forms.ChoiceField(label="Later point")

    def __init__(self, *args: Any, cohorts: QuerySet[Cohort], labels: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cohort = self.fields["cohort"]
        assert isinstance(cohort, forms.ModelChoiceField)
        cohort.queryset = cohorts
        for name in ("before", "after"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [(label, label) for label in labels]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("before") and (data.get("before") or "").lower() == (data.get("after") or "").lower():
            self.add_error("after", "Choose two different points.")
        return data
