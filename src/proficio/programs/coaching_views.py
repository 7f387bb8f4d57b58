"""A school's coaching log, its site visits and its action plan, and a network's coaching overview.

Every page reaches its school through programs.access (its network through ``network_for``), so whoever may not see
it gets 404. Who writes is decided in one place per page — the school's assigned coaches log sessions
(``access.is_coach_of``), the visitors record and share site visits (``site_visits.may_record``), the leadership
team with the coach keeps the action plan (``access.is_on_school_team``) — and a write by anyone else is a 404 too,
like a page they may not see. A failed form answers 400 and changes nothing. No page names a student.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from proficio.programs import action_plans, coaching, site_visits
from proficio.programs.access import (
    is_coach_of,
    is_on_school_team,
    network_for,
    program_schools,
    request_user,
    school_for_programs,
)
from proficio.programs.models import ActionPlan, ActionStep, CoachingSession, FocusArea, SiteVisit
from proficio.roster.models import School

NO_STUDENT_NAMES = "Never write a student's name."
SESSIONS_SHOWN = 25  # the newest; the log links to every session


def _not_future(day: date) -> date:
    if day > timezone.localdate():
        raise forms.ValidationError("That date is in the future.")
    return day


def _refuse(form: forms.BaseForm, message: str) -> None:
    """Add a whole-form error to a bound form (after it has been cleaned, as Django requires)."""
    form.is_valid()
    form.add_error(None, message)


def _posted(request: HttpRequest) -> QueryDict | None:
    """The posted data, or None for a GET: an empty POST is still a bound form, whose errors are shown."""
    return request.POST if request.method == "POST" else None


def _status(request: HttpRequest) -> int:
    return 400 if request.method == "POST" else 200


# --- The coaching log. ---------------------------------------------------------------------------------------------


class SessionForm(forms.Form):
    held_on = forms.DateField(label="Held on", widget=forms.DateInput(attrs={"type": "date"}))
    days = forms.DecimalField(
        label="Days",
        max_digits=3,
        decimal_places=1,
        initial=Decimal(1),
        help_text="A whole day is 1, half a day 0.5.",
        widget=forms.NumberInput(attrs={"step": "0.1", "min": "0.1", "max": "10"}),
    )
    focus_areas = forms.MultipleChoiceField(
        label="Focus areas", choices=FocusArea.choices, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=NO_STUDENT_NAMES)
    teacher_check_ins = forms.IntegerField(label="Teachers checked in with", min_value=0, max_value=500, initial=0)
    check_in_notes = forms.CharField(
        label="Check-in notes", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=NO_STUDENT_NAMES
    )

    def clean_held_on(self) -> date:
        return _not_future(self.cleaned_data["held_on"])

    def clean_days(self) -> Decimal:
        days: Decimal = self.cleaned_data["days"]
        if days <= 0:
            raise forms.ValidationError("A session lasts part of a day or more: enter more than 0 days.")
        if days > 10:
            raise forms.ValidationError("Log at most 10 days at once: log a longer stretch as several sessions.")
        return days


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def school_coaching(request: HttpRequest, school_id: int) -> HttpResponse:
    user, school = request_user(request), school_for_programs(request, school_id)
    may_log = is_coach_of(user, school)
    if request.method == "POST" and not may_log:
        raise Http404("Only the school's assigned coaches log its coaching sessions.")
    form = SessionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        coaching.log_session(school=school, coach=user, **form.cleaned_data)
        return redirect("programs-school-coaching", school_id=school.pk)
    return _coaching_page(request, school, form, may_log)


@dataclass(frozen=True)
class SessionLine:
    session: CoachingSession
    focus: str


def _coaching_page(request: HttpRequest, school: School, form: SessionForm, may_log: bool) -> HttpResponse:
    today = timezone.localdate()
    sessions = coaching.load_sessions([school.pk])[school.pk]
    plans = coaching.current_and_earlier(coaching.load_phase_plans([school.pk])[school.pk], today)
    uses = [coaching.phase_use(sessions, plan, today) for plan in plans]
    current = uses[0] if uses and uses[0].is_current else None
    show_all = request.GET.get("all") == "1"
    listed = CoachingSession.objects.filter(school=school).select_related("coach").order_by("-held_on", "-pk")
    context = {
        "school": school,
        "uses": uses,
        "current": current,
        "tally": coaching.focus_lines(sessions, current.plan if current else None),
        "sessions": [
            SessionLine(s, coaching.focus_labels(s.focus_areas))
            for s in (listed if show_all else listed[:SESSIONS_SHOWN])
        ],
        "session_count": len(sessions),
        "showing_all": show_all,
        "coaches": coaching.load_coach_names([school.pk]).get(school.pk, []),
        "form": form,
        "may_log": may_log,
    }
    return render(request, "programs/coaching_school.html", context, status=_status(request))


@login_required
@require_http_methods(["GET", "HEAD"])
def network_coaching(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for(request, network_id)
    today = timezone.localdate()
    schools = list(program_schools(request_user(request)).filter(district__network=network).order_by("name"))
    ids = [s.pk for s in schools]
    sessions, plans, coaches = (
        coaching.load_sessions(ids),
        coaching.load_phase_plans(ids),
        coaching.load_coach_names(ids),
    )
    rows = coaching.furthest_behind_first(
        coaching.school_coaching(
            school_id=s.pk,
            school=s.name,
            coaches=coaches.get(s.pk, []),
            plans=plans.get(s.pk, []),
            sessions=sessions.get(s.pk, []),
            today=today,
        )
        for s in schools
    )
    context = {
        "network": network,
        "rows": rows,
        "spec": coaching.overview_chart_spec(rows),
        "alternative": coaching.overview_alternative(rows),
        "today": today,
    }
    return render(request, "programs/coaching_network.html", context)


# --- Site visits. --------------------------------------------------------------------------------------------------


TEAM_TOO_SMALL = "A site visit team has at least two people: write each one on a line of their own."


class SiteVisitForm(forms.Form):
    visited_on = forms.DateField(label="Visited on", widget=forms.DateInput(attrs={"type": "date"}))
    team = forms.CharField(
        label="Visiting team",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One person per line: a team has at least two.",
        error_messages={"required": TEAM_TOO_SMALL},
    )
    observations = forms.CharField(
        label="Classroom observations",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=NO_STUDENT_NAMES,
    )
    focus_groups = forms.CharField(
        label="Focus groups and conversations",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="With students, teachers and leaders. " + NO_STUDENT_NAMES,
    )
    summary = forms.CharField(label="Summary", widget=forms.Textarea(attrs={"rows": 4}), help_text=NO_STUDENT_NAMES)

    def clean_visited_on(self) -> date:
        return _not_future(self.cleaned_data["visited_on"])

    def clean_team(self) -> str:
        team: str = self.cleaned_data["team"]
        if len(site_visits.team_lines(team)) < site_visits.MIN_TEAM:
            raise forms.ValidationError(TEAM_TOO_SMALL)
        return team


def _site_visit_reader(request: HttpRequest, school_id: int) -> tuple[School, bool]:
    user, school = request_user(request), school_for_programs(request, school_id)
    may_record = site_visits.may_record(user, school)
    if request.method == "POST" and not may_record:
        raise Http404("Site visits are recorded by the visitors: the network's staff, coaches and district admins.")
    return school, may_record


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def school_site_visits(request: HttpRequest, school_id: int) -> HttpResponse:
    school, may_record = _site_visit_reader(request, school_id)
    form = SiteVisitForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        visit = site_visits.record_visit(school=school, recorded_by=request_user(request), **form.cleaned_data)
        return redirect("programs-site-visit", school_id=school.pk, site_visit_id=visit.pk)
    context = {
        "school": school,
        "visits": site_visits.visible_visits(request_user(request), school),
        "form": form,
        "may_record": may_record,
        "is_coach": is_coach_of(request_user(request), school),
    }
    return render(request, "programs/site_visits.html", context, status=_status(request))


def _visit(request: HttpRequest, school: School, site_visit_id: int) -> SiteVisit:
    return get_object_or_404(site_visits.visible_visits(request_user(request), school), pk=site_visit_id)


@login_required
@require_http_methods(["GET", "HEAD"])
def site_visit(request: HttpRequest, school_id: int, site_visit_id: int) -> HttpResponse:
    school, may_record = _site_visit_reader(request, school_id)
    visit = _visit(request, school, site_visit_id)
    context = {
        "school": school,
        "visit": visit,
        "recorded_by": coaching.display_name(visit.recorded_by) if visit.recorded_by_id else None,
        "may_record": may_record,
    }
    return render(request, "programs/site_visit.html", context)


@login_required
@require_http_methods(["POST"])
def share_site_visit(request: HttpRequest, school_id: int, site_visit_id: int) -> HttpResponse:
    school, _ = _site_visit_reader(request, school_id)
    visit = _visit(request, school, site_visit_id)
    site_visits.share_with_coach(visit=visit, when=timezone.now())
    return redirect("programs-site-visit", school_id=school.pk, site_visit_id=visit.pk)


# --- The action plan. ----------------------------------------------------------------------------------------------


class PlanForm(forms.Form):
    title = forms.CharField(max_length=200, help_text="e.g. 'Year 1: proficiency-based grading in every course'.")
    school_year = forms.CharField(label="School year", max_length=9, help_text="Written like 2026-27.")

    def __init__(self, *args: object, school: School, today: date, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.school, self.today = school, today
        self.fields["school_year"].initial = action_plans.current_school_year(today)

    def clean_school_year(self) -> str:
        text: str = self.cleaned_data["school_year"].strip()
        start = action_plans.parse_school_year(text)
        if start is None:
            raise forms.ValidationError("Write the school year as its two years, like 2026-27.")
        current = action_plans.parse_school_year(action_plans.current_school_year(self.today))
        assert current is not None
        if not current <= start <= current + 1:
            raise forms.ValidationError("A new plan is for this school year or the next one.")
        if ActionPlan.objects.filter(school=self.school, school_year=text).exists():
            raise forms.ValidationError("This school already has a plan for that school year.")
        return text


class StepForm(forms.ModelForm):
    class Meta:
        model = ActionStep
        fields = ["action", "dimension", "activity", "owner", "due_on", "status", "progress_note"]
        labels = {
            "dimension": "Global Best Practices dimension it serves",
            "activity": "Implementation Grid activity it serves",
            "due_on": "Due on",
            "progress_note": "Progress note",
        }
        widgets = {
            "action": forms.Textarea(attrs={"rows": 2}),
            "due_on": forms.DateInput(attrs={"type": "date"}),
            "progress_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: object, school: School, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, queryset in (
            ("dimension", action_plans.dimension_choices(school)),
            ("activity", action_plans.activity_choices(school)),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
            field.empty_label = "None"


class StepUpdateForm(forms.Form):
    status = forms.ChoiceField(choices=ActionStep.Status.choices)
    progress_note = forms.CharField(
        label="Progress note", required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text=NO_STUDENT_NAMES
    )


def _plan_writer(request: HttpRequest, school_id: int) -> tuple[School, bool]:
    user, school = request_user(request), school_for_programs(request, school_id)
    may_write = is_on_school_team(user, school)
    if request.method == "POST" and not may_write:
        raise Http404("The action plan is kept by the school's leadership team with its coach.")
    return school, may_write


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def school_action_plan(request: HttpRequest, school_id: int) -> HttpResponse:
    school, may_write = _plan_writer(request, school_id)
    today = timezone.localdate()
    current, earlier = action_plans.split_plans(school, today)
    plan_form = PlanForm(_posted(request), school=school, today=today)
    if request.method == "POST" and current is not None:
        _refuse(plan_form, f"This school already has its plan for {current.school_year}.")
    elif request.method == "POST" and plan_form.is_valid():
        action_plans.create_plan(school=school, **plan_form.cleaned_data)
        return redirect("programs-school-action-plan", school_id=school.pk)
    return _plan_page(request, school, current, earlier, plan_form, StepForm(school=school), may_write)


def _plan_page(
    request: HttpRequest,
    school: School,
    current: ActionPlan | None,
    earlier: list[ActionPlan],
    plan_form: PlanForm,
    step_form: StepForm,
    may_write: bool,
) -> HttpResponse:
    context = {
        "school": school,
        "current": current,
        "lines": action_plans.step_lines(current) if current else [],
        "earlier": [(plan, action_plans.step_lines(plan)) for plan in earlier],
        "plan_form": plan_form,
        "step_form": step_form,
        "may_write": may_write,
        "this_year": action_plans.current_school_year(timezone.localdate()),
    }
    return render(request, "programs/action_plan.html", context, status=_status(request))


@login_required
@require_http_methods(["POST"])
def add_action_step(request: HttpRequest, school_id: int, action_plan_id: int) -> HttpResponse:
    school, may_write = _plan_writer(request, school_id)
    plan = get_object_or_404(ActionPlan, pk=action_plan_id, school=school)
    today = timezone.localdate()
    form = StepForm(request.POST, school=school)
    if not action_plans.is_current(plan, today):
        _refuse(form, f"The {plan.school_year} plan is an earlier year's: it is kept as it was.")
    elif form.is_valid():
        action_plans.add_step(plan=plan, **form.cleaned_data)
        return redirect("programs-school-action-plan", school_id=school.pk)
    current, earlier = action_plans.split_plans(school, today)
    return _plan_page(request, school, current, earlier, PlanForm(school=school, today=today), form, may_write)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_step(request: HttpRequest, school_id: int, step_id: int) -> HttpResponse:
    school, may_write = _plan_writer(request, school_id)
    step = get_object_or_404(
        ActionStep.objects.select_related("plan", "dimension", "activity"), pk=step_id, plan__school=school
    )
    editable = action_plans.is_current(step.plan, timezone.localdate())
    form = StepUpdateForm(_posted(request), initial={"status": step.status, "progress_note": step.progress_note})
    if request.method == "POST" and not editable:
        _refuse(form, f"The {step.plan.school_year} plan is an earlier year's: it is kept as it was.")
    elif request.method == "POST" and form.is_valid():
        action_plans.update_step(step=step, **form.cleaned_data)
        return redirect("programs-action-step", school_id=school.pk, step_id=step.pk)
    context = {
        "school": school,
        "step": step,
        "history": action_plans.step_history(step),
        "form": form,
        "may_write": may_write and editable,
    }
    return render(request, "programs/action_plan_step.html", context, status=_status(request))


urls = [
    path("programs/schools/<int:school_id>/coaching/", school_coaching, name="programs-school-coaching"),
    path("programs/networks/<int:network_id>/coaching/", network_coaching, name="programs-network-coaching"),
    path("programs/schools/<int:school_id>/site-visits/", school_site_visits, name="programs-school-site-visits"),
    path("programs/schools/<int:school_id>/site-visits/<int:site_visit_id>/", site_visit, name="programs-site-visit"),
    path(
        "programs/schools/<int:school_id>/site-visits/<int:site_visit_id>/share/",
        share_site_visit,
        name="programs-site-visit-share",
    ),
    path("programs/schools/<int:school_id>/action-plan/", school_action_plan, name="programs-school-action-plan"),
    path(
        "programs/schools/<int:school_id>/action-plan/<int:action_plan_id>/steps/",
        add_action_step,
        name="programs-action-plan-steps",
    ),
    path("programs/schools/<int:school_id>/action-plan/steps/<int:step_id>/", action_step, name="programs-action-step"),
]
