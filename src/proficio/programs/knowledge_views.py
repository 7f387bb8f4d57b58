"""Knowledge that outlasts people: a school's change stories, the network's coding of them into composite stories
and the composites' ranking at an event, and the network's practice library.

- A school's stories: whoever reaches its programs pages reads; its leaders, leadership team and coaches, and the
  network's staff (who hold the story calls), collect one.
- The network's side of the stories (every story, coding, composites, rankings): the network's staff only.
- The practice library: see ``programs.practices`` for who reads, adds and adopts.

Whoever may not do something gets 404, as for a page they may not see; a failed form answers 400 and changes
nothing.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from proficio.programs import practices, stories
from proficio.programs.access import (
    is_network_staff_of,
    is_on_school_team,
    network_for,
    request_user,
    school_for_programs,
)
from proficio.programs.models import ChangeStory, Event, EventKind, SharedPractice, StoryComposite
from proficio.roster.models import Network, School

RANKING_EVENTS = (EventKind.CELEBRATION, EventKind.CONFERENCE, EventKind.NETWORK_MEETING)


class StoryForm(forms.ModelForm):
    class Meta:
        model = ChangeStory
        fields = ["told_by", "collected_on", "title", "text", "why_significant"]
        labels = {
            "told_by": "Told by",
            "collected_on": "Collected on",
            "text": "The story",
            "why_significant": "Why it is the most significant change",
        }
        help_texts = {"text": "In the teller's words. Never name a student."}
        widgets = {
            "collected_on": forms.DateInput(attrs={"type": "date"}),
            "text": forms.Textarea(attrs={"rows": 6}),
            "why_significant": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_collected_on(self) -> date:
        day: date = self.cleaned_data["collected_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("That date is in the future.")
        return day


class CompositeForm(forms.ModelForm):
    class Meta:
        model = StoryComposite
        fields = ["title", "text"]
        labels = {"title": "Theme", "text": "Composite story"}
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def clean_title(self) -> str:
        title: str = self.cleaned_data["title"]
        same = StoryComposite.objects.filter(network_id=self.instance.network_id, title=title)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("The network already has a composite with that theme.")
        return title


class CodingForm(forms.Form):
    composite = forms.ModelChoiceField(StoryComposite.objects.none(), required=False, empty_label="Not coded")

    def __init__(self, *args: object, network: Network, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["composite"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = StoryComposite.objects.filter(network=network)


class PracticeForm(forms.ModelForm):
    class Meta:
        model = SharedPractice
        fields = ["title", "topic", "description", "source_school", "materials"]
        labels = {"source_school": "The school it comes from"}
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "materials": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: object, sources: QuerySet[School], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["source_school"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = sources
        if len(sources) == 1:  # a leader's own school: nothing to choose
            field.empty_label, field.initial = None, sources[0].pk


class AdoptForm(forms.Form):
    school: forms.ModelChoiceField[School] = forms.ModelChoiceField(queryset=None, label="Our school")

    def __init__(self, *args: object, schools: QuerySet[School], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["school"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = schools


def _status(request: HttpRequest) -> int:
    return 400 if request.method == "POST" else 200


# --- A school's stories. --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def school_stories(request: HttpRequest, school_id: int) -> HttpResponse:
    user, school = request_user(request), school_for_programs(request, school_id)
    may_collect = is_on_school_team(user, school) or is_network_staff_of(user, school)
    if request.method == "POST" and not may_collect:
        raise Http404("Stories are collected by the school's leaders, leadership team, coaches and network staff.")
    form = StoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        story = form.save(commit=False)
        story.school, story.collected_by = school, user
        story.save()
        return redirect("programs-school-stories", school_id=school.pk)
    context = {
        "school": school,
        "stories": ChangeStory.objects.filter(school=school).select_related("composite"),
        "form": form,
        "may_collect": may_collect,
    }
    return render(request, "programs/stories_school.html", context, status=_status(request))


# --- The network's side: coding, composites, rankings. ---------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def network_stories(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for(request, network_id)
    form = CompositeForm(request.POST or None, instance=StoryComposite(network=network))
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("programs-network-stories", network_id=network.pk)
    return _network_page(request, network, form)


def _network_page(request: HttpRequest, network: Network, form: CompositeForm) -> HttpResponse:
    events = Event.objects.filter(network=network, kind__in=RANKING_EVENTS).order_by("-held_on")
    ranked = set(events.filter(composite_rankings__isnull=False).values_list("pk", flat=True))
    context = {
        "network": network,
        "stories": ChangeStory.objects.filter(school__district__network=network)
        .select_related("school", "composite")
        .order_by("-collected_on", "pk"),
        "composites": stories.composite_lines(network=network),
        "events": [(event, event.pk in ranked) for event in events],
        "form": form,
    }
    return render(request, "programs/stories_network.html", context, status=_status(request))


@login_required
@require_http_methods(["POST"])
def code_story(request: HttpRequest, network_id: int, story_id: int) -> HttpResponse:
    network = network_for(request, network_id)
    story = get_object_or_404(
        ChangeStory.objects.select_related("school__district"), pk=story_id, school__district__network=network
    )
    form = CodingForm(request.POST, network=network)
    if not form.is_valid():
        return _network_page(request, network, CompositeForm(instance=StoryComposite(network=network)))
    stories.code_story(story=story, composite=form.cleaned_data["composite"])
    return redirect("programs-network-stories", network_id=network.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_composite(request: HttpRequest, network_id: int, composite_id: int) -> HttpResponse:
    network = network_for(request, network_id)
    composite = get_object_or_404(StoryComposite, pk=composite_id, network=network)
    form = CompositeForm(request.POST or None, instance=composite)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("programs-network-stories", network_id=network.pk)
    context = {"network": network, "composite": composite, "form": form, "stories": composite.stories.all()}
    return render(request, "programs/story_composite.html", context, status=_status(request))


def _ranking_form(network: Network, data: object) -> tuple[forms.Form, list[StoryComposite]]:
    composites = list(StoryComposite.objects.filter(network=network))
    form = forms.Form(data)  # type: ignore[arg-type]
    for c in composites:
        form.fields[f"rank_{c.pk}"] = forms.IntegerField(required=False, label=f"Rank of “{c.title}”")
        form.fields[f"votes_{c.pk}"] = forms.IntegerField(required=False, label=f"Votes for “{c.title}”")
    return form, composites


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def story_ranking(request: HttpRequest, network_id: int, event_id: int) -> HttpResponse:
    network = network_for(request, network_id)
    event = get_object_or_404(Event, pk=event_id, network=network)
    current = {r.composite_id: r for r in event.composite_rankings.all()}
    data = request.POST if request.method == "POST" else None
    form, composites = _ranking_form(network, data)
    errors: list[str] = []
    if request.method == "POST":
        if not composites:
            errors = ["The network has no composite story to rank yet."]
        elif form.is_valid():
            entries = {
                c: stories.RankEntry(form.cleaned_data[f"rank_{c.pk}"], form.cleaned_data[f"votes_{c.pk}"])
                for c in composites
            }
            try:
                stories.record_ranking(event=event, entries=entries)
                return redirect("programs-story-ranking", network_id=network.pk, event_id=event.pk)
            except ValueError as refused:
                errors = str(refused).splitlines()
    lines = stories.ranking_lines(event=event)
    rows = [(c, form[f"rank_{c.pk}"], form[f"votes_{c.pk}"], current.get(c.pk)) for c in composites]
    context = {
        "network": network,
        "event": event,
        "rows": rows,
        "errors": errors,
        "form": form,
        "lines": lines,
        "spec": stories.votes_chart_spec(lines),
        "alternative": stories.votes_alternative(lines),
    }
    return render(request, "programs/story_ranking.html", context, status=_status(request))


# --- The practice library. ------------------------------------------------------------------------------------


def _library_network(request: HttpRequest, network_id: int) -> Network:
    network = Network.objects.filter(pk=network_id).first()
    if network is None or not practices.may_read_library(request_user(request), network):
        raise Http404("No such practice library among those you may read.")
    return network


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def practice_library(request: HttpRequest, network_id: int) -> HttpResponse:
    user, network = request_user(request), _library_network(request, network_id)
    sources = practices.source_choices(user, network)
    if request.method == "POST" and not sources.exists():
        raise Http404("Practices are added by the network's staff and its schools' leaders and leadership teams.")
    form = PracticeForm(request.POST or None, sources=sources)
    if request.method == "POST" and form.is_valid():
        practice = form.save(commit=False)
        practice.network, practice.added_by = network, user
        practice.save()
        return redirect("programs-practice", network_id=network.pk, practice_id=practice.pk)
    topic = request.GET.get("topic", "")
    context = {
        "network": network,
        "practices": practices.library(network=network, topic=topic).prefetch_related("adopting_schools"),
        "topics": practices.topics(network),
        "topic": topic,
        "form": form,
        "may_add": sources.exists(),
    }
    return render(request, "programs/practices.html", context, status=_status(request))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def practice_detail(request: HttpRequest, network_id: int, practice_id: int) -> HttpResponse:
    user, network = request_user(request), _library_network(request, network_id)
    shared = SharedPractice.objects.select_related("source_school")
    practice = get_object_or_404(shared, pk=practice_id, network=network)
    own = practices.own_member_schools(user, network)
    if request.method == "POST" and not own.exists():
        raise Http404("A school's adoption is recorded by its leaders and leadership team.")
    candidates = own.exclude(pk=practice.source_school_id).exclude(pk__in=practice.adopting_schools.all())
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None and not data.get("school") and candidates.count() == 1:
        data["school"] = str(candidates.get().pk)  # one school of one's own: no need to name it
    form = AdoptForm(data, schools=candidates)
    if data is not None and form.is_valid():
        practices.adopt(practice=practice, school=form.cleaned_data["school"])
        return redirect("programs-practice", network_id=network.pk, practice_id=practice.pk)
    context = {
        "network": network,
        "practice": practice,
        "adopters": practice.adopting_schools.order_by("name"),
        "form": form,
        "candidates": list(candidates),
        "is_own": own.exists(),
        "own_is_source": own.filter(pk=practice.source_school_id).exists(),
    }
    return render(request, "programs/practice.html", context, status=_status(request))


urls = [
    path("programs/schools/<int:school_id>/stories/", school_stories, name="programs-school-stories"),
    path("programs/networks/<int:network_id>/stories/", network_stories, name="programs-network-stories"),
    path("programs/networks/<int:network_id>/stories/<int:story_id>/code/", code_story, name="programs-story-code"),
    path(
        "programs/networks/<int:network_id>/stories/composites/<int:composite_id>/",
        edit_composite,
        name="programs-story-composite",
    ),
    path(
        "programs/networks/<int:network_id>/stories/rankings/<int:event_id>/",
        story_ranking,
        name="programs-story-ranking",
    ),
    path("programs/networks/<int:network_id>/practices/", practice_library, name="programs-practices"),
    path(
        "programs/networks/<int:network_id>/practices/<int:practice_id>/",
        practice_detail,
        name="programs-practice",
    ),
]
