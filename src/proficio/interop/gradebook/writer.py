"""Writing the gradebook files to a folder or a zip, one streamed file at a time, then the manifest.

Why it is shaped this way:

- **Deterministic bytes.** Rows come in a fixed order, bulk files carry no timestamps, and zip members get a
  fixed date and permissions, so exporting unchanged data twice gives identical files (an SIS or a checksum
  can tell that nothing changed).
- **No empty files, an honest manifest.** The binding forbids files without data rows, so a file is only
  created once its first row exists; the manifest, written last, lists each file as ``bulk`` when written and
  ``absent`` otherwise.
- **One consistent picture.** Every query runs inside one transaction (REPEATABLE READ on PostgreSQL; on
  SQLite the transaction holds the write lock, so scoring waits for the export), so a score recorded during
  the export cannot produce a result whose lineItem was already written without it.
- **All or nothing on disk.** Files go to a temporary sibling that is renamed into place at the end; a failed
  export leaves nothing half-written at ``target`` and a previous export there as it was; a full or read-only
  disk is a ``GradebookExportError`` that names the target and the reason. The zip or folder is created
  readable by its owner only (``tempfile``'s default), since it holds student records.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.db import connection, transaction
from django.db.models import QuerySet

from proficio.interop.gradebook.files import CsvFile, Row, gradebook_files
from proficio.interop.gradebook.scope import load_scope
from proficio.interop.gradebook.spec import (
    MANIFEST,
    MANIFEST_FILES,
    MANIFEST_HEADER,
    MANIFEST_VERSION,
    ONEROSTER_VERSION,
    SYSTEM_NAME,
    FileMode,
    manifest_key,
)
from proficio.jobs.progress import ProgressCallback, no_progress
from proficio.roster.models import AcademicSession, District, Section

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: members never carry the export's time
PROGRESS_EVERY = 5000

Opener = Callable[[str], AbstractContextManager[IO[str]]]


class GradebookExportError(Exception):
    """The export cannot be written where it was asked to go."""


@dataclass
class ExportSummary:
    target: Path
    rows: dict[str, int] = field(default_factory=dict)
    """Data rows written per file name; files left out (no rows) are not listed."""


def export_gradebook(
    district: District, *, session: AcademicSession | None = None, sections: QuerySet[Section] | None = None
) -> dict[str, Iterator[Row]]:
    """Each gradebook file name → its rows, header first, produced lazily as they are iterated.

    For callers that stream the files somewhere themselves (a download view, a test). Files that would have
    no data rows still yield their header; ``write_gradebook`` leaves those out. The caller decides on the
    transaction: iterate inside one (as ``write_gradebook`` does) for files that agree with each other.
    """
    scope = load_scope(district, session=session, sections=sections)
    return {f.name: _with_header(f) for f in gradebook_files(scope)}


def _with_header(csv_file: CsvFile) -> Iterator[Row]:
    yield list(csv_file.header)
    yield from csv_file.rows()


def write_gradebook(
    target: Path,
    district: District,
    *,
    as_zip: bool,
    session: AcademicSession | None = None,
    sections: QuerySet[Section] | None = None,
    progress: ProgressCallback = no_progress,
) -> ExportSummary:
    """Write the OneRoster 1.2 gradebook of ``district`` (optionally one session, or some sections) to
    ``target``: a zip file (an existing one is replaced), or a folder that must not exist yet or be empty."""
    target = Path(target)
    _check_target(target, as_zip)
    with _consistent_reads():
        scope = load_scope(district, session=session, sections=sections)
        files = gradebook_files(scope)
        write = _write_zip if as_zip else _write_folder
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            rows = write(target, files, progress)
        except OSError as error:  # a full or read-only disk: the staging copy is gone, the target untouched
            why = error.strerror or str(error)
            raise GradebookExportError(f"Cannot write {target}: {why}. Nothing was written or replaced.") from error
    return ExportSummary(target=target, rows=rows)


def _check_target(target: Path, as_zip: bool) -> None:
    if as_zip and target.is_dir():
        raise GradebookExportError(f"{target} is a folder; give a file name ending in .zip.")
    if not as_zip and target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise GradebookExportError(f"{target} already exists and is not an empty folder.")


@contextmanager
def _consistent_reads() -> Iterator[None]:
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _write_folder(target: Path, files: list[CsvFile], progress: ProgressCallback) -> dict[str, int]:
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    try:

        @contextmanager
        def open_file(name: str) -> Iterator[IO[str]]:
            with (staging / name).open("w", encoding="utf-8", newline="") as handle:
                yield handle

        rows = _write_all(files, open_file, progress)
        if target.exists():
            target.rmdir()
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return rows


def _write_zip(target: Path, files: list[CsvFile], progress: ProgressCallback) -> dict[str, int]:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    staging = Path(name)
    try:
        with zipfile.ZipFile(staging, "w", compression=zipfile.ZIP_DEFLATED) as archive:

            @contextmanager
            def open_member(member: str) -> Iterator[IO[str]]:
                info = zipfile.ZipInfo(member, date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                with (
                    archive.open(info, "w", force_zip64=True) as raw,
                    io.TextIOWrapper(raw, encoding="utf-8", newline="") as text,
                ):
                    yield text

            rows = _write_all(files, open_member, progress)
        os.replace(staging, target)
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    return rows


def _write_all(files: list[CsvFile], open_file: Opener, progress: ProgressCallback) -> dict[str, int]:
    written: dict[str, int] = {}
    for csv_file in files:
        total = csv_file.count() if csv_file.count else 0
        progress(csv_file.name, 0, total)
        rows = csv_file.rows()
        first = next(rows, None)
        if first is None:
            progress(csv_file.name, 0, 0)
            continue
        count = 0
        with open_file(csv_file.name) as handle:
            out = csv.writer(handle, lineterminator="\r\n")
            out.writerow(csv_file.header)
            for row in _chain(first, rows):
                out.writerow(row)
                count += 1
                if count % PROGRESS_EVERY == 0:
                    progress(csv_file.name, count, max(total, count))
        written[csv_file.name] = count
        progress(csv_file.name, count, count)
    with open_file(MANIFEST) as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(manifest_rows(written))
    return written


def _chain(first: Row, rest: Iterator[Row]) -> Iterator[Row]:
    yield first
    yield from rest


def manifest_rows(written: dict[str, int]) -> list[Row]:
    present = {manifest_key(name) for name in written}
    rows: list[Row] = [list(MANIFEST_HEADER), ["manifest.version", MANIFEST_VERSION]]
    rows.append(["oneroster.version", ONEROSTER_VERSION])
    for name in MANIFEST_FILES:
        key = f"file.{name}"
        rows.append([key, FileMode.BULK if key in present else FileMode.ABSENT])
    rows.append(["source.systemName", SYSTEM_NAME])
    return rows
