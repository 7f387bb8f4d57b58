"""The import task a worker runs: the check of a stored dry run, or its one real import.

The task is idempotent, as a task delivered again after its worker died must be: a check simply runs again
(it writes nothing but its report); an import whose stored dry run says it finished is not run again, and an
import interrupted before it committed left nothing behind (it is one transaction) and runs again in full.
The bytes imported are the stored bytes, whose hash must still be the one checked.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils.text import get_valid_filename

from proficio.interop import dry_runs
from proficio.interop.models import ImportRecord, StoredDryRun
from proficio.interop.problems import ImportRefused
from proficio.interop.records import name_source
from proficio.jobs.models import Job
from proficio.jobs.progress import ProgressCallback
from proficio.jobs.queue import app
from proficio.jobs.runner import run_as_job

FAILURE = "The import stopped unexpectedly ({error}); nothing was imported."


@app.task(name="proficio.interop.run_import", acks_late=True)
def run_import(token: str) -> None:
    """Run the check or the import whose job is ``token``."""
    run_as_job(token, _import, failure=FAILURE)


def import_dir() -> Path:
    folder = Path(getattr(settings, "PROFICIO_IMPORT_DIR", Path(tempfile.gettempdir()) / "proficio-imports"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def as_file(data: bytes, name: str) -> Iterator[Path]:
    """``data`` as a file named ``name`` for an importer that reads files, removed once it has finished."""
    with tempfile.TemporaryDirectory(dir=import_dir()) as folder:
        path = Path(folder) / get_valid_filename(name or "upload")
        path.write_bytes(data)
        yield path


def _dry_run_of(token: str) -> StoredDryRun:
    found = StoredDryRun.objects.select_related("district", "user").filter(Q(token=token) | Q(commit_token=token))
    return found.get()


def _import(job: Job, report: ProgressCallback) -> None:
    dry_run = _dry_run_of(job.token)
    checking = dry_run.token == job.token
    if not checking and dry_run.commit_finished_at is not None:  # delivered again after it had finished
        job.result["record_id"] = dry_run.commit_record_id
        return
    outcome = None
    try:
        outcome = _run(dry_run, bytes(dry_run.data), checking=checking, report=report)
    except (ImportRefused, dry_runs.Changed) as refused:
        job.error = str(refused)
    finally:
        record = getattr(outcome, "record", None)
        finish = dry_runs.finish_check if checking else dry_runs.finish_commit
        finish(dry_run_id=dry_run.pk, record=record if isinstance(record, ImportRecord) else None)
        ended = StoredDryRun.objects.defer("data").get(pk=dry_run.pk)
        record_id = ended.report_id if checking else ended.commit_record_id
        if record_id is not None:
            name_source(record_id, dry_run.source_name)
        job.result["record_id"] = record_id


def _run(dry_run: StoredDryRun, data: bytes, *, checking: bool, report: ProgressCallback) -> object:
    if not checking:
        dry_runs.check_unchanged(dry_run, data)
    if dry_run.kind == ImportRecord.Kind.CASE:
        return _run_case(dry_run, data, checking=checking, report=report)
    return _run_oneroster(dry_run, data, checking=checking, report=report)


def _run_case(dry_run: StoredDryRun, data: bytes, *, checking: bool, report: ProgressCallback) -> object:
    from proficio.interop.case.importer import import_case, load_case_source

    package, name = data, dry_run.source_name
    if not package:  # an address: fetched by the check, whose bytes "Import it" imports
        package, name = load_case_source(str(dry_run.options["url"]))
        dry_runs.keep_fetched(dry_run_id=dry_run.pk, data=package)
    return import_case(
        package,
        source_name=name,
        district=dry_run.district,
        user=dry_run.user,
        mapping=dry_run.options.get("mapping") or None,
        dry_run=checking,
        progress=report,
    )


def _run_oneroster(dry_run: StoredDryRun, data: bytes, *, checking: bool, report: ProgressCallback) -> object:
    from proficio.interop.oneroster.importer import import_oneroster

    with as_file(data, dry_run.source_name) as archive:
        return import_oneroster(
            archive, district=dry_run.district, user=dry_run.user, dry_run=checking, progress=report
        )
