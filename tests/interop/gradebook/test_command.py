"""``manage.py export_oneroster_gradebook``: a zip or a folder, a session, plain errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.factories import World, make_world
from tests.interop.gradebook.conftest import read_folder, zip_bytes
from tests.interop.gradebook.helpers import score

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    world = make_world()
    score(world, 3)
    return world


def _run(*args: object) -> str:
    out = io.StringIO()
    call_command("export_oneroster_gradebook", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_it_writes_a_zip(world: World, tmp_path: Path) -> None:
    output = _run("--district", world.district.pk, "--output", tmp_path / "gradebook.zip")
    files = zip_bytes(tmp_path / "gradebook.zip")
    assert {"manifest.csv", "lineItems.csv", "results.csv"} <= set(files)
    assert "results.csv" in output and "Written to" in output


def test_it_writes_a_folder_for_one_session(world: World, tmp_path: Path) -> None:
    _run("--district", world.district.pk, "--session", world.section.session_id, "--output", tmp_path / "out")
    assert read_folder(tmp_path / "out").manifest["file.results"] == "bulk"


def test_it_names_what_it_cannot_find(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No district with id 999999"):
        _run("--district", 999999, "--output", tmp_path / "g.zip")
    with pytest.raises(CommandError, match="No academic session with id 999999"):
        _run("--district", world.district.pk, "--session", 999999, "--output", tmp_path / "g.zip")


def test_it_refuses_another_districts_session_and_a_busy_folder(world: World, tmp_path: Path) -> None:
    elsewhere = make_world("x")
    with pytest.raises(CommandError, match="is not a session of"):
        _run("--district", world.district.pk, "--session", elsewhere.section.session_id, "--output", tmp_path / "g.zip")
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x.csv").write_text("x")
    with pytest.raises(CommandError, match="not an empty folder"):
        _run("--district", world.district.pk, "--output", tmp_path / "busy")
