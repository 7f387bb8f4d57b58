"""Flags and intervention plans: the school's flag list, an advisor's own, a plan's page and its changes.

Who: a plan is read and acted on by whoever supports its student — the school's leaders, the district's
administrators, the student's active advisor — and by its responsible staff member (``InterventionPlan``'s scope
rule). Coaches never reach these pages: they name students. Every change goes through ``interventions``.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from proficio.insights import flag_register, flags, interventions
from proficio.insights.access import request_user, school_with_students
from proficio.insights.models import InterventionPlan, StudentFlag
from proficio.insights.plan_forms import EndForm, NoteForm, PlanForm
from proficio.insights.scope import sees_students, supported_students
from proficio.roster.models import School


def _led_school(request: HttpRequest, school_id: int) -> School:
    why = "Flags and plans name students: they are for the school's leaders and administrators."
    return school_with_students(request, school_id, why=why)


def _plan(request: HttpRequest, plan_id: int) -> InterventionPlan:
    plan = (
        InterventionPlan.objects.for_user(request_user(request))
        .select_related("student__user", "student__school", "responsible", "flag")
        .filter(pk=plan_id)
        .first()
    )
    if plan is None:
        raise Http404("No such plan among those you may see.")
    return plan


@login_required
@require_safe
def flags_page(request: HttpRequest, school_id: int) -> HttpResponse:
    """The school's open flags, each with its rule, its evidence in words and the plan acting on it."""
    found = _led_school(request, school_id)
    flag_register.refresh(school_ids=[found.pk])  # the school was found among the user's own
    raised = flag_register.open_flags(school_ids=[found.pk])
    by_rule: dict[str, int] = {}
    for flag in raised:
        by_rule[flag.rule_name] = by_rule.get(flag.rule_name, 0) + 1
    context = {"school": found, "flags": raised, "by_rule": by_rule, "rules": flags.rules()}
    return render(request, "insights/flags.html", context)


@login_required
@require_safe
def my_students(request: HttpRequest) -> HttpResponse:
    """An advisor's flag list — their advisees' open flags — and the plans they are responsible for."""
    user = request_user(request)
    advisees = list(
        supported_students(user)
        .filter(advisories__advisor=user, advisories__is_active=True)
        .values_list("pk", "school_id")
    )
    plans = InterventionPlan.objects.for_user(user).filter(responsible=user)
    if not advisees and not plans.exists():
        raise Http404("You advise no student and are responsible for no plan.")
    for school_id in {school for _, school in advisees}:
        flag_register.refresh(school_ids=[school_id])  # schools of the user's own advisees
    raised = flag_register.open_flags(
        school_ids=sorted({school for _, school in advisees}), students={pk for pk, _ in advisees}
    )
    context = {"flags": raised, "plans": interventions.plan_lines(plans.filter(ended_on__isnull=True))}
    return render(request, "insights/my_students.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def new_plan(request: HttpRequest, student_id: int) -> HttpResponse:
    """Start a plan for a student one supports, from one of their open flags (``?flag=``) or not."""
    user = request_user(request)
    student = supported_students(user).select_related("user", "school").filter(pk=student_id).first()
    if student is None:
        raise Http404("No such student among those you support.")
    flag_id = request.POST.get("flag") or request.GET.get("flag")
    flag = None
    if flag_id and flag_id.isdigit():  # anything else in the address is no flag at all
        flag = StudentFlag.objects.for_user(user).filter(pk=int(flag_id), student=student).first()
    form = PlanForm(request.POST or None, student=student)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = interventions.create_plan(
                student=student,
                by=user,
                tier=data["tier"],
                kind=data["kind"],
                block=data["block"],
                responsible=data["responsible"],
                start_date=data["start_date"],
                weeks=data["weeks"],
                goal=data["goal"],
                indicators=list(data["goal_indicators"]),
                strategies=list(data["strategies"]),
                check_every_days=data["check_every_days"],
                flag=flag,
            )
            return redirect("insights-plan", plan_id=plan.pk)
        except interventions.PlanError as refused:
            form.add_error(refused.field if refused.field in form.fields else None, str(refused))
    status = 400 if request.method == "POST" else 200
    context = {"student": student, "flag": flag, "form": form, "rule_name": flags.rule_name(flag.rule) if flag else ""}
    return render(request, "insights/plan_new.html", context, status=status)


def _plan_page(
    request: HttpRequest, plan: InterventionPlan, *, note: NoteForm, end: EndForm, status: int = 200
) -> HttpResponse:
    lines = interventions.goal_status(plan)
    context = {
        "plan": plan,
        "goal_lines": lines,
        "goal_words": interventions.goal_words(lines),
        "line": interventions.plan_lines(InterventionPlan.objects.for_user(request_user(request)).filter(pk=plan.pk))[
            0
        ],
        "notes": plan.notes.select_related("written_by"),
        "strategies": plan.strategies.all(),
        "note_form": note,
        "end_form": end,
        "school_flags": sees_students(request_user(request), plan.student.school),
    }
    return render(request, "insights/plan.html", context, status=status)


@login_required
@require_safe
def plan_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    """A plan: its goal against the student's evidence today, its strategies, its check-ins and its end."""
    return _plan_page(request, _plan(request, plan_id), note=NoteForm(), end=EndForm())


@login_required
@require_POST
def plan_note(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            interventions.add_note(plan=plan, by=request_user(request), note=form.cleaned_data["note"])
            return redirect("insights-plan", plan_id=plan.pk)
        except interventions.PlanError as refused:
            form.add_error("note", str(refused))
    return _plan_page(request, plan, note=form, end=EndForm(), status=400)


@login_required
@require_POST
def plan_end(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            interventions.end_plan(plan=plan, ending=form.cleaned_data["ending"])
            return redirect("insights-plan", plan_id=plan.pk)
        except interventions.PlanError as refused:
            form.add_error("ending", str(refused))
    return _plan_page(request, plan, note=NoteForm(), end=form, status=400)


@login_required
@require_safe
def school_plans(request: HttpRequest, school_id: int) -> HttpResponse:
    """The school's plans, overdue check-ins first, and how each kind of intervention has worked."""
    found = _led_school(request, school_id)
    plans = InterventionPlan.objects.for_user(request_user(request)).filter(student__school_id=found.pk)
    lines = interventions.plan_lines(plans)
    lines.sort(key=lambda line: (line.ended_on is not None, not line.overdue, line.next_check or line.start_date))
    context = {
        "school": found,
        "plans": lines,
        "effectiveness": interventions.school_effectiveness(school_ids=[found.pk]),
    }
    return render(request, "insights/plans.html", context)
