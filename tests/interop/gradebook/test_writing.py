"""Where the files go: a zip or a folder with the same bytes, nothing half-written, progress as it goes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from proficio.interop.gradebook import GradebookExportError, export_gradebook, files, write_gradebook
from tests.factories import World, make_world
from tests.interop.gradebook.conftest import folder_bytes, zip_bytes
from tests.interop.gradebook.helpers import score

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    world = make_world()
    score(world, 3)
    return world


def test_a_zip_holds_the_same_files_as_a_folder_at_its_root(world: World, tmp_path: Path) -> None:
    write_gradebook(tmp_path / "gradebook.zip", world.district, as_zip=True)
    write_gradebook(tmp_path / "folder", world.district, as_zip=False)
    assert zip_bytes(tmp_path / "gradebook.zip") == folder_bytes(tmp_path / "folder")
    with zipfile.ZipFile(tmp_path / "gradebook.zip") as archive:
        assert all(
            "/" not in name and info.date_time == (1980, 1, 1, 0, 0, 0)
            for name, info in zip(archive.namelist(), archive.infolist(), strict=True)
        )


def test_files_are_utf8_with_crlf_rows_and_no_bom(world: World, tmp_path: Path) -> None:
    write_gradebook(tmp_path / "out", world.district, as_zip=False)
    data = (tmp_path / "out" / "lineItems.csv").read_bytes()
    assert data.startswith(b"sourcedId,") and data.endswith(b"\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    data.decode("utf-8")


def test_a_folder_that_is_not_empty_is_refused(world: World, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("keep me")
    with pytest.raises(GradebookExportError):
        write_gradebook(tmp_path / "out", world.district, as_zip=False)
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["notes.txt"]


def test_a_failed_export_leaves_nothing_behind(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> list[str]:
        raise RuntimeError("database went away")

    monkeypatch.setattr(files, "_result", broken)
    for target, as_zip in ((tmp_path / "g.zip", True), (tmp_path / "folder", False)):
        with pytest.raises(RuntimeError):
            write_gradebook(target, world.district, as_zip=as_zip)
    assert list(tmp_path.iterdir()) == []


def test_progress_is_reported_per_file_and_ends_at_the_rows_written(world: World, tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    summary = write_gradebook(tmp_path / "out", world.district, as_zip=False, progress=lambda *call: seen.append(call))
    for name, count in summary.rows.items():
        assert (name, count, count) in seen
    assert summary.rows["results.csv"] == summary.rows["resultLearningObjectiveIds.csv"] > 0


def test_export_gradebook_gives_each_file_header_first(world: World) -> None:
    exported = {name: list(rows) for name, rows in export_gradebook(world.district).items()}
    assert exported["results.csv"][0][:3] == ["sourcedId", "status", "dateLastModified"]
    assert len(exported["results.csv"]) > 1
    assert "manifest.csv" not in exported
