"""A school's professional learning: its PLGs and their meetings, the principals' network attendance, and the
classroom-visit tool with its patterns and the faculty-sharing reminder.

Whoever reaches the school's programs pages (programs.access) reads; its leaders, leadership team and coaches
write (``access.is_on_school_team``); anyone else's write is a 404, like a page they may not see. A failed form
answers 400 and changes nothing.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from proficio.accounts.models import User
from proficio.programs import classroom_visits as visits
from proficio.programs import plgs
from proficio.programs.access import is_on_school_team, network_of, request_user, school_for_programs
from proficio.programs.models import (
    ClassroomVisit,
    Event,
    EventKind,
    FacultySharing,
    ObservedPractice,
    Plg,
    PlgMeeting,
)
from proficio.roster.models import School


def _not_future(day: date) -> date:
    if day > timezone.localdate():
        raise forms.ValidationError("That date is in the future.")
    return day


class PlgForm(forms.ModelForm):
    class Meta:
        model = Plg
        fields = ["name", "focus", "facilitator", "facilitator_training", "members"]
        labels = {"facilitator_training": "Facilitator training attended", "members": "Number of members"}
        widgets = {"focus": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: object, school: School, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["facilitator_training"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Event.objects.filter(network=network_of(school), kind=EventKind.FACILITATOR_TRAINING)
        field.empty_label = "None yet"


class MeetingForm(forms.ModelForm):
    class Meta:
        model = PlgMeeting
        fields = ["met_on", "protocol", "artifacts", "attendance", "notes"]
        labels = {"met_on": "Met on", "attendance": "Members present"}
        widgets = {
            "met_on": forms.DateInput(attrs={"type": "date"}),
            "artifacts": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_met_on(self) -> date:
        return _not_future(self.cleaned_data["met_on"])


class VisitForm(forms.Form):
    visited_on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    context = forms.CharField(max_length=120, required=False, help_text="Grade and subject, e.g. 'Grade 10 science'.")
    minutes = forms.IntegerField(min_value=1, max_value=120, initial=10)
    practices_seen = forms.ModelMultipleChoiceField(
        ObservedPractice.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label="Practices seen"
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you saw, about the practice. Never write a student's name.",
    )

    def __init__(self, *args: object, school: School, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["practices_seen"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = ObservedPractice.objects.filter(network=network_of(school))

    def clean_visited_on(self) -> date:
        return _not_future(self.cleaned_data["visited_on"])


class SharingForm(forms.ModelForm):
    class Meta:
        model = FacultySharing
        fields = ["shared_on", "how"]
        labels = {"shared_on": "Shared on", "how": "How"}
        widgets = {"shared_on": forms.DateInput(attrs={"type": "date"})}

    def clean_shared_on(self) -> date:
        return _not_future(self.cleaned_data["shared_on"])


def _writer(request: HttpRequest, school_id: int) -> tuple[User, School, bool]:
    user, school = request_user(request), school_for_programs(request, school_id)
    may_write = is_on_school_team(user, school)
    if request.method == "POST" and not may_write:
        raise Http404("Only the school's leaders, leadership team and coaches record this.")
    return user, school, may_write


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def school_plgs(request: HttpRequest, school_id: int) -> HttpResponse:
    _, school, may_write = _writer(request, school_id)
    form = PlgForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        plg = form.save(commit=False)
        plg.school = school
        plg.save()
        return redirect("programs-plg", school_id=school.pk, plg_id=plg.pk)
    today = timezone.localdate()
    context = {
        "school": school,
        "lines": plgs.plg_lines(school=school, today=today),
        "months_so_far": plgs.ended_meeting_months(today),
        "principals": plgs.principals_meetings(school=school, today=today),
        "form": form,
        "may_write": may_write,
    }
    return render(request, "programs/plgs.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def plg_detail(request: HttpRequest, school_id: int, plg_id: int) -> HttpResponse:
    _, school, may_write = _writer(request, school_id)
    plg = get_object_or_404(Plg.objects.select_related("facilitator_training"), pk=plg_id, school=school)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.plg = plg
        meeting.save()
        return redirect("programs-plg", school_id=school.pk, plg_id=plg.pk)
    line = plgs.plg_line(plg=plg, today=timezone.localdate())
    context = {"school": school, "line": line, "meetings": plg.meetings.all(), "form": form, "may_write": may_write}
    return render(request, "programs/plg.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def school_classroom_visits(request: HttpRequest, school_id: int) -> HttpResponse:
    user, school, may_write = _writer(request, school_id)
    form = VisitForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        visits.record_visit(school=school, observer=user, **form.cleaned_data)
        return redirect("programs-classroom-visits", school_id=school.pk)
    return _visits_page(request, school, form, SharingForm(), may_write)


@login_required
@require_http_methods(["POST"])
def faculty_sharing(request: HttpRequest, school_id: int) -> HttpResponse:
    _, school, may_write = _writer(request, school_id)
    sharing = SharingForm(request.POST)
    if sharing.is_valid():
        visits.record_sharing(school=school, **sharing.cleaned_data)
        return redirect("programs-classroom-visits", school_id=school.pk)
    return _visits_page(request, school, VisitForm(school=school), sharing, may_write)


@login_required
@require_http_methods(["POST"])
def default_practices(request: HttpRequest, school_id: int) -> HttpResponse:
    _, school, _ = _writer(request, school_id)
    network = network_of(school)
    if not ObservedPractice.objects.filter(network=network).exists():
        visits.add_default_practices(network=network)
    return redirect("programs-classroom-visits", school_id=school.pk)


def _visits_page(
    request: HttpRequest, school: School, form: VisitForm, sharing: SharingForm, may_write: bool
) -> HttpResponse:
    today = timezone.localdate()
    practices = list(ObservedPractice.objects.filter(network=network_of(school)))
    windows = visits.patterns(
        visits=visits.visit_records(school=school), practices=[(p.pk, p.title) for p in practices]
    )
    sharings = list(FacultySharing.objects.filter(school=school))
    context = {
        "school": school,
        "practices": practices,
        "windows": windows,
        "rows": visits.pattern_rows(windows),
        "spec": visits.chart_spec(windows),
        "alternative": visits.alternative(windows),
        "minimum": visits.MIN_VISITS,
        "recent": ClassroomVisit.objects.filter(school=school).prefetch_related("practices_seen")[:10],
        "sharings": sharings,
        "sharing_status": visits.sharing_status(shared_on=[s.shared_on for s in sharings], today=today),
        "form": form,
        "sharing_form": sharing,
        "may_write": may_write,
    }
    return render(request, "programs/classroom_visits.html", context, status=400 if request.method == "POST" else 200)


urls = [
    path("programs/schools/<int:school_id>/plgs/", school_plgs, name="programs-plgs"),
    path("programs/schools/<int:school_id>/plgs/<int:plg_id>/", plg_detail, name="programs-plg"),
    path(
        "programs/schools/<int:school_id>/classroom-visits/",
        school_classroom_visits,
        name="programs-classroom-visits",
    ),
    path(
        "programs/schools/<int:school_id>/classroom-visits/sharing/",
        faculty_sharing,
        name="programs-faculty-sharing",
    ),
    path(
        "programs/schools/<int:school_id>/classroom-visits/default-practices/",
        default_practices,
        name="programs-default-practices",
    ),
]
