"""A CASE 1.0 package: strands to ignore, competencies and indicators, order by listEnumeration, no rubrics."""

from __future__ import annotations

from typing import Any

import pytest

from proficio.interop.case.exporter import framework_package
from proficio.interop.case.importer import import_case
from proficio.interop.models import CaseDocument, CaseItem, ImportRecord
from proficio.interop.problems import ImportRefused
from proficio.roster.models import District
from proficio.standards.models import Framework
from tests.interop.case.conftest import encode, row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def science_scale(district: District, make_scale: Any) -> Any:
    return make_scale(district, "Maple Ridge 1–4")


def _import(package: dict[str, Any], district: District, **options: Any) -> Framework:
    outcome = import_case(encode(package), source_name="mapleridge.json", district=district, user=None, **options)
    assert outcome.framework is not None
    return outcome.framework


def test_an_unknown_item_type_is_mapped_by_depth_and_where_that_cannot_nest_the_refusal_names_the_type_to_map(
    maple_ridge: dict[str, Any], district: District, science_scale: Any
) -> None:
    before = row_counts()
    with pytest.raises(ImportRefused) as refused:
        _import(maple_ridge, district)
    # Strands (unknown) are the top level, so by depth they become standards — above the competencies
    # (recognised as standards), which then cannot nest.
    problems = refused.value.problems
    assert problems and all("--map 'Strand=ignore'" in problem.message for problem in problems)
    [warning] = refused.value.warnings
    assert "mapped by depth" in warning.message and "--map 'Strand=" in warning.message
    assert warning.where == "CFItems[0].CFItemType" and warning.line > 1 and warning.value == "Strand"
    assert row_counts() == before
    record = ImportRecord.objects.get()
    assert record.status == ImportRecord.Status.FAILED and record.warnings[0]["value"] == "Strand"


@pytest.mark.vendor_sensitive  # JSON fields
def test_with_strands_ignored_it_imports(maple_ridge: dict[str, Any], district: District, science_scale: Any) -> None:
    framework = _import(maple_ridge, district, mapping={"Strand": "ignore"})
    assert framework.scale == science_scale  # no rubrics: the district's only academic scale
    standards = list(framework.standards.order_by("position"))
    assert [(s.code, s.kind, s.content_area) for s in standards] == [
        ("SCI.1", "content_area", "science"),
        ("SCI.2", "content_area", "science"),
    ]  # the physical-science strand comes first (listEnumeration 1), and the document's subject is Science
    assert [i.code for i in standards[1].indicators.order_by("position")] == ["SCI.2.1", "SCI.2.2", "SCI.2.10"]
    document = CaseDocument.objects.get(framework=framework)
    assert document.case_version == "1.0"
    strands = CaseItem.objects.filter(document=document, item_type="Strand")
    assert strands.count() == 2 and all(s.standard is None for s in strands)


def test_a_package_wrapped_in_a_cfpackage_object_is_accepted(
    maple_ridge: dict[str, Any], district: District, science_scale: Any
) -> None:
    framework = _import({"CFPackage": maple_ridge}, district, mapping={"Strand": "ignore"})
    assert framework.standards.count() == 2


@pytest.mark.vendor_sensitive  # JSON fields
def test_it_exports_as_case_1_1_keeping_the_ignored_strands(
    maple_ridge: dict[str, Any], district: District, science_scale: Any, make_scale: Any
) -> None:
    framework = _import(maple_ridge, district, mapping={"Strand": "ignore"})
    package = framework_package(framework)
    assert package["CFDocument"]["caseVersion"] == "1.1" and "CFPackageURI" not in package["CFDocument"]
    assert all("CFDocumentURI" not in item for item in package["CFItems"])
    assert all("CFDocumentURI" not in association for association in package["CFAssociations"])
    assert [item["identifier"] for item in package["CFItems"]] == [i["identifier"] for i in maple_ridge["CFItems"]]
    strand = next(item for item in package["CFItems"] if item["humanCodingScheme"] == "PS")
    competency = next(item for item in package["CFItems"] if item["humanCodingScheme"] == "SCI.1")
    parent_of = {
        a["originNodeURI"]["identifier"]: a["destinationNodeURI"]["identifier"]
        for a in package["CFAssociations"]
        if a["associationType"] == "isChildOf"
    }
    assert parent_of[competency["identifier"]] == strand["identifier"]  # the strand stays between them

    other = District.objects.create(name="Elsewhere")
    with pytest.raises(ImportRefused, match="belongs to another district"):
        _import(package, other, mapping={"Strand": "ignore"}, scale=science_scale)
    again = _import(package, other, mapping={"Strand": "ignore"}, scale=make_scale(other, "Elsewhere 1–4"))
    assert [s.code for s in again.standards.order_by("position")] == ["SCI.1", "SCI.2"]
