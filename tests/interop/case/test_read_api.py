"""The CASE 1.1 read API: public, read-only, current framework versions only."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from proficio.demo.writer import DemoResult
from proficio.interop.case.exporter import framework_package
from proficio.interop.case.importer import import_case
from proficio.roster.models import District
from proficio.standards.models import Framework
from tests.interop.case.conftest import by_code, encode, import_framework
from tests.interop.case.test_reimport import revised

# Vendor-sensitive: the CASE API serves JSON fields (jsonb reorders keys).
pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]
API = "/ims/case/v1p1"  # the site includes proficio.interop.case.urls at its root


@pytest.fixture
def imported(riverside: dict[str, Any], district: District) -> Framework:
    framework = import_framework(riverside, district)
    assert framework is not None
    return framework


def test_it_lists_current_documents(client: Client, imported: Framework, riverside: dict[str, Any]) -> None:
    response = client.get(f"{API}/CFDocuments")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    [document] = response.json()["CFDocuments"]
    identifier = riverside["CFDocument"]["identifier"]
    assert document["identifier"] == identifier and document["title"] == "Riverside Unified Graduation Standards"
    assert document["CFPackageURI"] == {
        "title": "Riverside Unified Graduation Standards",
        "identifier": identifier,
        "uri": f"https://proficio.example/ims/case/v1p1/CFPackages/{identifier}",
    }
    assert response["X-Total-Count"] == "1"


def test_it_serves_one_document(client: Client, imported: Framework, riverside: dict[str, Any]) -> None:
    identifier = riverside["CFDocument"]["identifier"]
    body = client.get(f"{API}/CFDocuments/{identifier}").json()
    assert body["uri"] == riverside["CFDocument"]["uri"] and body["caseVersion"] == "1.1"


def test_it_serves_the_package(client: Client, imported: Framework, riverside: dict[str, Any]) -> None:
    response = client.get(f"{API}/CFPackages/{riverside['CFDocument']['identifier']}")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics"}
    assert body == framework_package(imported)
    assert "𝑥²".encode() in response.content  # served as UTF-8, not \\u escapes


def test_it_serves_an_item_with_its_document(client: Client, imported: Framework, riverside: dict[str, Any]) -> None:
    item = by_code(riverside, "MATH.1.1")
    body = client.get(f"{API}/CFItems/{item['identifier']}").json()
    assert body["fullStatement"] == item["fullStatement"] and body["humanCodingScheme"] == "MATH.1.1"
    assert body["CFDocumentURI"]["identifier"] == riverside["CFDocument"]["identifier"]


@pytest.mark.parametrize("collection", ["CFDocuments", "CFPackages", "CFItems"])
def test_an_unknown_identifier_is_a_404_in_the_specification_format(client: Client, collection: str) -> None:
    response = client.get(f"{API}/{collection}/6f4b1c2a-0000-4000-8000-000000000000")
    assert response.status_code == 404
    body = response.json()
    assert body["imsx_codeMajor"] == "failure" and body["imsx_severity"] == "error"
    assert body["imsx_codeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"] == "unknownobject"
    assert "6f4b1c2a-0000-4000-8000-000000000000" in body["imsx_description"]


def test_it_only_answers_get(client: Client, imported: Framework) -> None:
    response = client.post(f"{API}/CFDocuments", data={})
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    assert response.json()["imsx_codeMajor"] == "unsupported"


def test_old_versions_are_not_served(
    client: Client, imported: Framework, riverside: dict[str, Any], district: District
) -> None:
    import_case(encode(revised(riverside)), source_name="r2.json", district=district, user=None)
    removed = by_code(riverside, "MATH.1.2")["identifier"]
    assert client.get(f"{API}/CFItems/{removed}").status_code == 404
    [document] = client.get(f"{API}/CFDocuments").json()["CFDocuments"]
    assert document["lastChangeDateTime"] == "2025-09-01T08:00:00+00:00"


def test_it_needs_no_login(client: Client, imported: Framework, riverside: dict[str, Any]) -> None:
    client.logout()
    assert client.get(f"{API}/CFPackages/{riverside['CFDocument']['identifier']}").status_code == 200


def test_a_framework_made_in_proficio_is_served_under_generated_identifiers(
    client: Client, demo_district: DemoResult
) -> None:
    framework = Framework.objects.get()
    package = framework_package(framework)
    identifier = package["CFDocument"]["identifier"]
    assert client.get(f"{API}/CFPackages/{identifier}").json() == package
    item = package["CFItems"][5]
    assert client.get(f"{API}/CFItems/{item['identifier']}").json()["fullStatement"] == item["fullStatement"]


def test_paging_arguments_are_checked(client: Client, imported: Framework) -> None:
    assert client.get(f"{API}/CFDocuments?limit=1&offset=1").json() == {"CFDocuments": []}
    response = client.get(f"{API}/CFDocuments?limit=many")
    assert (
        response.status_code == 400
        and response.json()["imsx_codeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"]
        == "invalid_selection_field"
    )
