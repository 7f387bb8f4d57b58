"""The scoring screen for one assessment, and the endpoint each keystroke saves through."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from proficio.accounts.models import User
from proficio.evidence import services
from proficio.evidence.forms import AssessmentForm
from proficio.evidence.models import Assessment, CommentSnippet, Score
from proficio.evidence.services import (
    Outcome,
    ScoreConflict,
    create_assessment,
    students_needing_retake,
    work_habit_check,
)
from proficio.proficiency.models import IndicatorResult
from proficio.roster.enrolled import section_student
from proficio.roster.models import Section


def _assessment_for_scorer(request: HttpRequest, assessment_id: int) -> Assessment:
    """Only the section's teachers (and aides) score its assessments; anyone else gets a 404."""
    user = request.user
    assert isinstance(user, User)
    return get_object_or_404(
        Assessment.objects.taught_by(user).select_related("section__course", "section__session"), pk=assessment_id
    )


def _current_scores(assessment: Assessment) -> dict[tuple[int, int], Score]:
    return {(s.student_id, s.indicator_id): s for s in assessment.scores.current()}


@login_required
@require_safe
def score_assessment(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _assessment_for_scorer(request, assessment_id)
    indicators = list(
        assessment.indicators.select_related("standard__framework__scale", "standard__framework__work_habit_scale")
        .prefetch_related(
            "criteria__level",
            "exemplars__level",
            Prefetch("comment_snippets", CommentSnippet.objects.filter(created_by=request.user), to_attr="my_snippets"),
        )
        .order_by("standard__position", "standard__code", "position", "code")
    )
    students = assessment.students()
    current = _current_scores(assessment)
    absent = set(assessment.not_assessed.values_list("student_id", flat=True))
    rows = [
        {"student": s, "absent": s.pk in absent, "cells": [(i, current.get((s.pk, i.pk))) for i in indicators]}
        for s in students
    ]
    scale_levels = list(indicators[0].scale.levels.order_by("value")) if indicators else []
    return render(
        request,
        "evidence/score_assessment.html",
        {
            "assessment": assessment,
            "indicators": indicators,
            "rows": rows,
            "levels": scale_levels,
            "scored": len(current),
            "slots": (len(students) - len(absent)) * len(indicators),
        },
    )


def _problem(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"ok": False, "error": message}, status=status)


def _conflict(conflict: ScoreConflict) -> JsonResponse:
    """A 409 the scoring screen shows in its feedback dialog, with the slot's current score so that the cell
    can show what is recorded now (another grader's, when they saved first) and ask for a reason."""
    current = conflict.current
    body = {"score": current.pk, "value": f"{current.value.normalize():f}", "feedback": current.feedback}
    return JsonResponse({"ok": False, "error": str(conflict), "conflict": conflict.kind, "current": body}, status=409)


@login_required
@require_POST
def save_score(request: HttpRequest, assessment_id: int) -> JsonResponse:
    """Record a score, or correct one (a reason is required): ``evidence.services.save_score`` decides, this
    view translates. Never overwrites: a correction supersedes."""
    assessment = _assessment_for_scorer(request, assessment_id)
    user = request.user
    assert isinstance(user, User)
    try:
        student_id = int(request.POST["student"])
        indicator_id = int(request.POST["indicator"])
        value = Decimal(request.POST["value"])
    except (KeyError, ValueError, InvalidOperation):
        return _problem("Send student, indicator and a numeric value.")
    if not value.is_finite():  # "NaN" and "Infinity" parse, but are no level
        return _problem("Send student, indicator and a numeric value.")
    # One query each, not the whole class: this runs on every keystroke of the scoring screen.
    student = section_student(assessment.section, student_id)
    indicator = assessment.indicators.filter(pk=indicator_id).first()
    if student is None or indicator is None or not assessment.takes_it(student):
        raise Http404("No such student or indicator on this assessment.")
    feedback = request.POST.get("feedback", "").strip()
    reason = request.POST.get("reason", "").strip()
    if feedback and request.POST.get("save_snippet") == "1":
        CommentSnippet.objects.get_or_create(indicator=indicator, created_by=user, text=feedback)
    try:
        saved = services.save_score(
            student=student,
            indicator=indicator,
            value=value,
            scorer=user,
            assessment=assessment,
            feedback=feedback,
            reason=reason,
        )
    except ScoreConflict as conflict:
        return _conflict(conflict)
    except ValidationError as error:
        return _problem(" ".join(error.messages))
    score = saved.score
    results = IndicatorResult.objects.for_user(user).select_related("level")
    try:
        result = results.filter(student=student, indicator=indicator).first()
        level = str(result.level) if result and result.level else "insufficient evidence"
    except (OperationalError, InterfaceError):
        # The score is committed: say so even if the database went away since, or the teacher would retry a
        # save that happened.
        level = "not known yet"
    return JsonResponse(
        {
            "ok": True,
            "score": score.pk,
            "value": f"{score.value.normalize():f}",
            "corrected": saved.outcome is Outcome.CORRECTED,
            "level": level,
        }
    )


@login_required
def new_assessment(request: HttpRequest, section_id: int) -> HttpResponse:
    """Create an assessment in a section the user teaches (and copies in their other sections of the course)."""
    user = request.user
    assert isinstance(user, User)
    section = get_object_or_404(Section.objects.taught_by(user).select_related("course__school"), pk=section_id)
    form = AssessmentForm(request.POST or None, section=section, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            created = create_assessment(
                section=section,
                created_by=user,
                fields=form.cleaned_data,
                indicators=form.cleaned_data["indicators"],
                copy_to=form.cleaned_data.get("copy_to") or [],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("score-assessment", created[0].pk)
    return render(request, "evidence/assessment_form.html", {"form": form, "section": section})


@login_required
@require_POST
def work_habits_check(request: HttpRequest, section_id: int) -> HttpResponse:
    """Open today's work-habit check for a section (created on first use) on the scoring screen."""
    user = request.user
    assert isinstance(user, User)
    section = get_object_or_404(Section.objects.taught_by(user), pk=section_id)
    try:
        check = work_habit_check(section=section, created_by=user, on=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("work-habits-gradebook", section.pk)
    return redirect("score-assessment", check.pk)


@login_required
@require_safe
def retake_candidates(request: HttpRequest, section_id: int) -> HttpResponse:
    """The "who retakes it" checkboxes for a chosen original, with the students who need a retake ticked.

    Fetched by htmx when the teacher picks the assessment being retaken; the form works without it too.
    """
    user = request.user
    assert isinstance(user, User)
    section = get_object_or_404(Section.objects.taught_by(user), pk=section_id)
    original = None
    try:
        original_id = int(request.GET.get("retake_of") or 0)
    except ValueError:
        original_id = 0
    if original_id:
        original = get_object_or_404(section.assessments, pk=original_id)
    needing = students_needing_retake(original) if original else []
    form = AssessmentForm(initial={"retakers": needing}, section=section, user=user)
    return render(
        request,
        "evidence/retakers_field.html",
        {"form": form, "original": original, "needing": len(needing)},
    )


@login_required
def edit_assessment(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """Change an assessment's details or alignment. Indicators that already have scores stay aligned."""
    assessment = _assessment_for_scorer(request, assessment_id)
    user = request.user
    assert isinstance(user, User)
    form = AssessmentForm(request.POST or None, instance=assessment, section=assessment.section, user=user)
    form.fields.pop("copy_to", None)  # copies are made when an assessment is created
    if request.method == "POST" and form.is_valid():
        scored = set(assessment.scores.values_list("indicator_id", flat=True))
        dropped = scored - {i.pk for i in form.cleaned_data["indicators"]}
        if dropped:
            form.add_error("indicators", "Indicators that already have scores cannot be removed from the assessment.")
        else:
            form.save()
            return redirect("score-assessment", assessment.pk)
    return render(
        request, "evidence/assessment_form.html", {"form": form, "section": assessment.section, "editing": assessment}
    )


@login_required
@require_POST
def mark_not_assessed(request: HttpRequest, assessment_id: int) -> JsonResponse:
    """Mark students as not assessed (or clear the mark). Refused for a student who already has a score."""
    assessment = _assessment_for_scorer(request, assessment_id)
    user = request.user
    assert isinstance(user, User)
    enrolled = {s.pk: s for s in assessment.students()}
    try:
        ids = [int(v) for v in request.POST.getlist("student")]
    except ValueError:
        return _problem("Send the students as ids.")
    if not ids:
        return _problem("Choose at least one student.")
    if any(i not in enrolled for i in ids):
        raise Http404("No such student in this section.")
    if request.POST.get("state") == "off":
        assessment.not_assessed.filter(student_id__in=ids).delete()
        return JsonResponse({"ok": True, "students": ids, "state": "off"})
    scored = set(assessment.scores.filter(student_id__in=ids).values_list("student_id", flat=True))
    marked = [i for i in ids if i not in scored]
    for student_id in marked:
        assessment.not_assessed.get_or_create(student_id=student_id, defaults={"marked_by": user})
    return JsonResponse({"ok": True, "students": marked, "skipped": sorted(scored), "state": "on"})
