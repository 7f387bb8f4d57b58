"""The form on the tokens page: a name to recognise the token by, what it may do, and how long it lives."""

from __future__ import annotations

from django import forms

from proficio.api.models import AccessToken
from proficio.api.tokens import LIFETIMES


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        help_text="What will use it, e.g. “gradebook sync script”, so you recognise it later.",
    )
    scope = forms.ChoiceField(
        choices=AccessToken.Scope.choices,
        initial=AccessToken.Scope.READ,
        widget=forms.RadioSelect,
        label="It may",
        help_text="Give write access only to something that records scores or assessments for you.",
    )
    lifetime = forms.TypedChoiceField(
        choices=[(days, f"{days} days") for days in LIFETIMES],
        coerce=int,
        initial=90,
        label="Expires after",
        help_text="Every token expires; at most a year.",
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Name the token.")
        return name
