"""Import dry runs are stored: checked in one web process, imported from another (or after a restart), once,
by the user who checked them, with the bytes they checked, within a day."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from proficio.accounts.models import Membership, Role, User
from proficio.interop import dry_runs
from proficio.interop.case import sources
from proficio.interop.models import ImportRecord, StoredDryRun
from proficio.standards.models import Framework
from tests.factories import World, make_user, make_world
from tests.interop.case.conftest import RIVERSIDE
from tests.interop.oneroster.conftest import write_set, zip_folder

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    assert client.login(username=user.username, password="a-long-test-password")
    return client


def _admin(world: World, name: str = "admin") -> User:
    admin = make_user(f"{name}.{world.district.pk}")
    Membership.objects.create(user=admin, role=Role.DISTRICT_ADMIN, district=world.district)
    return admin


def _check(client: Client, world: World, data: bytes | None = None) -> str:
    """Upload the Riverside package for a check; the job page's address."""
    package = SimpleUploadedFile("riverside.json", data or RIVERSIDE.read_bytes(), content_type="application/json")
    response = client.post("/interop/case/", {"district": world.district.pk, "package": package})
    assert response.status_code == 302
    return str(response["Location"])


def _another_process() -> None:
    """What a second web process (or this one after a restart) would not have: anything held in its memory
    (jobs keep nothing there; the local cache, the default one, is emptied to make sure)."""
    caches["default"].clear()


def _committed() -> int:
    return ImportRecord.objects.filter(status=ImportRecord.Status.COMMITTED).count()


def test_a_check_made_in_one_process_is_shown_and_imported_from_another() -> None:
    world = make_world()
    admin = _admin(world)
    job_page = _check(_client(admin), world)
    _another_process()

    fresh = _client(admin)
    page = fresh.get(job_page).content.decode()
    assert "Checked (dry run, nothing written)" in page and "Import it" in page
    committed = fresh.post(f"{job_page}import/")
    assert committed.status_code == 302
    assert "Imported" in fresh.get(committed["Location"]).content.decode()
    record = ImportRecord.objects.get(status=ImportRecord.Status.COMMITTED)
    assert record.framework is not None and record.framework.district == world.district
    assert record.source_name == "riverside.json" and record.user == admin

    _another_process()  # the import's own page, too, is found again from its stored dry run
    assert "Imported" in fresh.get(committed["Location"]).content.decode()


def test_the_stored_dry_run_keeps_the_bytes_their_hash_the_options_and_the_report() -> None:
    world = make_world()
    admin = _admin(world)
    job_page = _check(_client(admin), world)
    stored = StoredDryRun.objects.get()
    assert job_page == f"/interop/jobs/{stored.token}/" and len(stored.token) == 32
    assert bytes(stored.data) == RIVERSIDE.read_bytes() and stored.sha256 == dry_runs.sha256_of_bytes(stored.data)
    assert (stored.kind, stored.user, stored.district, stored.source_name) == (
        "case",
        admin,
        world.district,
        "riverside.json",
    )
    assert stored.report == ImportRecord.objects.get(status=ImportRecord.Status.DRY_RUN)
    assert stored.options == {"url": "", "mapping": {}} and stored.checked_at is not None

    _client(admin).post(f"{job_page}import/")
    stored.refresh_from_db()
    assert stored.committed_at is not None and bytes(stored.data) == b""  # not kept once imported
    assert stored.commit_record == ImportRecord.objects.get(status=ImportRecord.Status.COMMITTED)


def test_a_second_import_it_leads_to_the_first_result_and_imports_nothing_more() -> None:
    world = make_world()
    admin = _admin(world)
    job_page = _check(_client(admin), world)
    before = Framework.objects.count()
    _client(admin).post(f"{job_page}import/")
    _another_process()
    again = _client(admin).post(f"{job_page}import/")
    record = ImportRecord.objects.get(status=ImportRecord.Status.COMMITTED)
    assert again.status_code == 302 and again["Location"] == f"/interop/imports/{record.pk}/"
    assert _committed() == 1 and Framework.objects.count() == before + 1
    assert "Import it" not in _client(admin).get(job_page).content.decode()


def test_of_two_claims_racing_only_the_first_starts_the_import() -> None:
    world = make_world()
    admin = _admin(world)
    job_page = _check(_client(admin), world)
    token = job_page.strip("/").rsplit("/", 1)[-1]
    seen_by_both = dry_runs.find(token=token, user=admin)  # both requests read it before either claimed it
    assert seen_by_both is not None
    first = dry_runs.claim(token=token, user=admin)
    second = dry_runs._take(seen_by_both, now=timezone.now())
    assert first.started and not second.started
    assert second.dry_run.commit_token == first.dry_run.commit_token


def test_a_changed_stored_file_is_not_imported() -> None:
    world = make_world()
    admin = _admin(world)
    job_page = _check(_client(admin), world)
    StoredDryRun.objects.update(data=RIVERSIDE.read_bytes().replace(b"Riverside", b"Elsewhere", 1))
    before = Framework.objects.count()

    refused = _client(admin).post(f"{job_page}import/")
    assert refused.status_code == 409
    assert "is not the file that was checked, so nothing was imported" in refused.content.decode()
    assert _committed() == 0 and Framework.objects.count() == before
    assert StoredDryRun.objects.get().committed_at is None


def test_another_user_cannot_import_someone_elses_check_which_stays_theirs() -> None:
    world = make_world()
    admin = _admin(world)
    job_page = _check(_client(admin), world)
    colleague = _admin(world, "colleague")
    assert _client(colleague).get(job_page).status_code == 404
    assert _client(colleague).post(f"{job_page}import/").status_code == 404
    assert _committed() == 0
    assert _client(admin).post(f"{job_page}import/").status_code == 302 and _committed() == 1


def test_a_check_older_than_a_day_is_refused_with_a_reason_and_forgets_its_bytes() -> None:
    world = make_world()
    admin = _admin(world)
    job_page = _check(_client(admin), world)
    StoredDryRun.objects.update(created_at=timezone.now() - timedelta(hours=24, minutes=1))

    assert "Import it" not in _client(admin).get(job_page).content.decode()
    refused = _client(admin).post(f"{job_page}import/")
    assert refused.status_code == 410
    assert "more than 24 hours old" in refused.content.decode() and "Upload the file again" in refused.content.decode()
    assert _committed() == 0

    assert dry_runs.forget_expired() == 1 and bytes(StoredDryRun.objects.get().data) == b""
    assert _client(admin).post(f"{job_page}import/").status_code == 410  # still the same clear reason


def test_an_admin_who_lost_the_district_cannot_import_their_check() -> None:
    world = make_world()
    admin = _admin(world)
    job_page = _check(_client(admin), world)
    Membership.objects.filter(user=admin).delete()
    assert _client(admin).post(f"{job_page}import/").status_code == 404
    assert _committed() == 0


def test_a_refused_check_cannot_be_imported_from_any_process() -> None:
    world = make_world()
    admin = _admin(world)
    job_page = _check(_client(admin), world, RIVERSIDE.read_bytes().replace(b'"CFItems"', b'"CFItemz"', 1))
    _another_process()
    page = _client(admin).get(job_page).content.decode()
    assert "Refused (nothing written)" in page and "Import it" not in page
    assert _client(admin).post(f"{job_page}import/").status_code == 404
    assert StoredDryRun.objects.get().report == ImportRecord.objects.get()


def test_a_package_fetched_from_an_address_is_imported_from_the_bytes_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    fetched: list[str] = []

    def fetch(url: str) -> bytes:
        fetched.append(url)
        return RIVERSIDE.read_bytes()

    monkeypatch.setattr(sources, "_fetch", fetch)
    world = make_world()
    admin = _admin(world)
    url = "https://case.example.org/ims/case/v1p1/CFPackages/riverside"
    response = _client(admin).post("/interop/case/", {"district": world.district.pk, "url": url})
    stored = StoredDryRun.objects.get()
    assert stored.sha256 == dry_runs.sha256_of_bytes(RIVERSIDE.read_bytes()) and stored.source_name == url
    _another_process()
    assert _client(admin).post(f"{response['Location']}import/").status_code == 302
    assert fetched == [url] and _committed() == 1


@pytest.mark.vendor_sensitive
def test_a_roster_checked_in_one_process_is_imported_from_another(tmp_path: Path) -> None:
    world = make_world()
    admin = _admin(world)
    archive = zip_folder(write_set(tmp_path / "riverbend"), tmp_path / "riverbend.zip")
    upload = SimpleUploadedFile("riverbend.zip", archive.read_bytes(), content_type="application/zip")
    response = _client(admin).post("/interop/oneroster/", {"district": world.district.pk, "archive": upload})
    _another_process()
    fresh = _client(admin)
    assert "Import it" in fresh.get(response["Location"]).content.decode()
    assert fresh.post(f"{response['Location']}import/").status_code == 302
    record = ImportRecord.objects.get(status=ImportRecord.Status.COMMITTED)
    assert record.kind == ImportRecord.Kind.ONEROSTER and record.source_name == "riverbend.zip"
