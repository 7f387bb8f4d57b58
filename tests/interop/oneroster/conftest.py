"""Helpers for the OneRoster import tests: the hand-written Riverbend district, copied or zipped on the fly,
and a fingerprint of every roster and accounts table to prove that a refused import wrote nothing."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "oneroster" / "riverbend"
RIVERBEND_FILES = sorted(p.name for p in FIXTURE.iterdir() if p.suffix == ".csv")


def fixture_bytes(name: str) -> bytes:
    return (FIXTURE / name).read_bytes()


def write_set(target: Path, changes: Mapping[str, bytes | str | None] | None = None) -> Path:
    """The Riverbend files in folder ``target``, with ``changes`` applied (None removes a file)."""
    target.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {name: fixture_bytes(name) for name in RIVERBEND_FILES}
    for name, content in (changes or {}).items():
        if content is None:
            files.pop(name, None)
        else:
            files[name] = content.encode() if isinstance(content, str) else content
    for name, content in files.items():
        (target / name).write_bytes(content)
    return target


def zip_folder(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return target


def with_manifest(modes: Mapping[str, str]) -> str:
    """The Riverbend manifest with some files' modes changed (e.g. {"users": "delta"})."""
    lines = []
    for line in fixture_bytes("manifest.csv").decode().splitlines():
        name, _, value = line.partition(",")
        key = name.removeprefix("file.")
        lines.append(f"{name},{modes[key]}" if name.startswith("file.") and key in modes else f"{name},{value}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def riverbend_dir(tmp_path: Path) -> Path:
    return write_set(tmp_path / "riverbend")


@pytest.fixture
def riverbend_zip(tmp_path: Path, riverbend_dir: Path) -> Path:
    return zip_folder(riverbend_dir, tmp_path / "riverbend.zip")


@pytest.fixture
def make_set(tmp_path: Path) -> Callable[..., Path]:
    """make_set({"users.csv": "..."}, name="x") -> folder with those changes."""
    made = 0

    def make(changes: Mapping[str, bytes | str | None] | None = None, *, as_zip: bool = False) -> Path:
        nonlocal made
        made += 1
        folder = write_set(tmp_path / f"set{made}", changes)
        return zip_folder(folder, tmp_path / f"set{made}.zip") if as_zip else folder

    return make


FINGERPRINTED_APPS = ("accounts", "roster")


def fingerprint() -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every row of every accounts and roster table."""
    result: dict[str, tuple[int, str]] = {}
    for label in FINGERPRINTED_APPS:
        for model in apps.get_app_config(label).get_models():
            table = model._meta.db_table
            columns = ", ".join(connection.ops.quote_name(f.column) for f in model._meta.concrete_fields)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {columns} FROM {table} ORDER BY {connection.ops.quote_name('id')}")
                rows = cursor.fetchall()
            digest = hashlib.sha256(repr(rows).encode()).hexdigest()
            result[table] = (len(rows), digest)
    return result


def edit_csv(
    name: str,
    *,
    drop: set[str] | frozenset[str] = frozenset(),
    change: Mapping[str, Mapping[str, str]] | None = None,
    keep_only: set[str] | None = None,
    add: list[Mapping[str, str]] | None = None,
    key: str = "sourcedId",
    fill: Mapping[str, str] | None = None,
) -> str:
    """A Riverbend file with rows dropped, kept, changed or added (rows named by ``key``); ``fill`` sets a
    column on every row (e.g. a delta file's status)."""
    import csv
    import io

    reader = csv.DictReader(io.StringIO(fixture_bytes(name).decode()))
    header = list(reader.fieldnames or [])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for row in reader:
        if row[key] in drop or (keep_only is not None and row[key] not in keep_only):
            continue
        row.update((change or {}).get(row[key], {}))
        row.update(fill or {})
        writer.writerow(row)
    for extra in add or []:
        writer.writerow({**{h: "" for h in header}, **(fill or {}), **extra})
    return out.getvalue()
