"""Learner pages: the profile, goals, a section's learning path, and "show what I know" requests.

Everything is read through ``for_user`` (a 404 for anyone who may not read it); writing is narrower and checked
here: the student edits their own profile, goals and requests; staff who read the student edit accommodations;
the student's advisor comments and reviews goals; the section's teachers build its path and answer requests.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from proficio.accounts.models import User
from proficio.learners import services
from proficio.learners.forms import (
    AcceptForm,
    AccommodationsForm,
    CheckpointForm,
    CommentForm,
    DeclineForm,
    GoalForm,
    OptionForm,
    ProfileForm,
    ReflectionForm,
    RequestForm,
    ReviewForm,
    StepForm,
)
from proficio.learners.models import AssessmentRequest, Goal, LearnerProfile, ProfileComment
from proficio.learners.rights import is_advisor_of, is_self, is_staff_for
from proficio.roster.models import Section, Student
from proficio.standards.models import PerformanceIndicator, Standard


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _student(request: HttpRequest, student_id: int) -> Student:
    readable = Student.objects.for_user(_user(request)).select_related("user", "school")
    return get_object_or_404(readable, pk=student_id)


def _own_student(request: HttpRequest, student_id: int) -> Student:
    student = _student(request, student_id)
    if not is_self(_user(request), student):
        raise PermissionDenied("Only the student changes this.")
    return student


def _posted_id(request: HttpRequest, name: str) -> int:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        raise _BadRequest(f"Send a {name}.") from None


class _BadRequest(Exception):
    pass


def _bad_requests(view: Any) -> Any:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _BadRequest as error:
            return HttpResponseBadRequest(str(error))

    return wrapped


# Profile ---------------------------------------------------------------------------------------------------


def _path_sections(user: User, student: Student) -> list[Section]:
    """The student's own sections that have a path (tabs on their pages); nobody else walks their path."""
    if not is_self(user, student):
        return []
    return list(services.student_sections(student).filter(path_steps__isnull=False).distinct())


def _profile(student: Student, user: User) -> LearnerProfile:
    found = LearnerProfile.objects.for_user(user).filter(student=student).first()
    return found or LearnerProfile(student=student)


def _profile_page(request: HttpRequest, student: Student, status: int = 200, **forms: Any) -> HttpResponse:
    user = _user(request)
    profile = _profile(student, user)
    mine, staff, advisor = is_self(user, student), is_staff_for(user, student), is_advisor_of(user, student)
    goals = Goal.objects.for_user(user).filter(student=student, status=Goal.Status.ACTIVE)
    context = {
        "student": student,
        "path_sections": _path_sections(user, student),
        "profile": profile,
        "mine": mine,
        "staff": staff,
        "advisor": advisor,
        "results": services.strengths_and_areas(student),
        "goals": goals.select_related("indicator", "standard")[:5],
        "paces": services.student_paces(student),
        "comments": ProfileComment.objects.for_user(user).filter(student=student).select_related("author"),
        "form": forms.get("form") or (ProfileForm(instance=profile) if mine else None),
        "accommodations_form": forms.get("accommodations_form")
        or (AccommodationsForm(instance=profile) if staff else None),
        "comment_form": forms.get("comment_form") or (CommentForm() if advisor else None),
    }
    return render(request, "learners/profile.html", context, status=status)


@login_required
def profile(request: HttpRequest, student_id: int) -> HttpResponse:
    student = _student(request, student_id)
    if request.method != "POST":
        return _profile_page(request, student)
    if not is_self(_user(request), student):
        raise PermissionDenied("Only the student edits their profile.")
    form = ProfileForm(request.POST, instance=_profile(student, _user(request)))
    if not form.is_valid():
        return _profile_page(request, student, status=400, form=form)
    form.save()
    messages.success(request, "Your profile is saved.")
    return redirect("learner-profile", student.pk)


@login_required
@require_POST
def accommodations(request: HttpRequest, student_id: int) -> HttpResponse:
    student = _student(request, student_id)
    if not is_staff_for(_user(request), student):
        raise PermissionDenied("Only staff edit accommodations.")
    form = AccommodationsForm(request.POST, instance=_profile(student, _user(request)))
    if not form.is_valid():
        return _profile_page(request, student, status=400, accommodations_form=form)
    form.save()
    messages.success(request, "Accommodations saved.")
    return redirect("learner-profile", student.pk)


@login_required
@require_POST
def comment(request: HttpRequest, student_id: int) -> HttpResponse:
    student = _student(request, student_id)
    user = _user(request)
    if not is_advisor_of(user, student):
        raise PermissionDenied("Only the student's advisor comments here.")
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _profile_page(request, student, status=400, comment_form=form)
    student.profile_comments.create(author=user, body=form.cleaned_data["body"])
    messages.success(request, "Comment added.")
    return redirect("learner-profile", student.pk)


# Goals -----------------------------------------------------------------------------------------------------


def _goal_indicators(user: User, student: Student) -> list[PerformanceIndicator]:
    return list(
        PerformanceIndicator.objects.for_user(user)
        .filter(standard__framework__is_current=True, standard__framework__district_id=student.school.district_id)
        .select_related("standard")
        .order_by("standard__position", "standard__code", "position", "code")
    )


def _goals_page(request: HttpRequest, student: Student, status: int = 200, **forms: Any) -> HttpResponse:
    user = _user(request)
    mine = is_self(user, student)
    indicators = _goal_indicators(user, student) if mine else []
    goals = list(
        Goal.objects.for_user(user)
        .filter(student=student)
        .select_related("indicator", "standard", "reviewed_by")
        .prefetch_related("checkpoints", "reflections")
    )
    today = timezone.localdate()
    for goal in goals:
        goal.overdue = goal.is_overdue(today)  # type: ignore[attr-defined]
        if mine:
            bound = forms.get("edit_form")
            goal.edit_form = (
                bound
                if bound is not None and bound.instance.pk == goal.pk
                else GoalForm(  # type: ignore[attr-defined]
                    instance=goal, indicators=indicators, prefix=f"goal{goal.pk}"
                )
            )
    context = {
        "student": student,
        "path_sections": _path_sections(user, student),
        "goals": goals,
        "mine": mine,
        "advisor": is_advisor_of(user, student),
        "form": forms.get("form") or (GoalForm(indicators=indicators) if mine else None),
        "checkpoint_form": CheckpointForm(),
        "reflection_form": ReflectionForm(),
        "review_form": ReviewForm(),
        "error_goal": forms.get("error_goal"),
        "today": today,
    }
    return render(request, "learners/goals.html", context, status=status)


def _own_goal(request: HttpRequest, student: Student) -> Goal:
    goal_id = _posted_id(request, "goal")
    return get_object_or_404(Goal.objects.for_user(_user(request)).filter(student=student), pk=goal_id)


@login_required
@_bad_requests
def goals(request: HttpRequest, student_id: int) -> HttpResponse:
    """The student's goals; the student creates one (or edits one, naming it in ``goal``) by POST."""
    student = _student(request, student_id)
    if request.method != "POST":
        return _goals_page(request, student)
    user = _user(request)
    if not is_self(user, student):
        raise PermissionDenied("Only the student sets their goals.")
    indicators = _goal_indicators(user, student)
    if request.POST.get("goal"):
        goal = _own_goal(request, student)
        form = GoalForm(request.POST, instance=goal, indicators=indicators, prefix=f"goal{goal.pk}")
        if not form.is_valid():
            return _goals_page(request, student, status=400, edit_form=form, error_goal=goal.pk)
        form.save()
        messages.success(request, "Goal updated.")
        return redirect("learner-goals", student.pk)
    form = GoalForm(request.POST, instance=Goal(student=student), indicators=indicators)
    if not form.is_valid():
        return _goals_page(request, student, status=400, form=form)
    form.save()
    messages.success(request, "Goal set. Add checkpoints to plan the way there.")
    return redirect("learner-goals", student.pk)


@login_required
@require_POST
@_bad_requests
def goal_checkpoint(request: HttpRequest, student_id: int) -> HttpResponse:
    """Add a checkpoint to a goal, or tick one done (or not done) by naming it in ``checkpoint``."""
    student = _own_student(request, student_id)
    goal = _own_goal(request, student)
    if request.POST.get("checkpoint"):
        checkpoint = get_object_or_404(goal.checkpoints, pk=_posted_id(request, "checkpoint"))
        checkpoint.done = request.POST.get("done") == "1"
        checkpoint.save(update_fields=["done"])
        return redirect(f"{_goals_url(student)}#goal-{goal.pk}")
    form = CheckpointForm(request.POST)
    if not form.is_valid():
        messages.error(request, "A checkpoint needs a description and a date.")
        return redirect(f"{_goals_url(student)}#goal-{goal.pk}")
    goal.checkpoints.create(**form.cleaned_data)
    return redirect(f"{_goals_url(student)}#goal-{goal.pk}")


@login_required
@require_POST
@_bad_requests
def goal_reflection(request: HttpRequest, student_id: int) -> HttpResponse:
    student = _own_student(request, student_id)
    goal = _own_goal(request, student)
    form = ReflectionForm(request.POST)
    if form.is_valid():
        goal.reflections.create(body=form.cleaned_data["body"])
        messages.success(request, "Reflection added.")
    else:
        messages.error(request, "Write a few words before saving a reflection.")
    return redirect(f"{_goals_url(student)}#goal-{goal.pk}")


@login_required
@require_POST
@_bad_requests
def goal_review(request: HttpRequest, student_id: int) -> HttpResponse:
    """The advisor marks a goal reviewed, with a comment."""
    student = _student(request, student_id)
    user = _user(request)
    if not is_advisor_of(user, student):
        raise PermissionDenied("Only the student's advisor reviews goals.")
    goal = _own_goal(request, student)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Add a comment with your review.")
    else:
        goal.reviewed_at, goal.reviewed_by = timezone.now(), user
        goal.review_comment = form.cleaned_data["comment"]
        goal.save(update_fields=["reviewed_at", "reviewed_by", "review_comment"])
        messages.success(request, "Goal marked reviewed.")
    return redirect(f"{_goals_url(student)}#goal-{goal.pk}")


def _goals_url(student: Student) -> str:
    return reverse("learner-goals", args=[student.pk])


# Requests --------------------------------------------------------------------------------------------------


@login_required
@require_POST
@_bad_requests
def request_assessment(request: HttpRequest, student_id: int) -> HttpResponse:
    """The student asks to show what they know on one indicator of one of their sections."""
    student = _own_student(request, student_id)
    user = _user(request)
    section = get_object_or_404(services.student_sections(student), pk=_posted_id(request, "section"))
    offered = Q(path_steps__section=section) | Q(assessments__section=section)
    indicator = get_object_or_404(
        PerformanceIndicator.objects.for_user(user).filter(offered).distinct(), pk=_posted_id(request, "indicator")
    )
    form = RequestForm(request.POST, instance=AssessmentRequest(student=student, section=section, indicator=indicator))
    if not form.is_valid():
        messages.error(request, "Choose whether this is a first try or a retake.")
    else:
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:
            messages.error(request, f"You already asked to show {indicator.code}; your teacher will answer soon.")
        else:
            messages.success(request, f"Request sent: your teacher will answer about {indicator.code}.")
    return redirect("learning-path", section.pk)


def _requests_page(request: HttpRequest, section: Section, status: int = 200, **forms: Any) -> HttpResponse:
    user = _user(request)
    rows = (
        AssessmentRequest.objects.for_user(user)
        .filter(section=section)
        .select_related("student__user", "indicator", "decided_by", "assessment")
    )
    pending = list(rows.filter(status=AssessmentRequest.Status.PENDING).order_by("created_at", "pk"))
    for req in pending:
        req.accept_form = forms.get(f"accept{req.pk}") or AcceptForm(  # type: ignore[attr-defined]
            prefix=f"r{req.pk}", initial={"on": timezone.localdate()}
        )
        req.decline_form = forms.get(f"decline{req.pk}") or DeclineForm(prefix=f"r{req.pk}")  # type: ignore[attr-defined]
    answered = rows.exclude(status=AssessmentRequest.Status.PENDING).order_by("-decided_at", "-pk")[:20]
    context = {"section": section, "pending": pending, "answered": answered}
    return render(request, "learners/requests.html", context, status=status)


@login_required
@_bad_requests
def section_requests(request: HttpRequest, section_id: int) -> HttpResponse:
    """A section's "show what I know" requests; its teachers accept one (with a date) or decline (with a reason)."""
    user = _user(request)
    section = get_object_or_404(Section.objects.taught_by(user).select_related("course", "session"), pk=section_id)
    if request.method != "POST":
        return _requests_page(request, section)
    req = get_object_or_404(
        AssessmentRequest.objects.for_user(user).filter(section=section).select_related("student", "indicator"),
        pk=_posted_id(request, "request"),
    )
    prefix = f"r{req.pk}"
    try:
        if request.POST.get("decision") == "accept":
            form = AcceptForm(request.POST, prefix=prefix)
            if not form.is_valid():
                return _requests_page(request, section, status=400, **{f"accept{req.pk}": form})
            assessment = services.accept_request(req, teacher=user, on=form.cleaned_data["on"])
            messages.success(request, f"Scheduled “{assessment.title}” on {assessment.assessed_on:%b %-d}.")
        elif request.POST.get("decision") == "decline":
            form = DeclineForm(request.POST, prefix=prefix)
            if not form.is_valid():
                return _requests_page(request, section, status=400, **{f"decline{req.pk}": form})
            services.decline_request(req, teacher=user, reason=form.cleaned_data["reason"])
            messages.success(request, f"Declined {req.student}'s request on {req.indicator.code}.")
        else:
            raise _BadRequest("Send decision=accept or decision=decline.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("section-requests", section.pk)


# Learning path ---------------------------------------------------------------------------------------------


def _path_indicators(user: User, section: Section) -> list[PerformanceIndicator]:
    """Indicators a section's path may use: the current framework's, in the course's content area or
    cross-curricular (all academic ones when that leaves none). Work habits are reported apart."""
    district = section.course.school.district_id
    academic = (
        PerformanceIndicator.objects.for_user(user)
        .filter(standard__framework__is_current=True, standard__framework__district_id=district)
        .exclude(standard__kind=Standard.Kind.WORK_HABIT)
        .select_related("standard")
        .prefetch_related("objectives")
        .order_by("standard__position", "standard__code", "position", "code")
    )
    fitting = academic.filter(
        Q(standard__content_area=section.course.content_area) | Q(standard__kind=Standard.Kind.CROSS_CURRICULAR)
    )
    return list(fitting) or list(academic)


def _readable_section(user: User, section_id: int) -> tuple[Section, Student | None]:
    """The section, and the student viewing their own path in it (None for staff who may read the section)."""
    section = Section.objects.for_user(user).select_related("course__school", "session").filter(pk=section_id).first()
    if section is not None:
        return section, None
    student = getattr(user, "student_profile", None)
    if student is not None:
        section = services.student_sections(student).select_related("course__school").filter(pk=section_id).first()
        if section is not None:
            return section, student
    raise Http404("No such section.")


def _path_page(
    request: HttpRequest, section: Section, student: Student | None, status: int = 200, **forms: Any
) -> HttpResponse:
    user = _user(request)
    teaching = Section.objects.taught_by(user).filter(pk=section.pk).exists()
    context: dict[str, Any] = {"section": section, "teaching": teaching, "student": student}
    if student is None:
        context["steps"] = services.path_steps(section)
        if teaching:
            context["step_form"] = forms.get("step_form") or StepForm(indicators=_path_indicators(user, section))
            context["option_form"] = OptionForm()
            context["pending"] = section.assessment_requests.filter(status=AssessmentRequest.Status.PENDING).count()
    else:
        rows, pace = services.student_path(section, student)
        context.update(
            rows=rows,
            pace=pace,
            path_sections=_path_sections(user, student),
            request_form=RequestForm(),
            requests=student.assessment_requests.filter(section=section).select_related("indicator", "assessment"),
        )
    return render(request, "learners/path.html", context, status=status)


@login_required
def learning_path(request: HttpRequest, section_id: int) -> HttpResponse:
    """A section's learning path: the teacher builds it; each student sees their own level and pace on it."""
    user = _user(request)
    if request.method != "POST":
        return _path_page(request, *_readable_section(user, section_id))
    section = get_object_or_404(
        Section.objects.taught_by(user).select_related("course__school", "session"), pk=section_id
    )
    form = StepForm(request.POST, indicators=_path_indicators(user, section))
    if not form.is_valid():
        return _path_page(request, section, None, status=400, step_form=form)
    indicator, objective = form.cleaned_data["item"]
    last = section.path_steps.aggregate(last=Max("position"))["last"]
    _, created = section.path_steps.get_or_create(
        indicator=indicator, objective=objective, defaults={"position": (last or 0) + 1}
    )
    if not created:
        messages.error(request, "That is already on the path.")
    return redirect("learning-path", section.pk)


@login_required
@require_POST
@_bad_requests
def path_step(request: HttpRequest, section_id: int) -> HttpResponse:
    """Move a step up or down the path, or take it off."""
    section = get_object_or_404(Section.objects.taught_by(_user(request)), pk=section_id)
    step = get_object_or_404(section.path_steps, pk=_posted_id(request, "step"))
    action = request.POST.get("action")
    steps = list(section.path_steps.all())
    index = next(i for i, s in enumerate(steps) if s.pk == step.pk)
    if action == "remove":
        step.delete()
        return redirect("learning-path", section.pk)
    if action not in ("up", "down"):
        raise _BadRequest("Send action=up, down or remove.")
    other = index - 1 if action == "up" else index + 1
    if 0 <= other < len(steps):
        steps[index], steps[other] = steps[other], steps[index]
        with transaction.atomic():
            for position, s in enumerate(steps, start=1):
                if s.position != position:
                    section.path_steps.filter(pk=s.pk).update(position=position)
    return redirect(f"{_path_url(section)}#step-{step.pk}")


@login_required
@require_POST
@_bad_requests
def path_option(request: HttpRequest, section_id: int) -> HttpResponse:
    """Add a choice to a step's choice board, or remove one (``remove`` names it)."""
    section = get_object_or_404(
        Section.objects.taught_by(_user(request)).select_related("course__school", "session"), pk=section_id
    )
    step = get_object_or_404(section.path_steps, pk=_posted_id(request, "step"))
    if request.POST.get("remove"):
        get_object_or_404(step.options, pk=_posted_id(request, "remove")).delete()
        return redirect(f"{_path_url(section)}#step-{step.pk}")
    form = OptionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "A choice needs a title and a kind; a link must be a full web address.")
    else:
        option = form.save(commit=False)
        option.step = step
        option.save()
    return redirect(f"{_path_url(section)}#step-{step.pk}")


def _path_url(section: Section) -> str:
    return reverse("learning-path", args=[section.pk])
