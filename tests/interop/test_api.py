"""The import API: the same all-or-nothing imports and permissions as the web pages, as JSON."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from proficio.interop.models import ImportRecord
from tests.factories import make_world
from tests.interop.case.conftest import RIVERSIDE, row_counts
from tests.interop.test_web import _admin, _client, _leader, give_a_scale

pytestmark = pytest.mark.django_db


def _post_case(client: Client, district: int, data: bytes | None = None, **extra: object) -> object:
    package = SimpleUploadedFile("riverside.json", data or RIVERSIDE.read_bytes(), content_type="application/json")
    return client.post("/api/v1/imports/case", {"package": package, "district": district, **extra})


def test_a_case_package_is_imported_and_its_record_returned() -> None:
    world = make_world()
    response = _post_case(_client(_admin(world)), world.district.pk)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "committed" and body["kind"] == "case" and body["framework_id"]
    assert body["source_name"] == "riverside.json" and body["counts"]["indicators"] == 5


def test_a_dry_run_writes_nothing_but_its_record() -> None:
    world = make_world()
    before = row_counts()
    response = _post_case(_client(_leader(world)), world.district.pk, dry_run="true")
    assert response.status_code == 200 and response.json()["status"] == "dry_run"
    assert row_counts() == before


def test_a_broken_package_gets_422_with_every_problem_located() -> None:
    world = make_world()
    before = row_counts()
    broken = RIVERSIDE.read_bytes()[:-40]
    response = _post_case(_client(_admin(world)), world.district.pk, broken)
    assert response.status_code == 422
    problems = response.json()["problems"]
    assert problems and all(p["file"] and (p["line"] or p["where"]) for p in problems)
    assert row_counts() == before


def test_only_people_who_may_import_reach_the_endpoints() -> None:
    world, elsewhere = make_world(), make_world("elsewhere")
    assert _post_case(Client(), world.district.pk).status_code == 401
    assert _post_case(_client(world.teacher), world.district.pk).status_code == 404
    assert _post_case(_client(_admin(elsewhere)), world.district.pk).status_code == 404
    roster = SimpleUploadedFile("roster.zip", b"PK", content_type="application/zip")
    leader = _client(_leader(world))
    assert (
        leader.post("/api/v1/imports/oneroster", {"archive": roster, "district": world.district.pk}).status_code == 404
    )
    assert not ImportRecord.objects.exists()


def test_records_are_read_only_within_the_callers_districts() -> None:
    world, elsewhere = make_world(), make_world("elsewhere")
    admin = _client(_admin(world))
    record_id = _post_case(admin, world.district.pk).json()["id"]
    assert admin.get(f"/api/v1/imports/{record_id}").json()["id"] == record_id
    assert _client(_admin(elsewhere)).get(f"/api/v1/imports/{record_id}").status_code == 404
    assert _client(world.teacher).get(f"/api/v1/imports/{record_id}").status_code == 404


def test_the_openapi_schema_lists_the_import_endpoints() -> None:
    world = make_world()
    schema = _client(_admin(world)).get("/api/v1/openapi.json").json()
    assert {"/api/v1/imports/case", "/api/v1/imports/oneroster", "/api/v1/imports/{record_id}"} <= set(schema["paths"])


def test_a_mapping_chooses_levels_and_warnings_come_back_located() -> None:
    import json

    from tests.interop.case.test_real_packages import ACT_MATH

    world = make_world()
    give_a_scale(world)
    client = _client(_admin(world))
    rules = {"depth:1": "ignore", "depth:2": "ignore", "depth:3": "standard", "depth:4": "indicator"}
    package = SimpleUploadedFile(ACT_MATH.name, ACT_MATH.read_bytes(), content_type="application/json")
    response = client.post(
        "/api/v1/imports/case",
        {"package": package, "district": world.district.pk, "dry_run": "true", "mapping": json.dumps(rules)},
    )
    body = response.json()
    assert response.status_code == 200, body
    assert (body["counts"]["standards"], body["counts"]["indicators"]) == (1, 1)
    assert any("deeper than level 4" in w["message"] and w["line"] for w in body["warnings"])
    bad = SimpleUploadedFile(ACT_MATH.name, ACT_MATH.read_bytes(), content_type="application/json")
    refused = client.post("/api/v1/imports/case", {"package": bad, "district": world.district.pk, "mapping": "[1]"})
    assert refused.status_code == 422 and "JSON object" in str(refused.json()["error"])
