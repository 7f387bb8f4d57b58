"""``proficio backup`` / ``proficio restore``: a round trip gives back every row and every result, byte for byte,
and a backup that is missing, damaged, of the other vendor or of a newer schema is refused without a change.

The round trip runs on whichever database the suite is configured for (SQLite in the SQLite pass, PostgreSQL
in the PostgreSQL pass): the demo district is committed to the test database, backed up, restored into a
database of the test's own, changed, and restored again.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader

from proficio.demo.plan import build_plan
from proficio.demo.writer import write_plan
from proficio.ops.backup import BackupError, backup, restore
from tests.conftest import DEMO_TEST_PASSWORD, FEW_ASSESSMENTS

RESULT_TABLES = ("proficiency_indicatorresult", "proficiency_standardresult", "proficiency_graduationstatus")
SQLITE = {"ENGINE": "django.db.backends.sqlite3"}


@contextmanager
def _sqlite(path: str | Path) -> Iterator[sqlite3.Connection]:
    """A connection committed and closed on leaving: an open one would rightly make restore refuse the file."""
    with closing(sqlite3.connect(path)) as db, db:
        yield db


# --- what a database holds ------------------------------------------------------------------------------------


def _query(database: dict[str, Any], sql: str) -> list[tuple[Any, ...]]:
    if database["ENGINE"].endswith("sqlite3"):
        with _sqlite(database["NAME"]) as db:
            return db.execute(sql).fetchall()
    import psycopg

    params = {"dbname": database["NAME"], "user": database["USER"], "host": database["HOST"]}
    with psycopg.connect(**params, port=database["PORT"] or 5432, password=database["PASSWORD"] or None) as db:
        return db.execute(sql).fetchall()


def _tables(database: dict[str, Any]) -> list[str]:
    if database["ENGINE"].endswith("sqlite3"):
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    else:
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
    return sorted(row[0] for row in _query(database, sql))


def _fingerprint(database: dict[str, Any]) -> dict[str, object]:
    """The row count of every table, and a checksum of every row of every result table."""
    counts = {table: _query(database, f'SELECT COUNT(*) FROM "{table}"')[0][0] for table in _tables(database)}
    checksums = {
        table: hashlib.sha256(repr(_query(database, f"SELECT * FROM {table} ORDER BY id")).encode()).hexdigest()
        for table in RESULT_TABLES
    }
    return {"counts": counts, "checksums": checksums}


def _change(database: dict[str, Any]) -> None:
    """Lose every result and alter the roster, as a bad import or a mistaken script would."""
    statements = [f"DELETE FROM {table}" for table in RESULT_TABLES]
    statements.append("UPDATE roster_student SET student_number = student_number || '-changed'")
    if database["ENGINE"].endswith("sqlite3"):
        with _sqlite(database["NAME"]) as db:
            for statement in statements:
                db.execute(statement)
        return
    import psycopg

    with psycopg.connect(f"dbname={database['NAME']} host={database['HOST']} user={database['USER']}") as db:
        for statement in statements:
            db.execute(statement)


# --- the round trip -------------------------------------------------------------------------------------------


def _committed_district(tmp_path: Path) -> dict[str, Any]:
    """The demo district committed to the test database; on SQLite (in memory for the suite) a WAL file copy."""
    write_plan(build_plan(seed=5, students=12, **FEW_ASSESSMENTS), DEMO_TEST_PASSWORD)
    if connection.vendor != "sqlite":
        return dict(connection.settings_dict)
    path = tmp_path / "source.sqlite3"
    connection.ensure_connection()
    with _sqlite(path) as copy:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=WAL")
    return {**SQLITE, "NAME": str(path)}


@contextmanager
def _own_copy(source: dict[str, Any], tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A copy of ``source`` for the test alone: a file on SQLite, a database made from it on PostgreSQL."""
    if connection.vendor == "sqlite":
        (tmp_path / "live").mkdir()
        shutil.copy(source["NAME"], tmp_path / "live" / "proficio.sqlite3")
        yield {**SQLITE, "NAME": str(tmp_path / "live" / "proficio.sqlite3")}
        return
    import psycopg

    name = f"proficio_backup_test_{os.getpid()}_{secrets.token_hex(3)}"
    admin = {"dbname": "postgres", "host": source["HOST"], "user": source["USER"], "port": source["PORT"] or 5432}
    connections.close_all()  # a template database must have no other session
    with psycopg.connect(**admin, password=source["PASSWORD"] or None, autocommit=True) as db:
        # Sessions an earlier test of this worker left open (a live server's or another thread's connection) on
        # this worker's own test database would block the copy; nobody else uses that database.
        db.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [source["NAME"]],
        )
        db.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source["NAME"]}"')
    try:
        yield {**source, "NAME": name}
    finally:
        with psycopg.connect(**admin, password=source["PASSWORD"] or None, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.vendor_sensitive  # SQLite's backup API or pg_dump / pg_restore, by the configured vendor
def test_a_round_trip_gives_back_every_row_and_every_result_and_a_failed_check_changes_nothing(
    flushable_scores: None, tmp_path: Path
) -> None:
    source = _committed_district(tmp_path)
    media = tmp_path / "media"
    (media / "exemplars" / "2026").mkdir(parents=True)
    (media / "exemplars" / "2026" / "essay.pdf").write_bytes(b"%PDF-1.7 an exemplar")
    before = _fingerprint(source)
    assert all(before["counts"][table] > 0 for table in RESULT_TABLES)  # type: ignore[index]

    manifest = backup(database=source, destination=tmp_path / "backup", media_root=media)
    assert manifest.row_counts == before["counts"]
    assert manifest.vendor == connection.vendor
    with _own_copy(source, tmp_path) as live:
        _change(live)
        (media / "stray.txt").write_text("written after the backup")
        (media / "exemplars" / "2026" / "essay.pdf").unlink()
        assert _fingerprint(live) != before
        report = restore(database=live, source=tmp_path / "backup", media_root=media)
        assert _fingerprint(live) == before
        assert [p.name for p in media.rglob("*") if p.is_file()] == ["essay.pdf"]
        assert report.media_files == 1 and report.pending_migrations == []

        # A backup whose rows do not match its manifest is refused: on PostgreSQL inside the restore's
        # transaction (so the whole restore rolls back), on SQLite before the file is swapped.
        _change(live)
        changed = _fingerprint(live)
        tampered = json.loads((tmp_path / "backup" / "manifest.json").read_text())
        tampered["row_counts"]["proficiency_standardresult"] += 1
        (tmp_path / "backup" / "manifest.json").write_text(json.dumps(tampered))
        with pytest.raises(BackupError, match="proficiency_standardresult"):
            restore(database=live, source=tmp_path / "backup", media_root=None)
        assert _fingerprint(live) == changed


# --- refusals, on small SQLite files of the test's own ------------------------------------------------------------


def _small_database(path: Path, level: int) -> dict[str, Any]:
    """A database at the current schema version (every migration recorded) with one result row."""
    path.parent.mkdir(parents=True, exist_ok=True)
    loader = MigrationLoader(None, ignore_no_migrations=True)
    with _sqlite(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, app TEXT, name TEXT, applied TEXT)")
        db.executemany("INSERT INTO django_migrations (app, name, applied) VALUES (?, ?, '')", loader.disk_migrations)
        db.execute("CREATE TABLE proficiency_standardresult (id INTEGER PRIMARY KEY, level INTEGER)")
        db.execute("INSERT INTO proficiency_standardresult (level) VALUES (?)", [level])
    return {**SQLITE, "NAME": str(path)}


@pytest.fixture
def small_backup(tmp_path: Path) -> Path:
    media = tmp_path / "backed-up-media"
    media.mkdir()
    (media / "a.txt").write_text("a")
    backup(database=_small_database(tmp_path / "source.sqlite3", level=3), destination=tmp_path / "b", media_root=media)
    return tmp_path / "b"


def _damage(backup_dir: Path, how: str) -> None:
    manifest_path = backup_dir / "manifest.json"
    if how == "database file":
        data = bytearray((backup_dir / "database.sqlite3").read_bytes())
        data[200:216] = b"\xff" * 16
        (backup_dir / "database.sqlite3").write_bytes(bytes(data))
    elif how == "manifest":
        manifest_path.write_text(manifest_path.read_text()[:40])
    elif how == "newer schema":
        manifest = json.loads(manifest_path.read_text())
        manifest["migrations"].append("proficiency.9999_from_the_future")
        manifest_path.write_text(json.dumps(manifest))
    elif how == "newer format":
        manifest = json.loads(manifest_path.read_text())
        manifest["format_version"] = 99
        manifest_path.write_text(json.dumps(manifest))
    elif how == "missing media file":
        (backup_dir / "media" / "a.txt").unlink()


REFUSALS = {
    "database file": "does not match its checksum",
    "manifest": "manifest.json is damaged",
    "newer schema": "newer proficio.*9999_from_the_future.*Upgrade proficio",
    "newer format": "format 99, newer than this proficio reads",
    "missing media file": "lacks media/a.txt",
}


def _state(database: dict[str, Any], media: Path) -> tuple[str, list[str], dict[str, str]]:
    path = Path(database["NAME"])
    return (
        hashlib.sha256(path.read_bytes()).hexdigest(),
        sorted(p.name for p in path.parent.iterdir()),
        {p.name: p.read_text() for p in media.iterdir()},
    )


@pytest.mark.parametrize("how", REFUSALS)
def test_a_damaged_or_newer_backup_is_refused_and_nothing_changes(small_backup: Path, tmp_path: Path, how: str) -> None:
    target = _small_database(tmp_path / "live" / "proficio.sqlite3", level=1)
    media = tmp_path / "live-media"
    media.mkdir()
    (media / "b.txt").write_text("b")
    before = _state(target, media)
    _damage(small_backup, how)

    with pytest.raises(BackupError, match=REFUSALS[how]):
        restore(database=target, source=small_backup, media_root=media)
    assert _state(target, media) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "b",
        "backed-up-media",
        "live",
        "live-media",
        "source.sqlite3",
    ]


def test_a_missing_backup_a_file_or_another_vendors_backup_is_refused(small_backup: Path, tmp_path: Path) -> None:
    target = _small_database(tmp_path / "live.sqlite3", level=1)
    with pytest.raises(BackupError, match="There is no backup at"):
        restore(database=target, source=tmp_path / "nowhere", media_root=None)
    with pytest.raises(BackupError, match="is a file"):
        restore(database=target, source=tmp_path / "live.sqlite3", media_root=None)
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "never_reached", "HOST": "127.0.0.1"}
    with pytest.raises(BackupError, match="backup is of a SQLite database, but proficio is configured for PostgreSQL"):
        restore(database=postgres, source=small_backup, media_root=None)
    with pytest.raises(BackupError, match="already exists"):
        backup(database=target, destination=small_backup, media_root=None)


def test_a_database_another_process_has_open_is_refused_and_left_alone(small_backup: Path, tmp_path: Path) -> None:
    target = _small_database(tmp_path / "live" / "proficio.sqlite3", level=1)
    media = tmp_path / "live-media"
    media.mkdir()
    with _sqlite(target["NAME"]) as server:
        server.execute("SELECT COUNT(*) FROM proficiency_standardresult").fetchone()
        with pytest.raises(BackupError, match=r"is in use.*stop proficio's web server and workers"):
            restore(database=target, source=small_backup, media_root=media)
        assert server.execute("SELECT level FROM proficiency_standardresult").fetchall() == [(1,)]
    assert sorted(p.name for p in (tmp_path / "live").iterdir()) == ["proficio.sqlite3"]
    assert list(media.iterdir()) == []

    restore(database=target, source=small_backup, media_root=media)
    assert _query(target, "SELECT level FROM proficiency_standardresult") == [(3,)]
    assert _query(target, "PRAGMA journal_mode") == [("wal",)]
    assert [p.name for p in media.iterdir()] == ["a.txt"]


def test_a_backup_restores_onto_a_new_machine_with_no_database_yet(small_backup: Path, tmp_path: Path) -> None:
    target = {**SQLITE, "NAME": str(tmp_path / "new-machine" / "var" / "proficio.sqlite3")}
    restore(database=target, source=small_backup, media_root=tmp_path / "new-machine" / "var" / "media")
    assert _query(target, "SELECT level FROM proficiency_standardresult") == [(3,)]
    assert sorted(p.name for p in (tmp_path / "new-machine" / "var").iterdir()) == ["media", "proficio.sqlite3"]


def test_the_proficio_command_backs_up_and_restores_the_configured_database(tmp_path: Path) -> None:
    _small_database(tmp_path / "proficio.sqlite3", level=2)
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["PROFICIO_DATA_DIR"] = str(tmp_path)
    proficio = shutil.which("proficio", path=str(Path(sys.executable).parent))
    assert proficio

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([proficio, *args], env=env, capture_output=True, text=True, timeout=120)

    made = run("backup", str(tmp_path / "nightly"))
    assert made.returncode == 0, made.stderr
    assert "proficiency_standardresult" in made.stdout and "Backup written to" in made.stdout
    with _sqlite(tmp_path / "proficio.sqlite3") as db:
        db.execute("UPDATE proficiency_standardresult SET level = 4")
    restored = run("restore", str(tmp_path / "nightly"), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "Restored (SQLite)" in restored.stdout
    assert _query(
        {**SQLITE, "NAME": str(tmp_path / "proficio.sqlite3")}, "SELECT level FROM proficiency_standardresult"
    ) == [(2,)]
