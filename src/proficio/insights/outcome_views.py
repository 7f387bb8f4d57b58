"""Outcomes of past classes: the rates against the network's targets for whoever sees the school's insights;
leaders and district administrators record outcomes — one student on the page, or many from a CSV that is
recorded whole or not at all."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from proficio.accounts.models import User
from proficio.insights import outcomes, readiness
from proficio.insights.access import request_user, school_for
from proficio.insights.models import Outcome
from proficio.insights.scope import sees_students
from proficio.insights.suppression import minimum_group_size
from proficio.interop.problems import Problem
from proficio.roster.models import School


class OutcomesUploadForm(forms.Form):
    outcomes = forms.FileField(
        label="Outcomes (CSV)",
        help_text="Columns student_number, class_of, outcome (graduated, still_enrolled, dropped_out, transferred) "
        "and postsecondary (yes, no or blank). All lines are recorded, or none.",
    )


class OneOutcomeForm(forms.Form):
    student_number = forms.CharField(label="Student number", max_length=64)
    class_of = forms.IntegerField(label="Class of", min_value=1901, max_value=2199)
    outcome = forms.ChoiceField(choices=Outcome.choices)
    postsecondary = forms.TypedChoiceField(
        label="Enrolled in postsecondary education",
        choices=[("", "Not known"), ("yes", "Yes"), ("no", "No")],
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        required=False,
    )


def _one(request: HttpRequest, school: School, user: User) -> tuple[OneOutcomeForm, int | None]:
    form = OneOutcomeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            outcomes.record_outcome(
                school=school,
                student_number=data["student_number"],
                cohort=data["class_of"],
                outcome=data["outcome"],
                postsecondary=data["postsecondary"],
                user=user,
            )
            return OneOutcomeForm(), 1
        except outcomes.OutcomeError as refused:
            form.add_error(refused.field, str(refused))
    return form, None


def _upload(request: HttpRequest, school: School, user: User) -> tuple[OutcomesUploadForm, int | None, list[Problem]]:
    form = OutcomesUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return form, None, []
    upload = form.cleaned_data["outcomes"]
    try:
        recorded = outcomes.import_outcomes(upload.read(), name=upload.name or "outcomes.csv", school=school, user=user)
        return OutcomesUploadForm(), recorded, []
    except outcomes.OutcomesRefused as refused:
        return form, None, refused.problems


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def outcomes_page(request: HttpRequest, school_id: int) -> HttpResponse:
    user = request_user(request)
    found = school_for(request, school_id)
    may_record = sees_students(user, found)
    problems: list[Problem] = []
    form, one, recorded, status = OutcomesUploadForm(), OneOutcomeForm(), None, 200
    if request.method == "POST":
        if not may_record:
            raise Http404("Outcomes are recorded by school leaders and district administrators.")
        if "student_number" in request.POST:
            one, recorded = _one(request, found, user)
        else:
            form, recorded, problems = _upload(request, found, user)
        status = 200 if recorded is not None else 400
    figures = outcomes.cohort_rates(
        outcomes.load_rows([found.pk]), dimensions=readiness.DIMENSIONS, minimum=minimum_group_size()
    )
    context = {
        "school": found,
        "cohorts": figures,
        "targets": outcomes.targets(),
        "labels": readiness.DIMENSION_LABELS,
        "form": form if may_record else None,
        "one": one if may_record else None,
        "problems": problems,
        "recorded": recorded,
        "minimum": minimum_group_size(),
    }
    return render(request, "insights/outcomes.html", context, status=status)
