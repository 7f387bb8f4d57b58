"""Imports and exports from the web: who may use them, check first, then import; refusals write nothing."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from proficio.accounts.models import Membership, Role, User
from proficio.interop.models import ImportRecord
from proficio.standards.models import Framework, ProficiencyScale, ScaleLevel
from tests.factories import World, make_user, make_world
from tests.interop.case.conftest import RIVERSIDE, row_counts

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password="a-long-test-password")
    return client


def _admin(world: World) -> User:
    admin = make_user(f"admin.{world.district.pk}")
    Membership.objects.create(user=admin, role=Role.DISTRICT_ADMIN, district=world.district)
    return admin


def _leader(world: World) -> User:
    leader = make_user(f"leader.{world.district.pk}")
    Membership.objects.create(user=leader, role=Role.SCHOOL_LEADER, school=world.school)
    return leader


def give_a_scale(world: World) -> ProficiencyScale:
    """The district's own academic scale, for packages that bring no rubric levels to build one from."""
    scale = ProficiencyScale.objects.create(name="District 1–4", district=world.district)
    for value in (1, 2, 3, 4):
        ScaleLevel.objects.create(scale=scale, value=Decimal(value), label=f"L{value}", is_threshold=value == 3)
    return scale


def _package(data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile("riverside.json", data or RIVERSIDE.read_bytes(), content_type="application/json")


def test_teachers_and_strangers_have_no_import_page() -> None:
    world = make_world()
    assert _client(world.teacher).get("/interop/").status_code == 404
    assert Client().get("/interop/").status_code == 302  # to the login page
    assert _client(world.teacher).post("/interop/case/", {"district": world.district.pk}).status_code == 404


def test_a_school_leader_imports_frameworks_but_not_rosters() -> None:
    world = make_world()
    page = _client(_leader(world)).get("/interop/").content.decode()
    assert "Standards framework (CASE)" in page and "Roster (OneRoster" not in page
    assert _client(_leader(make_world("b"))).post("/interop/oneroster/", {}).status_code == 404


def test_a_case_package_is_checked_then_imported() -> None:
    world = make_world()
    admin = _admin(world)
    client = _client(admin)
    before = Framework.objects.count()
    response = client.post("/interop/case/", {"district": world.district.pk, "package": _package()})
    assert response.status_code == 302
    job_page = client.get(response["Location"]).content.decode()
    assert "Checked (dry run, nothing written)" in job_page and "Import it" in job_page
    assert Framework.objects.count() == before  # the check wrote nothing but its record
    dry = ImportRecord.objects.get(status=ImportRecord.Status.DRY_RUN)
    assert dry.user == admin and dry.district == world.district and len(dry.sha256) == 64

    committed = client.post(f"{response['Location']}import/")
    assert committed.status_code == 302
    assert "Imported" in client.get(committed["Location"]).content.decode()
    record = ImportRecord.objects.get(status=ImportRecord.Status.COMMITTED)
    assert record.framework is not None and record.framework.district == world.district
    assert Framework.objects.count() == before + 1
    # The same check is not imported twice: "Import it" again leads to the first import's result.
    assert client.post(f"{response['Location']}import/")["Location"] == f"/interop/imports/{record.pk}/"
    assert Framework.objects.count() == before + 1
    assert record.source_name == "riverside.json"
    assert record.source_name in client.get(f"/interop/imports/{record.pk}/").content.decode()


def test_a_broken_package_is_refused_with_its_problems_and_writes_nothing() -> None:
    world = make_world()
    client = _client(_admin(world))
    before = row_counts()
    broken = RIVERSIDE.read_bytes().replace(b'"CFItems"', b'"CFItemz"', 1)
    response = client.post("/interop/case/", {"district": world.district.pk, "package": _package(broken)})
    page = client.get(response["Location"]).content.decode()
    assert "nothing was imported" in page and "Import it" not in page
    record = ImportRecord.objects.get()
    assert record.status == ImportRecord.Status.FAILED and record.problems
    assert all(p["file"] and (p["line"] or p["where"]) for p in record.problems)
    assert row_counts() == before


def test_an_import_job_is_only_visible_to_the_user_who_started_it() -> None:
    world = make_world()
    response = _client(_admin(world)).post("/interop/case/", {"district": world.district.pk, "package": _package()})
    other_admin = make_user("other.admin")
    Membership.objects.create(user=other_admin, role=Role.DISTRICT_ADMIN, district=world.district)
    assert _client(other_admin).get(response["Location"]).status_code == 404
    assert _client(other_admin).post(f"{response['Location']}import/").status_code == 404


def test_an_import_into_another_district_is_refused() -> None:
    world, elsewhere = make_world(), make_world("elsewhere")
    response = _client(_admin(world)).post("/interop/case/", {"district": elsewhere.district.pk, "package": _package()})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert not ImportRecord.objects.exists()


def test_import_records_are_shown_only_within_the_users_districts() -> None:
    world, elsewhere = make_world(), make_world("elsewhere")
    _client(_admin(world)).post("/interop/case/", {"district": world.district.pk, "package": _package()})
    record = ImportRecord.objects.get()
    assert _client(_admin(elsewhere)).get(f"/interop/imports/{record.pk}/").status_code == 404
    assert _client(_leader(world)).get(f"/interop/imports/{record.pk}/").status_code == 200


def test_the_gradebook_export_downloads_for_district_admins_only() -> None:
    world = make_world()
    url = f"/interop/districts/{world.district.pk}/oneroster-gradebook.zip"
    response = _client(_admin(world)).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    assert "manifest.csv" in names
    assert _client(_leader(world)).get(url).status_code == 404
    assert _client(world.teacher).get(url).status_code == 404
    assert _client(_admin(make_world("b"))).get(url).status_code == 404


def test_an_untyped_package_shows_its_proposed_tree_and_warnings_before_import() -> None:
    from tests.interop.case.test_real_packages import SMART_LEVEL

    world = make_world()
    give_a_scale(world)
    client = _client(_admin(world))
    upload = SimpleUploadedFile(SMART_LEVEL.name, SMART_LEVEL.read_bytes(), content_type="application/json")
    response = client.post("/interop/case/", {"district": world.district.pk, "package": upload})
    page = client.get(response["Location"]).content.decode()
    assert "How the items map" in page and "by depth" in page and "(no CFItemType)" in page
    assert '<ul class="tree">' in page and page.count('class="tree-level tree-level-indicator"') == 12
    assert "1 warning" in page and "mapped by depth" in page and "/tmp/" not in page
    assert "Import it" in page and Framework.objects.filter(district=world.district).count() == 1  # the world's own
    Path("var/screenshots").mkdir(parents=True, exist_ok=True)
    Path("var/screenshots/case-preview.html").write_text(page, encoding="utf-8")


def test_depth_rules_typed_on_the_upload_form_choose_the_levels() -> None:
    from tests.interop.case.test_real_packages import SMART_LEVEL

    world = make_world()
    give_a_scale(world)
    client = _client(_admin(world))
    upload = SimpleUploadedFile(SMART_LEVEL.name, SMART_LEVEL.read_bytes(), content_type="application/json")
    rules = "depth:1 = ignore\ndepth:2 = standard"
    response = client.post("/interop/case/", {"district": world.district.pk, "package": upload, "mapping": rules})
    assert response.status_code == 302
    client.get(response["Location"])
    record = ImportRecord.objects.get(status=ImportRecord.Status.DRY_RUN)
    assert (record.counts["standards"], record.counts["ignored_items"]) == (12, 2)
