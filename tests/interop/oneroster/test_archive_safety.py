"""Archives and folders are read without trusting them: paths out of the archive, links, nested archives,
zip bombs, oversized sets and damaged members are refused before (or while) anything is parsed."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

import pytest
from django.test import override_settings

from proficio.interop.files import Limits, UnsafeInput, _BoundedReader, _Budget, open_source, save_upload
from proficio.interop.models import ImportRecord
from proficio.interop.oneroster.importer import import_oneroster
from proficio.interop.problems import ImportRefused

from .conftest import RIVERBEND_FILES, fingerprint, fixture_bytes

# Vendor-sensitive: the staging layer: COPY or executemany, jsonb or json_each, per vendor.
pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]


def riverbend_zip_with(path: Path, extra: list[tuple[zipfile.ZipInfo | str, bytes]], *, prefix: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in RIVERBEND_FILES:
            archive.writestr(prefix + name, fixture_bytes(name))
        for info, data in extra:
            archive.writestr(info, data)
    return path


def refused_by(path: Path) -> list[str]:
    before = fingerprint()
    with pytest.raises(ImportRefused) as refused:
        import_oneroster(path, district=None, user=None)
    assert fingerprint() == before
    record = ImportRecord.objects.get()
    assert record.status == ImportRecord.Status.FAILED
    assert record.problems and all(p["file"] and (p["line"] > 0 or p["where"]) for p in record.problems)
    return [str(p) for p in refused.value.problems]


def test_a_path_climbing_out_of_the_archive_is_refused(tmp_path: Path) -> None:
    texts = refused_by(riverbend_zip_with(tmp_path / "x.zip", [("../../etc/cron.d/evil.csv", b"a,b\n")]))
    assert texts == ["../../etc/cron.d/evil.csv at archive: its path climbs out of the archive ('..')"]


def test_an_absolute_path_is_refused(tmp_path: Path) -> None:
    texts = refused_by(riverbend_zip_with(tmp_path / "x.zip", [("/etc/passwd", b"root:x:0:0\n")]))
    assert "its path is absolute, outside the archive" in texts[0]


def test_a_symbolic_link_in_the_archive_is_refused(tmp_path: Path) -> None:
    link = zipfile.ZipInfo("users.csv.lnk")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    texts = refused_by(riverbend_zip_with(tmp_path / "x.zip", [(link, b"/etc/passwd")]))
    assert "is a symbolic link" in texts[0]


def test_a_symbolic_link_in_a_folder_is_refused(tmp_path: Path, riverbend_dir: Path) -> None:
    (riverbend_dir / "courses.csv").unlink()
    os.symlink("/etc/passwd", riverbend_dir / "courses.csv")
    assert "courses.csv at archive: is a symbolic link; links are not accepted" in refused_by(riverbend_dir)


def test_a_nested_archive_is_refused_by_name_and_by_content(tmp_path: Path) -> None:
    assert "nested archives" in refused_by(riverbend_zip_with(tmp_path / "x.zip", [("more.zip", b"PK\x03\x04")]))[0]
    ImportRecord.objects.all().delete()
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("users.csv", fixture_bytes("users.csv"))
    with zipfile.ZipFile(tmp_path / "y.zip", "w") as archive:
        for name in RIVERBEND_FILES:
            archive.writestr(name, inner.getvalue() if name == "users.csv" else fixture_bytes(name))
    assert "users.csv at archive: is itself an archive; nested archives are not accepted" in refused_by(
        tmp_path / "y.zip"
    )


def test_a_zip_bomb_is_refused_from_its_headers(tmp_path: Path) -> None:
    bomb = b"0" * (40 * 1024 * 1024)  # 40 MB of one byte: deflates about a thousandfold
    texts = refused_by(riverbend_zip_with(tmp_path / "x.zip", [("demographics2.csv", bomb)]))
    assert "a ratio typical of a zip bomb" in texts[0]


@override_settings(PROFICIO_IMPORT_MAX_BYTES=12_000)
def test_a_set_larger_than_the_limit_is_refused(riverbend_zip: Path, riverbend_dir: Path) -> None:
    assert refused_by(riverbend_zip) == ["riverbend.zip at archive: inflates to 14 KB, above the 12 KB limit"]
    ImportRecord.objects.all().delete()
    assert refused_by(riverbend_dir) == ["riverbend at archive: holds 14 KB, above the 12 KB limit"]


@override_settings(PROFICIO_IMPORT_MAX_ENTRIES=5)
def test_too_many_entries_are_refused(riverbend_zip: Path) -> None:
    assert "at most 5 are accepted" in refused_by(riverbend_zip)[0]


def test_a_damaged_member_is_refused_while_reading(tmp_path: Path) -> None:
    path = riverbend_zip_with(tmp_path / "x.zip", [])
    data = bytearray(path.read_bytes())
    # Flip bytes inside users.csv's compressed data: the CRC check at its end fails.
    start = data.find(b"users.csv") + len("users.csv") + 40
    data[start : start + 8] = bytes(b ^ 0xFF for b in data[start : start + 8])
    path.write_bytes(bytes(data))
    texts = refused_by(path)
    assert any("users.csv at archive: is damaged in the archive" in t for t in texts)


def test_files_inside_one_top_folder_are_read_and_mac_debris_ignored(tmp_path: Path) -> None:
    path = riverbend_zip_with(
        tmp_path / "x.zip",
        [("__MACOSX/riverbend/._users.csv", b"\x00\x05"), ("riverbend/.DS_Store", b"\x00")],
        prefix="riverbend/",
    )
    assert import_oneroster(path, district=None, user=None).counts["users"]["created"] == 38


def test_a_file_in_a_sub_folder_is_refused(tmp_path: Path) -> None:
    texts = refused_by(riverbend_zip_with(tmp_path / "x.zip", [("extra/users.csv", b"x")]))
    assert "extra/users.csv at archive: is inside a sub-folder; the files belong at the top level" in texts


def test_the_reader_stops_a_member_that_inflates_past_its_header() -> None:
    budget = _Budget(Limits(max_bytes=10_000_000, ratio_floor=1000, max_ratio=100))
    lying = _BoundedReader(io.BytesIO(b"x" * 5000), member="users.csv", declared=2000, compressed=0, budget=budget)
    with pytest.raises(UnsafeInput, match="inflates to more bytes than the archive says"):
        io.BufferedReader(lying).read()
    bomb = _BoundedReader(io.BytesIO(b"x" * 50_000), member="users.csv", declared=50_000, compressed=10, budget=budget)
    with pytest.raises(UnsafeInput, match="zip bomb"):
        io.BufferedReader(bomb).read()


def test_the_reader_stops_at_the_total_limit_even_when_files_grow(tmp_path: Path, riverbend_dir: Path) -> None:
    source = open_source(riverbend_dir, Limits(max_bytes=20_000))
    with (riverbend_dir / "users.csv").open("ab") as grow:
        grow.write(b"x" * 30_000)
    with pytest.raises(UnsafeInput):
        source.open("users.csv").read()


def test_an_upload_is_saved_under_a_plain_name_and_stopped_at_the_limit(tmp_path: Path) -> None:
    saved = save_upload([b"PK", b"\x03\x04rest"], tmp_path, name="../../etc/roster (2025).zip")
    assert saved.path == tmp_path / "roster__2025_.zip" and saved.size == 8 and len(saved.sha256) == 64
    with pytest.raises(UnsafeInput, match="larger than the 1 KB limit"):
        save_upload([b"x" * 800, b"x" * 800], tmp_path, name="big.zip", limits=Limits(max_bytes=1024))
    assert not (tmp_path / "big.zip").exists()
