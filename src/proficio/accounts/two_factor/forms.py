"""The one field both two-factor pages ask for: a code from the authenticator app."""

from __future__ import annotations

import re

from django import forms

_SIX_DIGITS = re.compile(r"\d{6}")


class CodeForm(forms.Form):
    code = forms.CharField(
        label="6-digit code",
        max_length=16,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_code(self) -> str:
        """Apps show the code as "123 456", and people type it that way: spaces are not part of it."""
        code = "".join(str(self.cleaned_data["code"]).split())
        if not _SIX_DIGITS.fullmatch(code):
            raise forms.ValidationError("Enter the 6 digits your authenticator app shows.")
        return code
