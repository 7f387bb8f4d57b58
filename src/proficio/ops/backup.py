"""Backups of the database and the uploaded files, and restores that check a backup before changing anything.

A backup is a new folder (docs/operations.md):

    manifest.json      format version, vendor, created at, applied migrations, row counts per table, and the
                       SHA-256 of every file below
    database.sqlite3   SQLite: a copy made with SQLite's online backup API (one file, rollback journal)
    database.pgdump    PostgreSQL: pg_dump's custom format
    media/             the uploaded files under MEDIA_ROOT (left out when the caller passes no media root)

Invariants:

- A backup folder appears whole or not at all: it is written to a hidden sibling and renamed at the end.
- The row counts describe exactly the data in the backup: SQLite counts the copy, PostgreSQL counts inside the
  snapshot that pg_dump is handed.
- A restore checks what it can (manifest, vendor, schema version, checksums) before it changes anything, and a
  refused or failed restore leaves the database and the uploaded files as they were.
- SQLite: the restored copy is built and checked beside the database, then renamed over it while the old file
  is held exclusively; a database that another process has open is refused, and no -wal/-shm of the old file
  survives to be replayed into the new one.
- PostgreSQL: the restore (dropping tables newer than the backup, pg_restore's script, the row-count check)
  is one transaction.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path, PurePosixPath
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA_DIR = "media"
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
_SQLITE_STEP_PAGES = 1024
_HASH_CHUNK = 1 << 20
# libpq settings that Django's OPTIONS may carry and that pg_dump, pg_restore and psql understand too.
_LIBPQ_OPTIONS = (
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "connect_timeout",
    "application_name",
    "options",
    "target_session_attrs",
    "passfile",
    "service",
)

OnProgress = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    """The default progress callback: report nothing."""


class BackupError(Exception):
    """A backup or restore that was refused or failed; the message tells the operator what to do."""


@dataclass(frozen=True)
class Manifest:
    """What a backup holds, written beside its files as manifest.json."""

    format_version: int
    vendor: str
    created_at: str
    proficio_version: str
    migrations: list[str]
    row_counts: dict[str, int]
    files: dict[str, str]
    media: bool

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        try:
            raw = json.loads(text)
            if int(raw["format_version"]) > FORMAT_VERSION:
                raise BackupError(
                    f"This backup uses format {raw['format_version']}, newer than this proficio reads "
                    f"({FORMAT_VERSION}): upgrade proficio, then restore."
                )
            manifest = cls(
                format_version=int(raw["format_version"]),
                vendor=str(raw["vendor"]),
                created_at=str(raw["created_at"]),
                proficio_version=str(raw["proficio_version"]),
                migrations=[str(m) for m in raw["migrations"]],
                row_counts={str(k): int(v) for k, v in raw["row_counts"].items()},
                files={str(k): str(v) for k, v in raw["files"].items()},
                media=bool(raw["media"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise BackupError(f"manifest.json is damaged ({error!r}): this backup cannot be restored.") from error
        for name in manifest.files:
            path = PurePosixPath(name)
            if path.is_absolute() or ".." in path.parts:
                raise BackupError(f"manifest.json names a file outside the backup ({name}): refusing it.")
        return manifest


@dataclass(frozen=True)
class RestoreReport:
    """What a restore put in place."""

    manifest: Manifest
    pending_migrations: list[str]
    dropped_tables: list[str]
    media_files: int | None  # None: the backup holds no uploaded files, and they were left as they were


def database_vendor(database: Mapping[str, Any]) -> str:
    engine = str(database.get("ENGINE", ""))
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine or "postgis" in engine:
        return "postgresql"
    raise BackupError(f"Backups cover SQLite and PostgreSQL only, not {engine}.")


# --- backup ---------------------------------------------------------------------------------------------------


def backup(
    *, database: Mapping[str, Any], destination: Path, media_root: Path | None, progress: OnProgress = _quiet
) -> Manifest:
    """Write a backup of ``database`` (a Django DATABASES entry) and of ``media_root`` into the new folder
    ``destination``; without a media root the uploaded files are left out."""
    vendor = database_vendor(database)
    destination = destination.absolute()
    if destination.exists():
        raise BackupError(f"{destination} already exists: back up into a new folder (a backup never overwrites).")
    if not destination.parent.is_dir():
        raise BackupError(f"{destination.parent} is not a folder.")
    partial = destination.parent / f".{destination.name}.partial-{secrets.token_hex(4)}"
    try:
        partial.mkdir()
    except OSError as error:
        raise BackupError(_unwritable(destination.parent, error)) from error
    try:
        database_file = partial / DATABASE_FILES[vendor]
        if vendor == "sqlite":
            migrations, counts = _sqlite_backup(Path(database["NAME"]), database_file, progress)
        else:
            migrations, counts = _postgres_backup(database, database_file, progress)
        files = {database_file.name: _sha256(database_file)}
        if media_root is not None:
            files |= _copy_media(media_root, partial / MEDIA_DIR, progress)
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            vendor=vendor,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            proficio_version=version("proficio"),
            migrations=migrations,
            row_counts=counts,
            files=files,
            media=media_root is not None,
        )
        (partial / MANIFEST).write_text(manifest.to_json())
        _fsync_dir(partial)
        partial.rename(destination)
        _fsync_dir(destination.parent)
    except OSError as error:
        shutil.rmtree(partial, ignore_errors=True)
        raise BackupError(_unwritable(destination.parent, error)) from error
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return manifest


def _unwritable(folder: Path, error: OSError) -> str:
    """One line for a backup the disk refused (full, read-only, not ours): what happened and what to do."""
    why = error.strerror or str(error)
    return f"Cannot write the backup in {folder}: {why}. Nothing was written; free space or choose another folder."


def _sqlite_backup(source: Path, target: Path, progress: OnProgress) -> tuple[list[str], dict[str, int]]:
    if not source.is_file():
        raise BackupError(f"There is no SQLite database at {source}.")
    src = sqlite3.connect(source, isolation_level=None, timeout=20)
    try:
        # One read snapshot for the whole copy: writers go on, and the copy neither restarts nor mixes states.
        src.execute("BEGIN")
        src.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        dst = sqlite3.connect(target, isolation_level=None)
        try:
            src.backup(dst, pages=_SQLITE_STEP_PAGES, progress=_pages(progress, "Copying the database"))
            dst.execute("PRAGMA journal_mode=DELETE")  # the backup is one self-contained file
            return _sqlite_state(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _pages(progress: OnProgress, stage: str) -> Callable[[int, int, int], None]:
    def report(status: int, remaining: int, total: int) -> None:
        progress(stage, total - remaining, total)

    return report


def _sqlite_state(db: sqlite3.Connection) -> tuple[list[str], dict[str, int]]:
    query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    tables = [row[0] for row in db.execute(query)]
    if "django_migrations" not in tables:
        raise BackupError("The database has no django_migrations table: it is not a proficio database.")
    counts = {table: db.execute(f"SELECT COUNT(*) FROM {_quote(table)}").fetchone()[0] for table in tables}
    migrations = sorted(f"{app}.{name}" for app, name in db.execute("SELECT app, name FROM django_migrations"))
    return migrations, counts


def _copy_media(media_root: Path, target: Path, progress: OnProgress) -> dict[str, str]:
    """Copy the uploaded files, returning their SHA-256 by path inside the backup. Copied after the database
    snapshot, so every file a backed-up row names is there (a file is saved before its row commits)."""
    files = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.is_dir() else []
    digests: dict[str, str] = {}
    target.mkdir()
    for done, path in enumerate(files, start=1):
        relative = path.relative_to(media_root)
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target / relative)
        digests[f"{MEDIA_DIR}/{relative.as_posix()}"] = _sha256(target / relative)
        progress("Copying uploaded files", done, len(files))
    return digests


# --- PostgreSQL -----------------------------------------------------------------------------------------------


def _libpq(database: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    """The connection string (without the password) and the environment (with it, as PGPASSWORD) for
    pg_dump, pg_restore, psql and psycopg, from a Django DATABASES entry."""
    from psycopg.conninfo import make_conninfo

    params = {
        "dbname": database.get("NAME"),
        "user": database.get("USER"),
        "host": database.get("HOST"),
        "port": str(database.get("PORT") or ""),
    }
    options = database.get("OPTIONS") or {}
    params |= {key: str(options[key]) for key in _LIBPQ_OPTIONS if key in options}
    conninfo = make_conninfo(**{key: value for key, value in params.items() if value})
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return conninfo, env


def _pg_connect(database: Mapping[str, Any]) -> Any:
    import psycopg

    conninfo, env = _libpq(database)
    try:
        return psycopg.connect(conninfo, password=env.get("PGPASSWORD"), autocommit=True)
    except psycopg.OperationalError as error:
        raise BackupError(f"Cannot connect to PostgreSQL: {error}".strip()) from error


def _postgres_backup(
    database: Mapping[str, Any], target: Path, progress: OnProgress
) -> tuple[list[str], dict[str, int]]:
    conninfo, env = _libpq(database)
    with _pg_connect(database) as conn:
        # pg_dump reads the snapshot the counts were taken in, so they describe exactly what it dumps.
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        schema, counts = _postgres_counts(conn)
        if "django_migrations" not in counts:
            raise BackupError("The database has no django_migrations table: it is not a proficio database.")
        rows = conn.execute(f"SELECT app, name FROM {_quote(schema)}.django_migrations").fetchall()
        argv = ["pg_dump", "--format=custom", "--verbose", f"--snapshot={snapshot}", f"--file={target}"]
        with tempfile.TemporaryFile("w+") as log:
            process = subprocess.Popen([*argv, f"--dbname={conninfo}"], stderr=subprocess.PIPE, text=True, env=env)
            _follow(process.stderr, "dumping contents of table", "Dumping tables", len(counts), progress, log)
            _check(process, "pg_dump", log)
        conn.execute("COMMIT")
    return sorted(f"{app}.{name}" for app, name in rows), counts


def _postgres_counts(conn: Any) -> tuple[str, dict[str, int]]:
    schema = conn.execute("SELECT current_schema()").fetchone()[0]
    query = "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename"
    tables = [row[0] for row in conn.execute(query, [schema])]
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {_quote(schema)}.{_quote(t)}").fetchone()[0] for t in tables}
    return schema, counts


def _follow(stream: Any, marker: str, stage: str, total: int, progress: OnProgress, log: Any) -> None:
    """Read a tool's output line by line, advancing the progress bar on each line that holds ``marker`` and
    keeping the rest for the error message."""
    done = 0
    progress(stage, 0, total)
    for line in stream:
        if marker in line:
            done += 1
            progress(stage, min(done, total), total)
        elif log is not None:
            log.write(line)


def _check(process: subprocess.Popen[Any], tool: str, log: Any) -> None:
    if process.wait() != 0:
        log.seek(0)
        lines = [str(line).strip() for line in log.readlines()]
        # pg_dump's own account of why it stopped (a full or read-only disk) says it all, in one line.
        errors = [line for line in lines if line.startswith("pg_dump: error: ")]
        if tool == "pg_dump" and errors:
            raise BackupError(f"{tool} failed: {errors[-1].split(': error: ', 1)[1]}")
        tail = "\n".join(lines[-15:])
        raise BackupError(f"{tool} failed (exit {process.returncode}):\n{tail}")


def _postgres_restore(database: Mapping[str, Any], dump: Path, manifest: Manifest, progress: OnProgress) -> list[str]:
    """Restore in one transaction (psql --single-transaction): drop the tables the backup does not have (a
    newer schema's, which would block dropping the others and confuse ``migrate``), run pg_restore's script,
    and check every table's row count against the manifest; any failure rolls the whole of it back."""
    conninfo, env = _libpq(database)
    with _pg_connect(database) as conn:
        schema, current = _postgres_counts(conn)
    extra = sorted(set(current) - set(manifest.row_counts))
    commands = []
    if extra:
        commands += ["--command", f"DROP TABLE IF EXISTS {', '.join(_qualified(schema, t) for t in extra)} CASCADE"]
    checks = "\n".join(
        f"IF (SELECT COUNT(*) FROM {_qualified(schema, table)}) <> {count} THEN RAISE EXCEPTION "
        f"'restored table {_literal(table)} does not hold the {count} rows the backup counted'; END IF;"
        for table, count in manifest.row_counts.items()
    )
    verify = ["--command", f"DO $proficio$ BEGIN\n{checks}\nEND $proficio$"]
    script = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--file=-", str(dump)]
    psql = ["psql", "--no-psqlrc", "--single-transaction", "--set=ON_ERROR_STOP=1", f"--dbname={conninfo}"]
    env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} -c client_min_messages=warning".strip()
    with tempfile.TemporaryFile("w+") as restore_log, tempfile.TemporaryFile("w+") as psql_log:
        restorer = subprocess.Popen(script, stdout=subprocess.PIPE, stderr=restore_log, env=env)
        loader = subprocess.Popen(
            [*psql, *commands, "--file=-", *verify],
            stdin=restorer.stdout,
            stdout=subprocess.PIPE,
            stderr=psql_log,
            text=True,
            env=env,
        )
        assert restorer.stdout is not None
        restorer.stdout.close()  # psql owns the pipe now; pg_restore sees a broken pipe if psql stops early
        _follow(loader.stdout, "COPY ", "Loading tables", len(manifest.row_counts), progress, None)
        _check(loader, "psql", psql_log)
        _check(restorer, "pg_restore", restore_log)
    return extra


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _qualified(schema: str, table: str) -> str:
    return f"{_quote(schema)}.{_quote(table)}"


def _literal(text: str) -> str:
    return text.replace("'", "''").replace("$", "")


# --- restore --------------------------------------------------------------------------------------------------


def read_backup(*, source: Path, vendor: str, progress: OnProgress = _quiet) -> Manifest:
    """The manifest of the backup in ``source``, once everything a restore relies on is checked: a folder
    with a readable manifest, of ``vendor``, of a schema this code knows, every file matching its checksum."""
    if not source.exists():
        raise BackupError(f"There is no backup at {source}.")
    if not source.is_dir():
        raise BackupError(f"{source} is a file: a backup is the folder `proficio backup` writes.")
    if not (source / MANIFEST).is_file():
        raise BackupError(f"{source} has no {MANIFEST}: it is not a proficio backup, or an unfinished one.")
    manifest = Manifest.from_json((source / MANIFEST).read_text(errors="replace"))
    if manifest.vendor != vendor:
        raise BackupError(
            f"This backup is of a {VENDOR_NAMES.get(manifest.vendor, manifest.vendor)} database, but proficio "
            f"is configured for {VENDOR_NAMES[vendor]}: restore it into a {manifest.vendor} database "
            "(DATABASE_URL chooses which)."
        )
    unknown = sorted(set(manifest.migrations) - _known_migrations())
    if unknown:
        raise BackupError(
            f"This backup comes from a newer proficio: its schema has {len(unknown)} migration(s) this version "
            f"does not know ({', '.join(unknown[:3])}{', …' if len(unknown) > 3 else ''}). Upgrade proficio, "
            "then restore."
        )
    if DATABASE_FILES[vendor] not in manifest.files:
        raise BackupError(f"manifest.json lists no {DATABASE_FILES[vendor]}: the backup is damaged.")
    _verify_files(source, manifest, progress)
    return manifest


def _known_migrations() -> set[str]:
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def _verify_files(source: Path, manifest: Manifest, progress: OnProgress) -> None:
    for done, (name, digest) in enumerate(sorted(manifest.files.items()), start=1):
        path = source / name
        if not path.is_file():
            raise BackupError(f"The backup lacks {name}, which its manifest lists: it is incomplete.")
        if _sha256(path) != digest:
            raise BackupError(f"{name} does not match its checksum in {MANIFEST}: the backup is damaged.")
        progress("Checking the backup", done, len(manifest.files))


def restore(
    *, database: Mapping[str, Any], source: Path, media_root: Path | None, progress: OnProgress = _quiet
) -> RestoreReport:
    """Replace ``database`` (a Django DATABASES entry) and, when the backup holds them and a media root is
    given, the uploaded files, with the backup in ``source``."""
    vendor = database_vendor(database)
    manifest = read_backup(source=source, vendor=vendor, progress=progress)
    staged = _stage_media(source, media_root, manifest, progress) if manifest.media and media_root else None
    try:
        if vendor == "sqlite":
            _sqlite_restore(Path(database["NAME"]), source / DATABASE_FILES[vendor], manifest, progress)
            dropped: list[str] = []
        else:
            dropped = _postgres_restore(database, source / DATABASE_FILES[vendor], manifest, progress)
    except BaseException:
        if staged is not None:
            shutil.rmtree(staged, ignore_errors=True)
        raise
    media_files = _swap_media(staged, media_root) if staged is not None and media_root is not None else None
    return RestoreReport(
        manifest=manifest,
        pending_migrations=sorted(_known_migrations() - set(manifest.migrations)),
        dropped_tables=dropped,
        media_files=media_files,
    )


def _sqlite_restore(target: Path, backup_file: Path, manifest: Manifest, progress: OnProgress) -> None:
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.parent / f".{target.name}.restore-{secrets.token_hex(4)}"
    try:
        _sqlite_stage(backup_file, staged, manifest, progress)
        _sqlite_swap(staged, target)
    finally:
        staged.unlink(missing_ok=True)
        Path(f"{staged}-journal").unlink(missing_ok=True)


def _sqlite_stage(backup_file: Path, staged: Path, manifest: Manifest, progress: OnProgress) -> None:
    """Copy the backup beside the database and check it: a sound file holding the rows the manifest counted."""
    src = sqlite3.connect(f"{backup_file.absolute().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(staged, isolation_level=None)
    try:
        src.backup(dst, pages=_SQLITE_STEP_PAGES, progress=_pages(progress, "Copying the database"))
        dst.execute("PRAGMA journal_mode=DELETE")
        if dst.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError(f"{backup_file.name} fails SQLite's integrity check: the backup is damaged.")
        _, counts = _sqlite_state(dst)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{backup_file.name} is not a sound SQLite database ({error}).") from error
    finally:
        src.close()
        dst.close()
    if counts != manifest.row_counts:
        differ = sorted(set(counts.items()) ^ set(manifest.row_counts.items()))
        raise BackupError(f"The copy's row counts differ from the manifest's ({differ[:3]}): the backup is damaged.")


def _sqlite_swap(staged: Path, target: Path) -> None:
    """Rename the checked copy over the database while holding the old file exclusively."""
    if target.exists():
        old = sqlite3.connect(target, isolation_level=None, timeout=0)
        try:
            try:
                # Leaving WAL mode checkpoints and deletes -wal/-shm, and fails while another connection is open.
                mode = old.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
                old.execute("BEGIN EXCLUSIVE")
            except sqlite3.OperationalError as error:
                mode = str(error)
            if mode != "delete":
                raise BackupError(
                    f"{target} is in use ({mode}): stop proficio's web server and workers, then restore again."
                )
            leftovers = [f"{target}{s}" for s in ("-wal", "-shm", "-journal") if Path(f"{target}{s}").exists()]
            if leftovers:
                raise BackupError(f"{', '.join(leftovers)} still exist: stop every process using {target} first.")
            os.replace(staged, target)
            _fsync_dir(target.parent)
        finally:
            old.close()
    else:
        os.replace(staged, target)
        _fsync_dir(target.parent)
    new = sqlite3.connect(target, isolation_level=None)
    try:
        new.execute("PRAGMA journal_mode=WAL")  # the mode proficio's settings open it in
    finally:
        new.close()


def _stage_media(source: Path, media_root: Path, manifest: Manifest, progress: OnProgress) -> Path:
    """Copy the backup's uploaded files beside MEDIA_ROOT, to be swapped in once the database is restored."""
    staged = media_root.absolute().parent / f".{media_root.name}.restore-{secrets.token_hex(4)}"
    names = sorted(name for name in manifest.files if name.startswith(f"{MEDIA_DIR}/"))
    staged.mkdir(parents=True)
    for done, name in enumerate(names, start=1):
        target = staged / name.removeprefix(f"{MEDIA_DIR}/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / name, target)
        progress("Copying uploaded files", done, len(names))
    return staged


def _swap_media(staged: Path, media_root: Path) -> int:
    media_root = media_root.absolute()
    previous = media_root.parent / f".{media_root.name}.before-restore-{secrets.token_hex(4)}"
    if media_root.exists():
        os.replace(media_root, previous)
    os.replace(staged, media_root)
    shutil.rmtree(previous, ignore_errors=True)
    return sum(1 for p in media_root.rglob("*") if p.is_file())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# --- the proficio command's output ----------------------------------------------------------------------------


@contextmanager
def _bar(console: Console) -> Iterator[OnProgress]:
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("Starting", total=None)

        def update(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        yield update


def _counts_table(title: str, counts: Mapping[str, int]) -> Table:
    table = Table(title=title)
    table.add_column("Table")
    table.add_column("Rows", justify="right")
    for name, count in sorted(counts.items()):
        table.add_row(name, f"{count:,}")
    table.add_row("[bold]all tables[/bold]", f"[bold]{sum(counts.values()):,}[/bold]")
    return table


def backup_command(*, path: Path, include_media: bool) -> int:
    """``proficio backup``: back up the configured database (and MEDIA_ROOT) and print what was saved."""
    from django.conf import settings

    console, errors = Console(highlight=False), Console(stderr=True, highlight=False, soft_wrap=True)  # one line each
    try:
        with _bar(console) as progress:
            manifest = backup(
                database=settings.DATABASES["default"],
                destination=path,
                media_root=Path(settings.MEDIA_ROOT) if include_media else None,
                progress=progress,
            )
    except BackupError as error:
        errors.print(f"[red]Error:[/red] {error}")
        return 1
    console.print(_counts_table(f"Backed up ({VENDOR_NAMES[manifest.vendor]})", manifest.row_counts))
    media = len(manifest.files) - 1
    console.print(
        f"Backup written to {path.absolute()}: {len(manifest.row_counts)} tables, "
        + (f"{media} uploaded file(s)." if manifest.media else "no uploaded files (--no-media).")
    )
    return 0


def restore_command(*, path: Path, confirm: Callable[[Manifest], bool] | None) -> int:
    """``proficio restore``: check the backup, ask (unless ``confirm`` is None), restore, print what was."""
    from django.conf import settings

    console, errors = Console(highlight=False), Console(stderr=True, highlight=False, soft_wrap=True)  # one line each
    database = settings.DATABASES["default"]
    try:
        manifest = read_backup(source=path, vendor=database_vendor(database))
        console.print(
            f"Backup of {manifest.created_at} (proficio {manifest.proficio_version}): "
            f"{len(manifest.row_counts)} tables, {sum(manifest.row_counts.values()):,} rows."
        )
        if confirm is not None and not confirm(manifest):
            errors.print("Nothing restored.")
            return 1
        with _bar(console) as progress:
            report = restore(database=database, source=path, media_root=Path(settings.MEDIA_ROOT), progress=progress)
    except BackupError as error:
        errors.print(f"[red]Error:[/red] {error}")
        return 1
    console.print(_counts_table(f"Restored ({VENDOR_NAMES[manifest.vendor]})", report.manifest.row_counts))
    if report.media_files is None:
        console.print("The backup holds no uploaded files: MEDIA_ROOT was left as it was.")
    else:
        console.print(f"Uploaded files restored: {report.media_files}.")
    if report.dropped_tables:
        console.print(f"Dropped tables newer than the backup: {', '.join(report.dropped_tables)}.")
    if report.pending_migrations:
        console.print(f"The backup predates {len(report.pending_migrations)} migration(s): run `proficio migrate` now.")
    return 0
