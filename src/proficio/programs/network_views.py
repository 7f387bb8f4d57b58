"""A network's own pages, for its staff only (``access.network_for``; anyone else gets 404): its initiatives with
their cohorts, schools and phases; the Implementation Grid across its schools; its events, with each event's
attendance and a matrix of who came this school year. Figures are ``programs.network``'s; no page names a
student. A failed form answers 400 and changes nothing.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from proficio.programs import network as figures
from proficio.programs.access import network_for, program_schools, request_user
from proficio.programs.models import Cohort, Event, EventKind
from proficio.programs.school_years import school_year_of
from proficio.roster.models import Network, School

MAX_ATTENDEES = 500


def _schools(request: HttpRequest, network: Network) -> list[School]:
    return list(program_schools(request_user(request)).filter(district__network=network).order_by("name"))


def _status(request: HttpRequest) -> int:
    return 400 if request.method == "POST" else 200


@login_required
@require_http_methods(["GET", "HEAD"])
def network_home(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for(request, network_id)
    context = {
        "network": network,
        "initiatives": figures.load_initiatives(network=network),
        "schools": _schools(request, network),
    }
    return render(request, "programs/network.html", context)


class CohortChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Cohort) -> str:  # type: ignore[override]
        return f"{obj.name} ({obj.initiative.name})"


class CohortFilter(forms.Form):
    cohort = CohortChoice(queryset=Cohort.objects.none(), required=False, empty_label="Every school")

    def __init__(self, *args: object, network: Network, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["cohort"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Cohort.objects.filter(initiative__network=network).select_related("initiative")


@login_required
@require_http_methods(["GET", "HEAD"])
def network_grid(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for(request, network_id)
    schools = _schools(request, network)
    chosen = CohortFilter(request.GET or None, network=network)
    cohort = chosen.cleaned_data["cohort"] if chosen.is_bound and chosen.is_valid() else None
    if cohort is not None:
        schools = [s for s in schools if s.pk in set(cohort.schools.values_list("pk", flat=True))]
    analytics = figures.load_grid_analytics(network=network, schools=schools)
    context = {
        "network": network,
        "filter": chosen,
        "cohort": cohort,
        "analytics": analytics,
        "sentence": figures.kinds_sentence(analytics),
        "spec": figures.chart_spec(analytics),
    }
    return render(request, "programs/network_grid.html", context)


class EventForm(forms.Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=EventKind.choices)
    held_on = forms.DateField(label="Held on", widget=forms.DateInput(attrs={"type": "date"}))
    location = forms.CharField(max_length=200, required=False)
    cohort = forms.ModelChoiceField(
        queryset=Cohort.objects.none(), required=False, empty_label="The whole network", label="For"
    )

    def __init__(self, *args: object, network: Network, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["cohort"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Cohort.objects.filter(initiative__network=network)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def network_events(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for(request, network_id)
    form = EventForm(request.POST if request.method == "POST" else None, network=network)
    if request.method == "POST" and form.is_valid():
        event = Event.objects.create(network=network, **form.cleaned_data)
        return redirect("programs-event-attendance", network_id=network.pk, event_id=event.pk)
    lines = figures.load_event_lines(network=network)
    year = school_year_of(timezone.localdate())
    this_year = [line.event for line in lines if school_year_of(line.event.held_on) == year]
    schools = _schools(request, network)
    matrix = figures.attendance_matrix(
        schools=[(s.pk, s.name) for s in schools],
        event_ids=[e.pk for e in this_year],
        attendance=figures.load_attendance([e.pk for e in this_year]),
    )
    context = {
        "network": network,
        "lines": lines,
        "this_year": this_year,
        "year": f"{year}–{str(year + 1)[-2:]}",
        "matrix": matrix,
        "form": form,
    }
    return render(request, "programs/network_events.html", context, status=_status(request))


class AttendanceForm(forms.Form):
    """One count per member school: how many of its people came (0: it did not come)."""

    def __init__(self, *args: object, schools: list[School], initial_counts: dict[int, int], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for school in schools:
            self.fields[f"school_{school.pk}"] = forms.IntegerField(
                label=school.name, min_value=0, max_value=MAX_ATTENDEES, initial=initial_counts.get(school.pk, 0)
            )

    def counts(self) -> dict[int, int]:
        return {int(name.removeprefix("school_")): value for name, value in self.cleaned_data.items()}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_attendance(request: HttpRequest, network_id: int, event_id: int) -> HttpResponse:
    network = network_for(request, network_id)
    event = get_object_or_404(Event.objects.select_related("cohort"), pk=event_id, network=network)
    schools = _schools(request, network)
    current = figures.load_attendance([event.pk])
    counts = {school_id: n for (_, school_id), n in current.items()}
    data = request.POST if request.method == "POST" else None
    form = AttendanceForm(data, schools=schools, initial_counts=counts)
    if request.method == "POST" and form.is_valid():
        figures.save_attendance(event=event, counts=form.counts())
        return redirect("programs-network-events", network_id=network.pk)
    context = {"network": network, "event": event, "form": form, "came": sum(1 for n in counts.values() if n)}
    return render(request, "programs/network_event.html", context, status=_status(request))


urls = [
    path("programs/networks/<int:network_id>/", network_home, name="programs-network"),
    path("programs/networks/<int:network_id>/grid/", network_grid, name="programs-network-grid"),
    path("programs/networks/<int:network_id>/events/", network_events, name="programs-network-events"),
    path(
        "programs/networks/<int:network_id>/events/<int:event_id>/",
        event_attendance,
        name="programs-event-attendance",
    ),
]
