"""The district's library of intervention strategies: leaders read it, district administrators add to it."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from proficio.accounts.models import User
from proficio.insights import strategies
from proficio.insights.models import InterventionKind, Strategy


class StrategyForm(forms.Form):
    name = forms.CharField(max_length=120)
    kind = forms.ChoiceField(label="Kind of intervention", choices=InterventionKind.choices)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    for_tier_2 = forms.BooleanField(label="Offered for tier 2", required=False, initial=True)
    for_tier_3 = forms.BooleanField(label="Offered for tier 3", required=False, initial=True)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def library(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    district = strategies.library_district(user)
    if district is None:
        raise Http404("The strategy library is for district administrators and school leaders.")
    editable = strategies.may_edit(user, district)
    form = StrategyForm(request.POST or None)
    if request.method == "POST":
        if not editable:
            raise Http404("The library is edited by the district's administrators.")
        if "suggested" in request.POST:
            strategies.add_suggested(district=district)
            return redirect("insights-strategies")
        if form.is_valid():
            try:
                strategies.add_strategy(district=district, **form.cleaned_data)
                return redirect("insights-strategies")
            except ValueError as refused:
                form.add_error(None, str(refused))
    found = Strategy.objects.for_user(user).filter(district=district)
    by_kind = [(label, [s for s in found if s.kind == kind]) for kind, label in InterventionKind.choices]
    context = {"district": district, "by_kind": by_kind, "form": form if editable else None, "empty": not found}
    return render(request, "insights/strategies.html", context, status=400 if request.method == "POST" else 200)
