"""Keeping the ImportRecord of a run, outside the import's own transaction.

An import runs in one transaction that is rolled back on any problem, but the record of the attempt (who,
when, which file, what went wrong) must survive the rollback: ``start_record`` is called before the
transaction opens and ``finish_record`` after it has committed or rolled back. Live progress of a running
import is kept in memory (``proficio.jobs.progress``), not in this record, because the import's own
transaction holds the database while it runs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from django.utils import timezone

from proficio.interop.models import ImportRecord
from proficio.interop.problems import Problem


def sha256_of(paths: Iterable[Path]) -> str:
    """Hash of the bytes of every file, in name order, so the same input always gives the same hash."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.name):
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def sha256_of_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def start_record(
    kind: str, *, source_name: str, sha256: str, user: object | None = None, district: object | None = None
) -> ImportRecord:
    return ImportRecord.objects.create(
        kind=kind, source_name=source_name[:500], sha256=sha256, user=user, district=district
    )


def finish_record(
    record: ImportRecord,
    *,
    status: str,
    counts: dict[str, object] | None = None,
    problems: list[Problem] | None = None,
    warnings: list[Problem] | None = None,
    changes: dict[str, object] | None = None,
    framework: object | None = None,
) -> ImportRecord:
    record.status = status
    record.finished_at = timezone.now()
    record.counts = counts or {}
    record.problems = [p.as_dict() for p in problems or []]
    record.warnings = [w.as_dict() for w in warnings or []]
    record.changes = changes or {}
    if framework is not None:
        record.framework = framework  # type: ignore[assignment]
    record.done = record.total or record.done
    record.save()
    return record


def latest_record(user_id: int, kind: str, *, since: datetime | None = None) -> ImportRecord | None:
    """The user's newest record of an import kind (started ``since`` a moment, if given). An importer that
    refuses raises rather than returning its record, so this is how the caller finds that record again."""
    records = ImportRecord.objects.filter(user_id=user_id, kind=kind)
    if since is not None:
        records = records.filter(started_at__gte=since)
    return records.order_by("-pk").first()


def name_source(record_id: int, source_name: str) -> None:
    """Put the name of the file the user sent on the record, not the path the server kept it under."""
    ImportRecord.objects.filter(pk=record_id).update(source_name=source_name[:500])
