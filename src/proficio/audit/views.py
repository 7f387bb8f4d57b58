"""The audit pages: the trail for school leaders and district administrators, and the history of one's own
scores for students and guardians. Thin: permission filter, form, page, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from proficio.accounts.models import User
from proficio.audit import present
from proficio.audit.forms import EventFilterForm
from proficio.audit.permissions import events_for, may_browse, score_history_students
from proficio.evidence.models import Score

PER_PAGE = 50


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@login_required
@require_safe
def events(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    # 404, not 403: that the trail exists and who may read it is not for everyone to learn.
    if not may_browse(user):
        raise Http404("No such page.")
    form = EventFilterForm(request.GET or None)
    found = events_for(user).select_related("student__user")
    if form.is_bound:
        form.is_valid()  # an invalid field is shown with its error; the valid ones still narrow the list
        found = form.apply(found)
    page = Paginator(found.order_by("-at", "-id"), PER_PAGE).get_page(request.GET.get("page"))
    rows = [{"event": event, "summary": present.summary(event)} for event in page]
    return render(request, "audit/events.html", {"form": form, "page": page, "rows": rows})


@login_required
@require_safe
def my_scores(request: HttpRequest) -> HttpResponse:
    """Who recorded or changed each of my scores (students), or my children's (guardians, while linked)."""
    user = _user(request)
    students = list(score_history_students(user))
    if not students:
        raise Http404("No such page.")
    scores = (
        Score.objects.for_user(user)
        .filter(student__in=students)
        .select_related("student__user", "scorer", "indicator", "supersedes", "assessment", "outside_evidence")
        .order_by("-scored_at", "-pk")
    )
    page = Paginator(scores, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "students": students,
        "page": page,
        "changes": [present.score_change(score) for score in page],
        "several": len(students) > 1,
    }
    return render(request, "audit/my_scores.html", context)
