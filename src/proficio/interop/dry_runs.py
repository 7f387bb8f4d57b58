"""Dry runs of imports, stored so that "Import it" works from any web process and survives a restart.

An upload is checked first (a dry run); the bytes checked, their hash, the options, the user, the district
and the check's report (its ImportRecord) are kept in a ``StoredDryRun`` under an unguessable token, the dry
run's job token. "Import it" claims the stored dry run by that token and imports exactly those bytes.

Invariants:

- Only the user who ran the check may commit it, and only while they may still import into its district
  (``interop.permissions``); to anyone else the token does not exist.
- Only a clean check (its report's status is "dry run") can be committed, and only within
  ``PROFICIO_DRY_RUN_HOURS`` (24 by default) of the upload.
- The bytes imported hash to the hash checked, or nothing is imported.
- A dry run is committed at most once: the claim is one conditional UPDATE, so of two commits racing in two
  processes exactly one starts the import. Any later commit is answered with the first one's result.
- The stored bytes are emptied once the import has finished, or the dry run expired: they are kept only while
  they may still be used (the import's task reads them, in whichever worker runs it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from proficio.accounts.models import User
from proficio.interop.models import ImportRecord, StoredDryRun
from proficio.interop.permissions import can_exchange_rosters, can_import_frameworks
from proficio.interop.records import latest_record, sha256_of_bytes
from proficio.jobs.services import new_token  # a dry run's token is its check's job token
from proficio.roster.models import District

_MAY_IMPORT: dict[str, Callable[[User, District], bool]] = {
    ImportRecord.Kind.CASE: can_import_frameworks,
    ImportRecord.Kind.ONEROSTER: can_exchange_rosters,
}


class Refused(Exception):
    """Why a stored dry run cannot be imported, in words for the person who pressed "Import it"."""

    status = 409


class NotCommittable(Refused):
    """No such dry run for this user, a check that found problems, or a district they may no longer import
    into: shown as "not found", as before."""

    status = 404


class Expired(Refused):
    status = 410


class Changed(Refused):
    status = 409


@dataclass(frozen=True, kw_only=True)
class Claim:
    """A claimed dry run: ``started`` when this claim is the one that starts its import, false when it was
    committed already (``dry_run`` then says where the first import's result is)."""

    dry_run: StoredDryRun
    started: bool


def lifetime() -> timedelta:
    return timedelta(hours=float(getattr(settings, "PROFICIO_DRY_RUN_HOURS", 24)))


def is_expired(dry_run: StoredDryRun, *, now: datetime | None = None) -> bool:
    return dry_run.created_at <= (now or timezone.now()) - lifetime()


def store(
    *,
    kind: str,
    user: User,
    district: District,
    source_name: str,
    data: bytes,
    options: dict[str, object] | None = None,
) -> StoredDryRun:
    """Keep an upload about to be checked. ``data`` may be empty for a CASE address, which the check fetches
    and keeps with ``keep_fetched``. Expired dry runs lose their bytes here, so storage does not grow."""
    forget_expired()
    return StoredDryRun.objects.create(
        token=new_token(),
        kind=kind,
        user=user,
        district=district,
        source_name=source_name[:500],
        options=options or {},
        data=data,
        sha256=sha256_of_bytes(data) if data else "",
    )


def keep_fetched(*, dry_run_id: int, data: bytes) -> None:
    """Keep the bytes a check fetched from an address, so "Import it" imports those and never fetches again."""
    StoredDryRun.objects.filter(pk=dry_run_id).update(data=data, sha256=sha256_of_bytes(data))


def finish_check(*, dry_run_id: int, record: ImportRecord | None) -> None:
    """The check has ended: keep its report (found again, when the importer refused rather than returned)."""
    dry_run = StoredDryRun.objects.defer("data").get(pk=dry_run_id)
    record = record or latest_record(dry_run.user_id, dry_run.kind, since=dry_run.created_at)
    StoredDryRun.objects.filter(pk=dry_run_id).update(report=record, checked_at=timezone.now())


def finish_commit(*, dry_run_id: int, record: ImportRecord | None) -> None:
    """The import has ended: keep its record, the result any later commit of the same dry run is sent to, and
    let the bytes go."""
    dry_run = StoredDryRun.objects.defer("data").get(pk=dry_run_id)
    if record is None and dry_run.committed_at is not None:
        record = latest_record(dry_run.user_id, dry_run.kind, since=dry_run.committed_at)
    ended = {"commit_record": record, "commit_finished_at": timezone.now(), "data": b"", "sha256": ""}
    StoredDryRun.objects.filter(pk=dry_run_id).update(**ended)


def find(*, token: str, user: User) -> StoredDryRun | None:
    """The user's dry run whose check or import has the job ``token`` (without its bytes)."""
    found = StoredDryRun.objects.defer("data").filter(Q(token=token) | Q(commit_token=token), user=user)
    return found.select_related("district", "report").first()


def committable(*, token: str, user: User) -> bool:
    """Whether "Import it" should be offered: a clean check of the user's, not yet committed, not expired."""
    dry_run = find(token=token, user=user)
    return (
        dry_run is not None
        and dry_run.token == token
        and dry_run.committed_at is None
        and dry_run.report is not None
        and dry_run.report.status == ImportRecord.Status.DRY_RUN
        and not is_expired(dry_run)
    )


def claim(*, token: str, user: User, now: datetime | None = None) -> Claim:
    """Claim the user's dry run ``token`` for its one real import, re-checking everything first."""
    now = now or timezone.now()
    dry_run = find(token=token, user=user)
    if dry_run is None or dry_run.token != token:
        raise NotCommittable("This import cannot be run again.")
    if dry_run.committed_at is not None:
        return Claim(dry_run=dry_run, started=False)
    if dry_run.report is None or dry_run.report.status != ImportRecord.Status.DRY_RUN:
        raise NotCommittable("This import cannot be run again.")
    if not _MAY_IMPORT[dry_run.kind](user, dry_run.district):
        raise NotCommittable("You may no longer import into this district.")
    if is_expired(dry_run, now=now):
        hours = round(lifetime().total_seconds() / 3600)
        raise Expired(
            f"This check of {dry_run.source_name} is more than {hours} hours old, so it can no longer be "
            "imported. Upload the file again to check it afresh."
        )
    if not dry_run.sha256:
        raise NotCommittable("This import cannot be run again.")
    check_unchanged(dry_run, _data(dry_run.pk))
    return _take(dry_run, now=now)


def check_unchanged(dry_run: StoredDryRun, data: bytes) -> None:
    """Refuse ``data`` unless it hashes to what the check read (``Changed``)."""
    if sha256_of_bytes(data) != dry_run.sha256:
        raise Changed(
            f"The stored copy of {dry_run.source_name} is not the file that was checked, so nothing was "
            "imported. Upload the file again to check it afresh."
        )


def _take(dry_run: StoredDryRun, *, now: datetime) -> Claim:
    """Mark the dry run committed, unless another request has just done so (then: the first one's result)."""
    commit_token = new_token()
    taken = StoredDryRun.objects.filter(pk=dry_run.pk, committed_at__isnull=True).update(
        committed_at=now, commit_token=commit_token
    )
    dry_run.refresh_from_db(fields=["committed_at", "commit_token", "commit_record", "commit_finished_at"])
    return Claim(dry_run=dry_run, started=bool(taken))


def _data(dry_run_id: int) -> bytes:
    return bytes(StoredDryRun.objects.filter(pk=dry_run_id).values_list("data", flat=True).get())


def forget_expired(*, now: datetime | None = None) -> int:
    """Empty the bytes of dry runs that can no longer be committed; their records stay, to say why."""
    cutoff = (now or timezone.now()) - lifetime()
    stale = StoredDryRun.objects.filter(created_at__lte=cutoff).exclude(sha256="")
    stale = stale.exclude(committed_at__isnull=False, commit_finished_at__isnull=True)  # its import is queued
    return stale.update(data=b"", sha256="")
