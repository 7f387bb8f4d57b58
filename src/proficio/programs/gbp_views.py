"""The Global Best Practices self-assessment pages: a school's administrations, rating one, comparing two, and a
network's roll-up per cohort.

Whoever reads the school's programs pages (programs.access) reads its self-assessments; only its leadership team,
school leaders and district administrators start and rate them (gbp_records.may_score) — a reader who may not
write gets 404, as on every programs page. The network's roll-up is for the network's staff. An administration
of another school is not found (404). No page names a student: the self-assessment rates the school.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from proficio.programs import gbp, gbp_charts, gbp_records
from proficio.programs.access import network_for, request_user, school_for_programs
from proficio.programs.gbp_forms import PairForm, RollUpForm, ScoringForm, StartForm, evidence_field, level_field
from proficio.programs.models import Cohort, GbpAdministration, GbpDimension, GbpEdition


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def school_gbp(request: HttpRequest, school_id: int) -> HttpResponse:
    school = school_for_programs(request, school_id)
    can_score = gbp_records.may_score(request_user(request), school)
    if request.method == "POST" and not can_score:
        raise Http404("Only the school's leadership team and leaders start a self-assessment.")
    form = StartForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        administration = form.start()
        return redirect("programs-school-gbp-administration", school_id=school.pk, administration_id=administration.pk)
    lines = gbp_records.administration_lines(school)
    context = {
        "school": school,
        "lines": lines,
        "form": form,
        "can_score": can_score,
        "has_editions": GbpEdition.objects.exists(),
        "can_compare": gbp_records.default_pair([line.administration for line in lines]) is not None,
    }
    return render(request, "programs/gbp_school.html", context, status=400 if request.method == "POST" else 200)


@dataclass(frozen=True)
class LevelChoice:
    value: str
    descriptor: str
    checked: bool


@dataclass(frozen=True)
class ScoringLine:
    dimension: GbpDimension
    level_name: str
    evidence_name: str
    not_rated: bool
    choices: list[LevelChoice]
    evidence: str
    error: str

    @property
    def chosen(self) -> LevelChoice | None:
        return next((choice for choice in self.choices if choice.checked), None)


@dataclass(frozen=True)
class StrandGroup:
    title: str
    lines: list[ScoringLine]


def _groups(form: ScoringForm) -> list[StrandGroup]:
    groups: dict[int, StrandGroup] = {}
    for dimension in form.dimensions:
        level = str(form[level_field(dimension)].value() or "")
        descriptors = list(dimension.descriptors) + [""] * form.administration.edition.levels
        choices = [
            LevelChoice(str(n), descriptors[n - 1], level == str(n))
            for n in range(1, form.administration.edition.levels + 1)
        ]
        names = (level_field(dimension), evidence_field(dimension))
        error = " ".join(str(message) for name in names for message in form.errors.get(name, ()))
        line = ScoringLine(
            dimension,
            level_field(dimension),
            evidence_field(dimension),
            not level,
            choices,
            str(form[evidence_field(dimension)].value() or ""),
            error,
        )
        group = groups.setdefault(dimension.strand.position, StrandGroup(dimension.strand.title, []))
        group.lines.append(line)
    return list(groups.values())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def administration_page(request: HttpRequest, school_id: int, administration_id: int) -> HttpResponse:
    school = school_for_programs(request, school_id)
    administration = get_object_or_404(
        GbpAdministration.objects.select_related("edition"), pk=administration_id, school=school
    )
    can_score = gbp_records.may_score(request_user(request), school)
    if request.method == "POST" and not can_score:
        raise Http404("Only the school's leadership team and leaders rate its self-assessment.")
    dimensions = sorted(
        GbpDimension.objects.filter(strand__edition=administration.edition).select_related("strand"),
        key=lambda d: (d.strand.position, gbp_records.code_key(d.code)),
    )
    form = ScoringForm(request.POST or None, administration=administration, dimensions=dimensions)
    if request.method == "POST" and form.is_valid():
        form.save()
        rated = administration.scores.count()
        messages.success(request, f"Saved: {rated} of {len(dimensions)} dimensions rated.")
        return redirect("programs-school-gbp-administration", school_id=school.pk, administration_id=administration.pk)
    context = {
        "school": school,
        "administration": administration,
        "groups": _groups(form),
        "form": form,
        "rated": administration.scores.count(),
        "total": len(dimensions),
        "can_score": can_score,
    }
    return render(request, "programs/gbp_administration.html", context, status=400 if request.method == "POST" else 200)


def _point(administration: GbpAdministration) -> str:
    return f"{administration.label} ({administration.taken_on:%Y-%m-%d})"


@login_required
@require_http_methods(["GET", "HEAD"])
def compare_page(request: HttpRequest, school_id: int) -> HttpResponse:
    school = school_for_programs(request, school_id)
    administrations = GbpAdministration.objects.filter(school=school).select_related("edition")
    chosen = request.GET if {"before", "after"} & set(request.GET) else None
    form = PairForm(chosen, administrations=administrations)
    pair = gbp_records.default_pair(list(administrations))
    if chosen is not None:
        pair = (form.cleaned_data["before"], form.cleaned_data["after"]) if form.is_valid() else None
    elif pair is not None:
        form = PairForm(initial={"before": pair[0].pk, "after": pair[1].pk}, administrations=administrations)
    context: dict[str, object] = {"school": school, "form": form, "comparison": None}
    if pair is not None:
        result = gbp_records.comparison(*pair)
        before, after = _point(result.before), _point(result.after)
        dots = [gbp_charts.DotRow(f"{r.code} {r.title}", r.before or 0, r.after or 0) for r in result.compared]
        lower = [row.code for row in result.compared if row.change == "lower"]
        context |= {
            "comparison": result,
            "before_point": before,
            "after_point": after,
            "spec": gbp_charts.dot_strip_spec(dots, levels=result.levels, before=before, after=after) if dots else {},
            "alternative": gbp_charts.change_sentence(result.counts, lower),
            "lower_note": gbp.LOWER_NOTE,
        }
    return render(request, "programs/gbp_compare.html", context, status=400 if form.errors else 200)


def _roll_up_context(result: gbp_records.CohortRollUp) -> dict[str, object]:
    rows = result.rows
    dots = [gbp_charts.DotRow(f"{r.code} {r.title}", r.figures.mean_before, r.figures.mean_after) for r in rows]
    points = {"before": result.before_label, "after": result.after_label, "axis_title": "Mean level"}
    means = [(r.code, r.figures.mean_before, r.figures.mean_after) for r in rows]
    return {
        "roll_up": result,
        "spec": gbp_charts.dot_strip_spec(dots, levels=result.levels, **points) if dots else {},
        "alternative": gbp_charts.roll_up_sentence(means, schools=result.included),
        "lower_note": gbp.LOWER_NOTE,
        "any_lower": any(r.figures.lower for r in rows),
    }


@login_required
@require_http_methods(["GET", "HEAD"])
def network_gbp(request: HttpRequest, network_id: int) -> HttpResponse:
    network = network_for(request, network_id)
    cohorts = Cohort.objects.filter(initiative__network=network).select_related("initiative")
    labels = gbp_records.point_labels(cohorts)
    chosen = request.GET if set(request.GET) & {"cohort", "before", "after"} else None
    first = cohorts.first()
    initial = {"cohort": first.pk if first else None, "before": gbp_records.BASELINE, "after": gbp_records.END_POINT}
    form = RollUpForm(chosen or initial, cohorts=cohorts, labels=labels)
    context: dict[str, object] = {"network": network, "form": form, "roll_up": None, "has_cohorts": first is not None}
    if first is not None and form.is_valid():
        data = form.cleaned_data
        result = gbp_records.cohort_roll_up(data["cohort"], before_label=data["before"], after_label=data["after"])
        context |= _roll_up_context(result)
    status = 400 if chosen is not None and form.errors else 200
    return render(request, "programs/gbp_network.html", context, status=status)


urls = [
    path("programs/schools/<int:school_id>/gbp/", school_gbp, name="programs-school-gbp"),
    path("programs/schools/<int:school_id>/gbp/compare/", compare_page, name="programs-school-gbp-compare"),
    path(
        "programs/schools/<int:school_id>/gbp/<int:administration_id>/",
        administration_page,
        name="programs-school-gbp-administration",
    ),
    path("programs/networks/<int:network_id>/gbp/", network_gbp, name="programs-network-gbp"),
]
