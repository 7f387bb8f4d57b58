"""A disk that refuses a write (full, read-only) gives a clear one-line error and leaves nothing half-written.

The disk's refusal is simulated by raising the ``OSError`` the kernel gives; benchmarks/fault_readonly_media.py
does the same on real full and read-only tmpfs mounts.
"""

from __future__ import annotations

import errno
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.test import RequestFactory

from proficio.interop.gradebook import GradebookExportError, write_gradebook
from proficio.interop.gradebook import writer as gradebook_writer
from proficio.ops import backup as backups
from proficio.ops.disk import DiskRefusedMiddleware
from tests.factories import make_world

FULL = OSError(errno.ENOSPC, "No space left on device")
READ_ONLY = OSError(errno.EROFS, "Read-only file system")
SQLITE = {"ENGINE": "django.db.backends.sqlite3", "NAME": "unused.sqlite3"}


def _refuse(error: OSError) -> Any:
    def refused(*args: Any, **kwargs: Any) -> Any:
        raise error

    return refused


def test_a_backup_onto_a_full_disk_is_one_clear_error_and_leaves_no_partial_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backups, "_sqlite_backup", _refuse(FULL))
    with pytest.raises(backups.BackupError) as refused:
        backups.backup(database=SQLITE, destination=tmp_path / "tonight", media_root=None)
    assert str(refused.value) == (
        f"Cannot write the backup in {tmp_path}: No space left on device. Nothing was written; free space or "
        "choose another folder."
    )
    assert list(tmp_path.iterdir()) == []


def test_a_backup_into_a_read_only_folder_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Path, "mkdir", _refuse(READ_ONLY))
    with pytest.raises(backups.BackupError, match=r"^Cannot write the backup in .*: Read-only file system\. "):
        backups.backup(database=SQLITE, destination=tmp_path / "tonight", media_root=None)


def test_the_backup_command_prints_the_refusal_on_one_line_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / ("a-long-folder-name-" * 6)  # longer than a terminal line: still one line
    deep.mkdir()
    monkeypatch.setattr(backups, "_sqlite_backup", _refuse(FULL))  # whichever database the tests run on
    monkeypatch.setattr(backups, "_postgres_backup", _refuse(FULL))
    assert backups.backup_command(path=deep / "tonight", include_media=False) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: Cannot write the backup in ") and "Traceback" not in lines[0]


@pytest.mark.django_db
def test_a_gradebook_export_onto_a_full_disk_keeps_the_last_export_and_leaves_no_part_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = make_world()
    target = tmp_path / "gradebook.zip"
    write_gradebook(target, world.district, as_zip=True)
    last = target.read_bytes()

    def half_then_full(files: Any, open_file: Any, progress: Any) -> Any:
        with open_file("categories.csv") as handle:
            handle.write("sourcedId,status\n")
        raise FULL

    monkeypatch.setattr(gradebook_writer, "_write_all", half_then_full)
    with pytest.raises(GradebookExportError) as refused:
        write_gradebook(target, world.district, as_zip=True)
    assert str(refused.value) == f"Cannot write {target}: No space left on device. Nothing was written or replaced."
    assert target.read_bytes() == last and zipfile.is_zipfile(target)
    assert [p.name for p in tmp_path.iterdir()] == ["gradebook.zip"]


def test_a_view_whose_write_the_disk_refused_gets_a_503_page_naming_it() -> None:
    middleware = DiskRefusedMiddleware(lambda request: pytest.fail("not called"))
    request = RequestFactory().get("/interop/districts/1/oneroster-gradebook.zip")
    for error, named in ((READ_ONLY, "its storage is read-only"), (FULL, "its disk is full")):
        wrapped = GradebookExportError("Cannot write it")
        wrapped.__cause__ = error
        for raised in (error, wrapped):
            response = middleware.process_exception(request, raised)
            assert response is not None and response.status_code == 503
            page = response.content.decode()
            assert named in page and "Nothing from this request was saved" in page and "Traceback" not in page


def test_other_errors_are_left_to_djangos_own_handling() -> None:
    middleware = DiskRefusedMiddleware(lambda request: pytest.fail("not called"))
    request = RequestFactory().get("/")
    for other in (FileNotFoundError(errno.ENOENT, "No such file"), ValueError("a bug")):
        assert middleware.process_exception(request, other) is None
