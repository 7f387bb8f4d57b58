"""A school's growth term over term: its page, and the same figures as CSV (hidden groups written as hidden,
never as numbers). Aggregates only, so whoever sees the school's insights (coaches too) reads and downloads
them; every download is recorded in the audit trail."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from proficio.audit.services import record_export
from proficio.insights import growth, readiness
from proficio.insights.access import request_user, school_for
from proficio.insights.exports import csv_response, percent

HEADER = [
    "from term",
    "to term",
    "breakdown",
    "group",
    "students",
    "standards compared",
    "moved up",
    "share moved up",
    "gap (points)",
    "levels gained",
    "gap (levels)",
]


def _levels(value: float | None) -> str:
    return "" if value is None else f"{value:+.2f}"


def _figures(t: growth.GrowthTally, share_gap: float | None = None, gain_gap: float | None = None) -> list[object]:
    share = "" if share_gap is None else share_gap
    return [t.students, t.pairs, t.moved_up, percent(t.share), share, _levels(t.levels_gained), _levels(gain_gap)]


def _lines(view: growth.GrowthView) -> list[list[object]]:
    if view.pair is None or view.figures is None:
        return []
    terms = [growth.term_name(view.pair.previous), growth.term_name(view.pair.term)]
    lines = [[*terms, "all students", "", *_figures(view.figures.all_students)]]
    for dimension, groups in view.figures.breakdowns.items():
        for figure in groups:
            if figure.tally is None:
                lines.append([*terms, dimension, figure.group, *["hidden"] * 7])
            else:
                shown = _figures(figure.tally, figure.share_gap, figure.gain_gap)
                lines.append([*terms, dimension, figure.group, *shown])
    lines += [[*terms, "standard", line.code, *_figures(line.tally)] for line in view.standards]
    return lines


def growth_term(request: HttpRequest) -> int | None:
    """The ``growth`` choice: the later term of a pair (its id); anything else is ignored."""
    value = request.GET.get("growth", "")
    return int(value) if value.isdigit() else None


@login_required
@require_safe
def growth_page(request: HttpRequest, school_id: int) -> HttpResponse:
    found = school_for(request, school_id)
    view = growth.school_growth(school_ids=[found.pk], term_id=growth_term(request))  # found among the user's own
    context = {"school": found, "growth": view, "labels": readiness.DIMENSION_LABELS}
    return render(request, "insights/growth.html", context)


@login_required
@require_safe
def growth_csv(request: HttpRequest, school_id: int) -> HttpResponse:
    found = school_for(request, school_id)
    view = growth.school_growth(school_ids=[found.pk], term_id=growth_term(request))  # found among the user's own
    response, out = csv_response(f"growth-school-{found.pk}.csv")
    out.writerow(HEADER)
    out.writerows(_lines(view))
    record_export("growth term over term (CSV)", actor=request_user(request), obj=found, request=request)
    return response
