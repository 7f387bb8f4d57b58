"""Real CASE packages from OpenSALT (tests/interop/fixtures/real/case, sources in SOURCES.md) import as the
tolerant-reader rule says, and what proficio exports from them is valid against the official CASE 1.1 schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from proficio.interop.case.exporter import framework_package
from proficio.interop.case.importer import CaseImportOutcome, import_case
from proficio.interop.models import ImportRecord
from proficio.roster.models import District
from tests.interop.case.conftest import RIVERSIDE, import_framework, schema_errors

pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]  # JSON fields hold the raw CASE objects

REAL = Path(__file__).resolve().parent.parent / "fixtures" / "real" / "case"
WHAT_STANDARDS_COULD_BE = REAL / "opensalt-framework-20c5134f-423d-4097-a971-3dd5152bf507.json"
ACT_MATH = REAL / "opensalt-Ordering.json"
SMART_LEVEL = REAL / "opensalt-SmartLevelFramework.json"
SEQUENCE_NUMBER = REAL / "opensalt-SequenceNumberFramework.json"
CCSS_TYPES = {"Cluster": "standard", "Standard": "indicator", "Component": "objective"}


@pytest.fixture
def district(db: None, make_scale: Any) -> District:
    district = District.objects.create(name="Corpus Unified")
    make_scale(district, "District 1–4")
    return district


def _import(path: Path, district: District, **options: Any) -> CaseImportOutcome:
    return import_case(path.read_bytes(), source_name=path.name, district=district, user=None, **options)


def test_the_official_schema_refuses_what_opensalt_wrote_so_the_schema_check_can_fail() -> None:
    raw = json.loads(WHAT_STANDARDS_COULD_BE.read_text(encoding="utf-8"))
    errors = schema_errors(raw)
    assert any("CFPackageURI" in error for error in errors)
    assert any("sequenceNumber" in error for error in errors)


def test_an_opensalt_export_with_urls_for_links_imports_with_located_warnings(district: District) -> None:
    outcome = _import(
        WHAT_STANDARDS_COULD_BE,
        district,
        mapping=CCSS_TYPES,
    )
    assert outcome.framework is not None and outcome.created
    assert (outcome.counts["standards"], outcome.counts["indicators"], outcome.counts["objectives"]) == (2, 6, 8)
    by_column = {w.column: w for w in outcome.warnings}
    document_uri = by_column["CFDocumentURI"]
    assert "is a URL, not a link object" in document_uri.message and "more lines like it" in document_uri.message
    assert document_uri.line > 1 and document_uri.value.startswith("http://opensalt-staging.opened.com/uri/")
    assert by_column["CFPackageURI"].where == "CFDocument.CFPackageURI"
    assert "read as 1" in by_column["sequenceNumber"].message or "read as 2" in by_column["sequenceNumber"].message
    assert "no time zone" in by_column["lastChangeDateTime"].message
    record = ImportRecord.objects.get()
    assert record.status == ImportRecord.Status.COMMITTED
    assert {w["column"] for w in record.warnings} >= {"CFDocumentURI", "sequenceNumber", "lastChangeDateTime"}


@pytest.mark.parametrize("path", [ACT_MATH, SMART_LEVEL, SEQUENCE_NUMBER], ids=lambda p: p.stem)
def test_a_framework_without_item_types_imports_by_depth_and_says_so(path: Path, district: District) -> None:
    outcome = _import(path, district)
    assert outcome.framework is not None
    [warning] = [w for w in outcome.warnings if "mapped by depth" in w.message]
    assert "no CFItemType" in warning.message and "mapped by depth" in warning.message
    assert "level 1 → standard, level 2 → indicator, level 3 → objective" in warning.message
    assert outcome.counts["standards"] >= 1


def test_an_untyped_framework_becomes_standards_indicators_and_objectives_by_depth(district: District) -> None:
    two_levels = _import(SMART_LEVEL, district).counts
    assert (two_levels["standards"], two_levels["indicators"], two_levels["objectives"]) == (2, 12, 0)
    five_levels = _import(ACT_MATH, district, dry_run=True)
    counts = five_levels.counts
    assert (counts["standards"], counts["indicators"], counts["objectives"], counts["ignored_items"]) == (1, 1, 1, 25)
    [deeper] = [w for w in five_levels.warnings if "deeper than" in w.message]
    assert "25 item(s)" in deeper.message and "depth:" in deeper.message


def test_depth_rules_choose_which_levels_to_use(district: District) -> None:
    # ACT's math framework is a chain of four headings above 24 statements.
    rules = {
        "depth:1": "ignore",
        "depth:2": "ignore",
        "depth:3": "standard",
        "depth:4": "indicator",
        "depth:5": "objective",
    }
    counts = _import(ACT_MATH, district, mapping=rules).counts
    assert (counts["standards"], counts["indicators"], counts["objectives"], counts["ignored_items"]) == (1, 1, 24, 2)
    again = _import(ACT_MATH, district, dry_run=True)  # the rules are remembered for this document
    assert again.counts["objectives"] == 24 and not again.created


@pytest.mark.parametrize(
    ("path", "mapping"),
    [
        (WHAT_STANDARDS_COULD_BE, CCSS_TYPES),
        (ACT_MATH, {}),
        (SMART_LEVEL, {}),
    ],
    ids=lambda value: value.stem if isinstance(value, Path) else "",
)
def test_what_proficio_exports_from_a_real_package_is_valid_case_1_1(
    path: Path, mapping: dict[str, str], district: District
) -> None:
    framework = _import(path, district, mapping=mapping).framework
    assert framework is not None
    package = framework_package(framework)
    assert schema_errors(package) == []
    again = import_framework(package, district)  # and the valid export imports back, unchanged
    assert again == framework


def test_unknown_opensalt_fields_travel_in_extensions(district: District) -> None:
    framework = _import(
        WHAT_STANDARDS_COULD_BE,
        district,
        mapping=CCSS_TYPES,
    ).framework
    assert framework is not None
    items = framework_package(framework)["CFItems"]
    assert all("educationalLevel" not in item for item in items)
    assert any(item.get("extensions", {}).get("educationalLevel") == "06" for item in items)


def test_a_framework_proficio_wrote_itself_is_valid_case_1_1(district: District) -> None:
    framework = import_framework(json.loads(RIVERSIDE.read_text(encoding="utf-8")), district)
    assert schema_errors(framework_package(framework)) == []
    assert schema_errors({"CFDocument": {"identifier": "x"}})  # and the check refuses an invalid package


def test_a_truncated_package_is_refused_with_its_line(district: District) -> None:
    data = ACT_MATH.read_bytes()
    with pytest.raises(Exception) as refused:
        import_case(data[: len(data) // 2], source_name="cut.json", district=district, user=None)
    [problem] = refused.value.problems  # type: ignore[attr-defined]
    assert (
        "not valid JSON" in problem.message
        and problem.where == f"character {problem.column and int(problem.column) - 1}"
    )
