from __future__ import annotations

from collections.abc import Sequence

from django import forms

from proficio.reports.models import ReportKind
from proficio.roster.models import AcademicSession


class IssueForm(forms.Form):
    kind = forms.ChoiceField(label="Document", choices=ReportKind.choices)
    term = forms.TypedChoiceField(label="Term", coerce=int, required=False, help_text="Not used for transcripts.")

    def __init__(self, *args: object, terms: Sequence[AcademicSession], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.terms = {t.pk: t for t in terms}
        self.fields["term"].choices = [("", "—")] + [(t.pk, f"{t.title} ({t.school_year})") for t in terms]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("kind") != ReportKind.TRANSCRIPT and not data.get("term"):
            self.add_error("term", "Choose the term the document is for.")
        data["term"] = self.terms.get(data["term"]) if data.get("term") else None
        return data


class BatchForm(IssueForm):
    kind = forms.ChoiceField(
        label="Document",
        choices=[(ReportKind.REPORT_CARD, "Report cards"), (ReportKind.PROGRESS_REPORT, "Progress reports")],
    )
    term = forms.TypedChoiceField(label="Term", coerce=int)
