"""The teacher's gradebook and the explanation behind each of its cells. Thin: permission, service, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from proficio.accounts.models import User
from proficio.audit.services import record_student_view
from proficio.engine.catalogue import METHODS
from proficio.evidence.models import Score
from proficio.proficiency.evidence import counted_scores
from proficio.proficiency.explanations import indicator_explanation, sentence_html
from proficio.proficiency.gradebook import build_gradebook
from proficio.proficiency.models import IndicatorResult
from proficio.roster.enrolled import section_student
from proficio.roster.models import Section
from proficio.standards.models import PerformanceIndicator


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _section_for(request: HttpRequest, section_id: int) -> Section:
    user = request.user
    assert isinstance(user, User)
    # 404, not 403: whether a section exists is itself not for everyone to learn.
    return get_object_or_404(Section.objects.for_user(user).select_related("course", "session"), pk=section_id)


@login_required
@require_safe
def gradebook(request: HttpRequest, section_id: int, work_habits: bool = False) -> HttpResponse:
    section = _section_for(request, section_id)
    standard_id = _int(request.GET.get("standard"))
    assessment_id = _int(request.GET.get("assessment"))
    below_only = request.GET.get("below") == "1"
    book = build_gradebook(
        section, standard_id=standard_id, assessment_id=assessment_id, below_only=below_only, work_habits=work_habits
    )
    return render(
        request,
        "proficiency/gradebook.html",
        {
            "book": book,
            "filters": {"standard": standard_id, "assessment": assessment_id, "below": below_only},
            # One reverse() for the whole grid; each cell fills in its student and indicator.
            "cell_url": reverse("gradebook-cell", args=[section.pk, 0, 0]),
            "can_score": Section.objects.taught_by(request.user).filter(pk=section.pk).exists(),  # type: ignore[arg-type]
        },
    )


@login_required
@require_safe
def cell(request: HttpRequest, section_id: int, student_id: int, indicator_id: int) -> HttpResponse:
    """Every score behind one gradebook cell, the method in words, and the engine's sentence."""
    section = _section_for(request, section_id)
    user = request.user
    assert isinstance(user, User)
    student = section_student(section, student_id)
    indicator = (
        PerformanceIndicator.objects.for_user(user)
        .select_related("standard__framework__policy")
        .filter(pk=indicator_id, assessments__section=section)
        .first()
    )
    if student is None or indicator is None:
        raise Http404("No such student or indicator in this section.")
    # Audit trail (issue 7): staff opened one student's record.
    record_student_view(request, student, f"evidence on {indicator.code} in {section}")
    scores = list(
        Score.objects.for_user(user)
        .filter(student=student, indicator=indicator)
        .select_related("assessment", "outside_evidence", "scorer")
        .order_by("assessment__assessed_on", "outside_evidence__completed_on", "scored_at", "pk")
    )
    superseded = {score.supersedes_id for score in scores if score.supersedes_id}
    # The engine's own definition of what counts, so this page can never disagree with the level.
    counted = set(counted_scores().filter(student=student, indicator=indicator).values_list("pk", flat=True))
    rows = [{"score": score, "current": score.pk not in superseded, "counted": score.pk in counted} for score in scores]
    policy = indicator.standard.framework.policy
    context = {
        "section": section,
        "student": student,
        "indicator": indicator,
        "result": IndicatorResult.objects.for_user(user)
        .filter(student=student, indicator=indicator)
        .select_related("level")
        .first(),
        "sentence": sentence_html(indicator_explanation(student, indicator, for_student=False).sentence),
        "rows": rows,
        "method": METHODS[policy.method].summary,
        "policy": policy,
    }
    # Opened from the gradebook (htmx), only the panel is sent and shown beside the grid; a plain request
    # (a new tab, no JavaScript) gets the whole page.
    in_panel = bool(getattr(request, "htmx", False))
    template = "proficiency/cell_panel.html" if in_panel else "proficiency/cell.html"
    return render(request, template, context | {"in_panel": in_panel})
