"""A dry run checks everything and counts what would change, writes nothing but its ImportRecord."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from proficio.interop.models import ImportRecord
from proficio.interop.oneroster.importer import import_oneroster
from proficio.interop.problems import ImportRefused
from proficio.roster.models import District

from .conftest import edit_csv, fingerprint

# Vendor-sensitive: the staging layer: COPY or executemany, jsonb or json_each, per vendor.
pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]


def test_a_dry_run_counts_but_writes_nothing(riverbend_zip: Path) -> None:
    before = fingerprint()
    outcome = import_oneroster(riverbend_zip, district=None, user=None, dry_run=True)
    assert fingerprint() == before
    assert not District.objects.exists()
    assert outcome.dry_run and outcome.district is None
    assert outcome.counts["users"]["created"] == 38 and outcome.counts["enrollments"]["created"] == 55
    record = ImportRecord.objects.get()
    assert record.status == ImportRecord.Status.DRY_RUN and record.counts == outcome.counts
    assert record.district is None


def test_a_dry_run_after_an_import_reports_the_changes_to_come(
    riverbend_zip: Path, make_set: Callable[..., Path]
) -> None:
    import_oneroster(riverbend_zip, district=None, user=None)
    before = fingerprint()
    trimmed = make_set({"enrollments.csv": edit_csv("enrollments.csv", drop={"enr-0002", "enr-0003"})})
    outcome = import_oneroster(trimmed, district=None, user=None, dry_run=True)
    assert fingerprint() == before
    assert outcome.counts["enrollments"] == {"created": 0, "updated": 0, "unchanged": 53, "deleted": 2, "skipped": 1}
    assert outcome.record.district == District.objects.get()
    assert ImportRecord.objects.filter(status=ImportRecord.Status.DRY_RUN).count() == 1


def test_a_dry_run_with_problems_is_refused_like_an_import(make_set: Callable[..., Path]) -> None:
    with pytest.raises(ImportRefused):
        import_oneroster(
            make_set({"orgs.csv": edit_csv("orgs.csv", change={"org-rms": {"type": "skool"}})}),
            district=None,
            user=None,
            dry_run=True,
        )
    assert ImportRecord.objects.get().status == ImportRecord.Status.FAILED
