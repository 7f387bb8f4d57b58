"""Improvement cycles: a school's list with a form to start one, and a cycle's page to study and decide.

Whoever sees the school's insights (admins, leaders, coaches) reads and writes them: cycles hold figures,
never students. Every change goes through ``cycles``.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from proficio.insights import cycles, metrics
from proficio.insights.access import request_user, school_for
from proficio.insights.models import ImprovementCycle


class StartForm(forms.Form):
    title = forms.CharField(label="The change to test", max_length=200)
    metric = forms.ChoiceField(label="Measured by", help_text="Measured now, and again when you study the results.")
    plan = forms.CharField(
        label="Plan: what you will do and what you predict", widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: object, school_id: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["metric"].choices = [(m.key, m.label) for m in metrics.available(school_id=school_id)]  # type: ignore[attr-defined]


class ProgressForm(forms.Form):
    do = forms.CharField(
        label="Do: what was done, what happened", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    study = forms.CharField(
        label="Study: the results against the prediction", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    measure_again = forms.BooleanField(label="Measure the figure again now", required=False)
    decision = forms.ChoiceField(
        label="Act: decide (ends the cycle)",
        choices=[("", "Not yet"), *ImprovementCycle.Decision.choices],
        required=False,
    )
    act = forms.CharField(label="What comes next", widget=forms.Textarea(attrs={"rows": 2}), required=False)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def school_cycles(request: HttpRequest, school_id: int) -> HttpResponse:
    school = school_for(request, school_id)
    form = StartForm(request.POST or None, school_id=school.pk)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = cycles.start_cycle(school=school, by=request_user(request), **form.cleaned_data)
            return redirect("insights-cycle", cycle_id=cycle.pk)
        except cycles.CycleError as refused:
            form.add_error(refused.field if refused.field in form.fields else None, str(refused))
    found = ImprovementCycle.objects.for_user(request_user(request)).filter(school_id=school.pk)
    context = {"school": school, "cycles": [cycles.cycle_line(c) for c in found], "form": form}
    return render(request, "insights/cycles.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cycle_page(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = (
        ImprovementCycle.objects.for_user(request_user(request)).select_related("school").filter(pk=cycle_id).first()
    )
    if cycle is None:
        raise Http404("No such improvement cycle among those you may see.")
    initial = {"do": cycle.do, "study": cycle.study, "act": cycle.act}
    form = ProgressForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cycles.record_progress(cycle=cycle, **form.cleaned_data)
            return redirect("insights-cycle", cycle_id=cycle.pk)
        except cycles.CycleError as refused:
            form.add_error(refused.field, str(refused))
    status = 400 if request.method == "POST" else 200
    return render(request, "insights/cycle.html", {"line": cycles.cycle_line(cycle), "form": form}, status=status)
