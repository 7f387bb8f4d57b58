"""The assessment form: what a teacher fills in to give students a task aligned to indicators."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from proficio.accounts.models import User
from proficio.evidence.models import Assessment
from proficio.roster.enrolled import section_students
from proficio.roster.models import Section, Student
from proficio.standards.models import PerformanceIndicator, Standard


def indicators_for(section: Section) -> QuerySet[PerformanceIndicator]:
    """The section's course content area, the cross-curricular standards, and work habits."""
    course = section.course
    return (
        PerformanceIndicator.objects.filter(
            standard__framework__is_current=True, standard__framework__district_id=course.school.district_id
        )
        .filter(
            Q(standard__content_area=course.content_area)
            | Q(standard__kind__in=[Standard.Kind.CROSS_CURRICULAR, Standard.Kind.WORK_HABIT])
        )
        .select_related("standard")
        .order_by("standard__position", "standard__code", "position", "code")
    )


class AssessmentForm(forms.ModelForm):  # type: ignore[type-arg]
    copy_to = forms.ModelMultipleChoiceField(
        queryset=Section.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Also give it to",
        help_text="Other sections of this course that you teach get their own copy.",
    )

    class Meta:
        model = Assessment
        fields = ["title", "kind", "assessed_on", "description", "indicators", "retake_of", "retakers"]
        widgets = {
            "kind": forms.RadioSelect,
            "assessed_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "indicators": forms.CheckboxSelectMultiple,
            "retakers": forms.CheckboxSelectMultiple,
        }
        labels = {"assessed_on": "Date", "retake_of": "Re-assessment of", "kind": "Kind", "retakers": "Who retakes it"}
        help_texts = {
            "kind": "Only summative evidence counts toward proficiency; formative evidence guides learning.",
            "indicators": "The performance indicators this task gives evidence of.",
        }

    def __init__(self, *args: Any, section: Section, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section = section
        self.instance.section = section  # the model's own rules (retake dates, course) need it while validating
        self.fields["kind"].choices = Assessment.Kind.choices  # no empty "---------" radio
        self.fields["kind"].initial = Assessment.Kind.SUMMATIVE
        self.fields["indicators"].queryset = indicators_for(section)
        self.fields["indicators"].label_from_instance = lambda i: f"{i.code} {i.statement}"  # type: ignore[attr-defined]
        self.fields["retake_of"].queryset = section.assessments.order_by("-assessed_on")
        self.fields["retake_of"].required = False
        self.fields["retakers"].queryset = Student.objects.filter(pk__in=[s.pk for s in section_students(section)])
        self.fields["retakers"].label_from_instance = str  # type: ignore[attr-defined]
        self.fields["copy_to"].queryset = (
            Section.objects.taught_by(user).filter(course=section.course).exclude(pk=section.pk)
        )
        if not self.fields["copy_to"].queryset.exists():
            del self.fields["copy_to"]

    def clean_indicators(self) -> Any:
        chosen = self.cleaned_data["indicators"]
        kinds = {i.standard.is_work_habit for i in chosen}
        if len(kinds) > 1:
            raise forms.ValidationError("Work habits are scored on their own scale: give them their own assessment.")
        return chosen

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("retakers") and not cleaned.get("retake_of"):
            self.add_error("retakers", "Choose the assessment being retaken, or leave every student unticked.")
        return cleaned

    def grouped_indicators(self) -> list[tuple[Standard, list[Any]]]:
        """The indicator checkboxes grouped by graduation standard, for the template."""
        by_pk = {i.pk: i for i in self.fields["indicators"].queryset}
        groups: dict[int, tuple[Standard, list[Any]]] = {}
        for box in self["indicators"]:
            value = box.data["value"]  # a ModelChoiceIteratorValue, whose .value is the pk
            indicator = by_pk[int(getattr(value, "value", value))]
            groups.setdefault(indicator.standard_id, (indicator.standard, []))[1].append(box)
        return list(groups.values())
