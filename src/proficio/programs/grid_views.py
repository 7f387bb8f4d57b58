"""A school's Implementation Grid: every activity of its network with the school's status, benchmark and evidence,
and its completion. Whoever reaches the school's programs pages (programs.access) updates it; a change is kept in
the status's history. Whoever may not see the school gets 404."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from proficio.accounts.models import User
from proficio.programs import grid
from proficio.programs.access import request_user, school_for_programs
from proficio.programs.models import GridActivity, GridStatus
from proficio.roster.models import School


class StatusForm(forms.Form):
    activity = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=GridStatus.Status.choices)
    benchmark = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    evidence = forms.CharField(label="Evidence", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    is_priority = forms.BooleanField(label="A priority", required=False)


@dataclass(frozen=True)
class GridLine:
    activity: GridActivity
    status: GridStatus | None
    applies: bool


def _school(request: HttpRequest, school_id: int) -> tuple[User, School]:
    return request_user(request), school_for_programs(request, school_id)


def _save(school: School, user: User, data: dict[str, object]) -> None:
    activity = GridActivity.objects.get(pk=data["activity"], network_id=school.district.network_id)
    GridStatus.objects.update_or_create(
        school=school,
        activity=activity,
        defaults={
            "status": data["status"],
            "benchmark": data["benchmark"],
            "evidence": data["evidence"],
            "is_priority": data["is_priority"],
            "updated_by": user,
            "updated_at": timezone.now(),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def school_grid(request: HttpRequest, school_id: int) -> HttpResponse:
    user, school = _school(request, school_id)
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _save(school, user, form.cleaned_data)
            return redirect("programs-school-grid", school_id=school.pk)
        except GridActivity.DoesNotExist:
            form.add_error("activity", "That activity is not one of this school's network.")
    activities = list(GridActivity.objects.filter(network_id=school.district.network_id))
    statuses = {s.activity_id: s for s in GridStatus.objects.filter(school=school).select_related("updated_by")}
    middle = school.highest_grade < 9
    lines = [GridLine(a, statuses.get(a.pk), a.applies_to_middle_schools or not middle) for a in activities]
    cells = grid.load_cells([school.pk])
    [completion] = grid.school_completion(cells, [school.pk], activities=len(activities)).values()
    context = {
        "school": school,
        "lines": lines,
        "completion": completion,
        "form": form,
        "choices": GridStatus.Status.choices,
    }
    return render(request, "programs/school_grid.html", context, status=400 if request.method == "POST" else 200)


urls = [path("programs/schools/<int:school_id>/grid/", school_grid, name="programs-school-grid")]
