"""A dry run does everything an import does, reports it, and writes nothing but its record."""

from __future__ import annotations

from typing import Any

import pytest

from proficio.interop.case.importer import import_case
from proficio.interop.models import ImportRecord
from proficio.interop.problems import ImportRefused
from proficio.roster.models import District
from proficio.standards.models import Framework
from tests.interop.case.conftest import encode, import_framework, row_counts
from tests.interop.case.test_reimport import revised

pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]  # JSON fields of the stored package


def test_a_dry_run_writes_only_its_record(riverside: dict[str, Any], district: District) -> None:
    before = row_counts()
    outcome = import_case(encode(riverside), source_name="r.json", district=district, user=None, dry_run=True)
    assert row_counts() == before
    assert outcome.dry_run and outcome.created and outcome.framework is None
    assert outcome.counts["standards"] == 3 and outcome.counts["scoring_criteria"] == 20
    record = ImportRecord.objects.get()
    assert record.status == ImportRecord.Status.DRY_RUN and record.framework is None
    assert record.counts == outcome.counts and len(record.changes["added"]) == 12


def test_a_dry_run_of_a_new_version_reports_the_changes(riverside: dict[str, Any], district: District) -> None:
    first = import_framework(riverside, district)
    before = row_counts()
    outcome = import_case(encode(revised(riverside)), source_name="r.json", district=district, user=None, dry_run=True)
    assert row_counts() == before
    assert [a["code"] for a in outcome.changes["added"]] == ["CEC.1.3"]
    assert Framework.objects.get(is_current=True) == first


def test_a_dry_run_with_problems_is_refused_and_recorded(riverside: dict[str, Any], district: District) -> None:
    del riverside["CFDocument"]["title"]
    with pytest.raises(ImportRefused):
        import_case(encode(riverside), source_name="r.json", district=district, user=None, dry_run=True)
    record = ImportRecord.objects.get()
    assert record.status == ImportRecord.Status.FAILED and record.problems[0]["column"] == "title"
