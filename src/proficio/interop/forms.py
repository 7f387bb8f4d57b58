"""Upload forms for CASE frameworks and OneRoster rosters; each offers only the districts the user may import into."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from proficio.interop.models import CaseTypeMapping
from proficio.roster.models import District

TARGETS = ", ".join(CaseTypeMapping.Target.values)


def _max_bytes() -> int:
    return int(getattr(settings, "PROFICIO_IMPORT_MAX_BYTES", 200 * 1024 * 1024))


def _check_size(upload: UploadedFile | None) -> UploadedFile | None:
    if upload is not None and upload.size is not None and upload.size > _max_bytes():
        limit = _max_bytes() // (1024 * 1024)
        raise forms.ValidationError(f"{upload.name} is larger than the {limit} MiB an import may be.")
    return upload


class DistrictChoiceForm(forms.Form):
    district = forms.ModelChoiceField(queryset=District.objects.none(), empty_label=None)

    def __init__(self, *args: Any, districts: list[District], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["district"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = District.objects.filter(pk__in=[d.pk for d in districts])


class CaseImportForm(DistrictChoiceForm):
    package = forms.FileField(
        required=False, label="CFPackage file (JSON)", widget=forms.ClearableFileInput(attrs={"accept": ".json"})
    )
    url = forms.URLField(
        required=False,
        label="…or its address",
        help_text="A CASE 1.0 or 1.1 CFPackages URL, e.g. https://…/ims/case/v1p1/CFPackages/<identifier>.",
        assume_scheme="https",
    )
    mapping = forms.CharField(
        required=False,
        label="Item types (optional)",
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Competency = standard\nIndicator = indicator"}),
        help_text=f"One line per CFItemType: TYPE = one of {TARGETS}. Items of a type not given (or with no type) "
        "map by their level in the hierarchy; choose for a level with depth:N = target (depth:1 is the top). "
        "Remembered for this document.",
    )

    def clean_package(self) -> UploadedFile | None:
        return _check_size(self.cleaned_data.get("package"))

    def clean_mapping(self) -> dict[str, str]:
        mapping: dict[str, str] = {}
        for number, line in enumerate(self.cleaned_data.get("mapping", "").splitlines(), start=1):
            if not line.strip():
                continue
            item_type, sep, target = line.partition("=")
            target = target.strip().lower()
            if not sep or not item_type.strip() or target not in CaseTypeMapping.Target.values:
                raise forms.ValidationError(f"Line {number} ({line.strip()!r}): write TYPE = one of {TARGETS}.")
            mapping[item_type.strip()] = target
        return mapping

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("package") and not cleaned.get("url") and not self.errors:
            raise forms.ValidationError("Choose a CFPackage file, or give its address.")
        if cleaned.get("package") and cleaned.get("url"):
            raise forms.ValidationError("Give a file or an address, not both.")
        return cleaned


class OneRosterImportForm(DistrictChoiceForm):
    archive = forms.FileField(
        label="OneRoster 1.1 or 1.2 CSV (zip)",
        widget=forms.ClearableFileInput(attrs={"accept": ".zip"}),
        help_text="The zip your student information system exports: manifest.csv, orgs.csv, users.csv, …",
    )

    def clean_archive(self) -> UploadedFile | None:
        upload = _check_size(self.cleaned_data.get("archive"))
        if upload is not None and not (upload.name or "").lower().endswith(".zip"):
            raise forms.ValidationError("Upload the roster as a .zip file.")
        return upload
