"""Import endpoints: POST a CASE package or a OneRoster zip, get the import record back (synchronously).

The record says what was counted or changed, or lists every problem with its place; a refused import
writes nothing. Permission is the importer's own (district admins for rosters; district admins and school
leaders for frameworks), and records are read only within the caller's districts.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.responses import Status

from proficio.accounts.models import User
from proficio.api.errors import ErrorOut, responses
from proficio.interop.models import ImportRecord
from proficio.interop.permissions import (
    districts_for_framework_import,
    districts_for_roster_exchange,
    readable_import_records,
)
from proficio.interop.problems import ImportRefused
from proficio.interop.records import latest_record, name_source
from proficio.roster.models import District

router = Router(tags=["imports"])


class ImportRecordOut(Schema):
    id: int
    kind: str
    status: str
    source_name: str
    sha256: str
    district_id: int | None
    framework_id: int | None
    started_at: datetime
    finished_at: datetime | None
    counts: dict[str, Any]
    changes: dict[str, Any]
    problems: list[dict[str, Any]]
    warnings: list[dict[str, Any]]


RefusedOut = ImportRecordOut | ErrorOut
"""A refused import answers with its record (every problem, located); invalid form fields with the error body."""


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _district(pk: int, allowed: list[District]) -> District:
    district = next((d for d in allowed if d.pk == pk), None)
    if district is None:
        raise HttpError(404, "No such district among those you may import into.")
    return district


def _record_out(record: ImportRecord, status: int) -> Status[ImportRecord]:
    record.refresh_from_db()
    return Status(status, record)


@router.post("/case", response=responses({201: ImportRecordOut, 200: ImportRecordOut, 422: RefusedOut}, write=True))
def import_case_endpoint(
    request: HttpRequest,
    package: File[UploadedFile],
    district: Form[int],
    dry_run: Form[bool] = False,
    mapping: Form[str] = "",
) -> Status[ImportRecord]:
    """Import (or with ``dry_run`` only check) a CASE 1.0/1.1 CFPackage JSON file. 201 when imported, 200 when
    checked, 422 with every problem when refused. ``mapping`` is a JSON object from item type (or ``depth:N``)
    to standard, indicator, objective or ignore, e.g. ``{"Strand": "ignore", "depth:3": "objective"}``."""
    from proficio.interop.case.importer import import_case

    user = _user(request)
    target = _district(district, districts_for_framework_import(user))
    try:
        outcome = import_case(
            package.read(),
            source_name=package.name or "package.json",
            district=target,
            user=user,
            mapping=_mapping(mapping),
            dry_run=dry_run,
        )
    except ImportRefused:
        return _refused(user, ImportRecord.Kind.CASE)
    except PermissionDenied as denied:
        raise HttpError(404, "No such district among those you may import into.") from denied
    return _record_out(outcome.record, 200 if dry_run else 201)


@router.post(
    "/oneroster", response=responses({201: ImportRecordOut, 200: ImportRecordOut, 422: RefusedOut}, write=True)
)
def import_oneroster_endpoint(
    request: HttpRequest,
    archive: File[UploadedFile],
    district: Form[int],
    dry_run: Form[bool] = False,
) -> Status[ImportRecord]:
    """Import (or with ``dry_run`` only check) a OneRoster 1.1 or 1.2 CSV zip. 201 when imported, 200 when checked,
    422 with every problem when refused."""
    from proficio.interop.oneroster.importer import import_oneroster

    user = _user(request)
    target = _district(district, districts_for_roster_exchange(user))
    folder = Path(tempfile.mkdtemp(prefix="oneroster-api-"))
    try:
        path = folder / "roster.zip"
        with path.open("wb") as out:
            for chunk in archive.chunks():
                out.write(chunk)
        try:
            outcome = import_oneroster(path, district=target, user=user, dry_run=dry_run)
        except ImportRefused:
            return _refused(user, ImportRecord.Kind.ONEROSTER, archive.name or "roster.zip")
        except PermissionDenied as denied:
            raise HttpError(404, "No such district among those you may import into.") from denied
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    name_source(outcome.record.pk, archive.name or "roster.zip")
    return _record_out(outcome.record, 200 if dry_run else 201)


def _mapping(text: str) -> dict[str, str]:
    """The ``mapping`` form field: a JSON object of texts, or 422 saying what is wrong with it."""
    if not text.strip():
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise HttpError(422, f"mapping is not JSON: {error.msg} at character {error.pos}") from None
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise HttpError(422, 'mapping must be a JSON object of texts, e.g. {"Strand": "ignore"}')
    return {key: target.strip().lower() for key, target in value.items()}


def _refused(user: User, kind: str, source_name: str = "") -> Status[ImportRecord]:
    record = latest_record(user.pk, kind)
    if record is None:  # pragma: no cover - importers always record a refusal
        raise HttpError(422, "The import was refused.")
    if source_name:
        name_source(record.pk, source_name)
    return _record_out(record, 422)


@router.get("/{record_id}", response=responses({200: ImportRecordOut}))
def import_record(request: HttpRequest, record_id: int) -> ImportRecord:
    """One import record, within the districts the caller may import into."""
    return get_object_or_404(readable_import_records(_user(request)), pk=record_id)
