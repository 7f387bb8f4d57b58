"""Imports and exports from the web: upload, check (a dry run), then import; watch progress; download exports.

Every import is first run as a dry run, whose report (counts, what would change, every problem with its
place) the user reads before pressing "Import it". Only district administrators exchange rosters and
gradebooks; district administrators and school leaders import frameworks (``interop.permissions``).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_POST, require_safe

from proficio.accounts.models import User
from proficio.audit.services import record_export
from proficio.interop import jobs
from proficio.interop.forms import CaseImportForm, OneRosterImportForm
from proficio.interop.models import ImportRecord
from proficio.interop.permissions import (
    can_exchange_rosters,
    can_import_frameworks,
    districts_for_framework_import,
    districts_for_roster_exchange,
    readable_import_records,
)
from proficio.jobs.progress import ProgressCallback
from proficio.jobs.views import render_job
from proficio.roster.models import District
from proficio.standards.models import Framework

_pending: dict[str, dict[str, Any]] = {}
"""What each checked (dry-run) job needs to be run for real: kind, stored file, options."""


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _store(upload: UploadedFile, token_hint: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=f"{token_hint}-", dir=_import_dir()))
    path = folder / get_valid_filename(upload.name or "upload")
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


def _import_dir() -> Path:
    folder = Path(getattr(settings, "PROFICIO_IMPORT_DIR", Path(tempfile.gettempdir()) / "proficio-imports"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _run_case(user: User, options: dict[str, Any], *, dry_run: bool) -> jobs.Job:
    def call(report: ProgressCallback) -> object:
        from proficio.interop.case.importer import import_case, load_case_source

        data, name = load_case_source(options["source"])
        if not Path(options["source"]).is_file():
            # Fetched from an address: keep the bytes checked, so "Import it" imports exactly those.
            folder = Path(tempfile.mkdtemp(prefix="case-", dir=_import_dir()))
            stored = folder / "package.json"
            stored.write_bytes(data)
            options["source"] = str(stored)
        return import_case(
            data,
            source_name=options.get("name") or name,  # what the user sent, not where the server keeps it
            district=District.objects.get(pk=options["district"]),
            user=user,
            mapping=options["mapping"] or None,
            dry_run=dry_run,
            progress=report,
        )

    return jobs.start(ImportRecord.Kind.CASE, user.pk, call, options.get("name", ""))


def _run_oneroster(user: User, options: dict[str, Any], *, dry_run: bool) -> jobs.Job:
    def call(report: ProgressCallback) -> object:
        from proficio.interop.oneroster.importer import import_oneroster

        return import_oneroster(
            Path(options["source"]),
            district=District.objects.get(pk=options["district"]),
            user=user,
            dry_run=dry_run,
            progress=report,
        )

    return jobs.start(ImportRecord.Kind.ONEROSTER, user.pk, call, options.get("name", ""))


_RUNNERS = {ImportRecord.Kind.CASE: _run_case, ImportRecord.Kind.ONEROSTER: _run_oneroster}


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    framework_districts = districts_for_framework_import(user)
    roster_districts = districts_for_roster_exchange(user)
    if not framework_districts and not roster_districts:
        raise Http404("Nothing to import or export here.")
    return _index(request)


def _index(
    request: HttpRequest,
    *,
    case_form: CaseImportForm | None = None,
    roster_form: OneRosterImportForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The imports page; a refused upload passes its bound form back, the other form is offered blank."""
    from proficio.interop.case.identity import document_identifier

    user = _user(request)
    framework_districts = districts_for_framework_import(user)
    roster_districts = districts_for_roster_exchange(user)
    if case_form is None and framework_districts:
        case_form = CaseImportForm(districts=framework_districts)
    if roster_form is None and roster_districts:
        roster_form = OneRosterImportForm(districts=roster_districts)
    frameworks = [
        (framework, f"/ims/case/v1p1/CFPackages/{document_identifier(framework)}")
        for framework in Framework.objects.for_user(user).filter(district__in=framework_districts, is_current=True)
    ]
    return render(
        request,
        "interop/index.html",
        {
            "case_form": case_form,
            "roster_form": roster_form,
            "frameworks": frameworks,
            "roster_districts": roster_districts,
            "records": readable_import_records(user).select_related("user", "district", "framework")[:20],
        },
        status=status,
    )


@login_required
@require_POST
def upload_case(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    districts = districts_for_framework_import(user)
    if not districts:
        raise Http404("You may not import frameworks.")
    form = CaseImportForm(request.POST, request.FILES, districts=districts)
    if not form.is_valid():
        return _index(request, case_form=form, status=400)
    package = form.cleaned_data.get("package")
    options = {
        "source": str(_store(package, "case")) if package else form.cleaned_data["url"],
        "district": form.cleaned_data["district"].pk,
        "mapping": form.cleaned_data["mapping"],
        "name": package.name if package else form.cleaned_data["url"],
    }
    job = _run_case(user, options, dry_run=True)
    _pending[job.token] = {"kind": ImportRecord.Kind.CASE, "options": options}
    return redirect("interop-job", job.token)


@login_required
@require_POST
def upload_oneroster(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    districts = districts_for_roster_exchange(user)
    if not districts:
        raise Http404("You may not import rosters.")
    form = OneRosterImportForm(request.POST, request.FILES, districts=districts)
    if not form.is_valid():
        return _index(request, roster_form=form, status=400)
    archive = form.cleaned_data["archive"]
    options = {
        "source": str(_store(archive, "oneroster")),
        "district": form.cleaned_data["district"].pk,
        "name": archive.name,
    }
    job = _run_oneroster(user, options, dry_run=True)
    _pending[job.token] = {"kind": ImportRecord.Kind.ONEROSTER, "options": options}
    return redirect("interop-job", job.token)


def _job_context(request: HttpRequest, job: jobs.Job) -> dict[str, Any]:
    record = (
        ImportRecord.objects.filter(pk=job.record_id).select_related("framework").first() if job.record_id else None
    )
    return {
        "record": record,
        "can_commit": record is not None and record.status == ImportRecord.Status.DRY_RUN and job.token in _pending,
    }


@login_required
@require_safe
def job(request: HttpRequest, token: str) -> HttpResponse:
    return render_job(request, "interop/job.html", jobs.get(token, _user(request).pk), _job_context)


@login_required
@require_safe
def job_status(request: HttpRequest, token: str) -> HttpResponse:
    """The part of the job page that htmx polls until the import has finished."""
    return render_job(request, "interop/job_status.html", jobs.get(token, _user(request).pk), _job_context)


@login_required
@require_POST
def job_commit(request: HttpRequest, token: str) -> HttpResponse:
    """Import for real what the dry run checked, from the same stored file."""
    user = _user(request)
    checked = jobs.get(token, user.pk)
    if checked is None or not _job_context(request, checked)["can_commit"]:
        raise Http404("This import cannot be run again.")
    pending = _pending.pop(token)
    options = pending["options"]
    district = District.objects.get(pk=options["district"])
    may_import = can_exchange_rosters if pending["kind"] == ImportRecord.Kind.ONEROSTER else can_import_frameworks
    if not may_import(user, district):
        raise Http404("You may no longer import into this district.")
    real = _RUNNERS[pending["kind"]](user, options, dry_run=False)
    return redirect("interop-job", real.token)


@login_required
@require_safe
def record(request: HttpRequest, record_id: int) -> HttpResponse:
    found = get_object_or_404(readable_import_records(_user(request)), pk=record_id)
    return render(request, "interop/record.html", {"record": found})


@login_required
@require_safe
def export_gradebook(request: HttpRequest, district_id: int) -> FileResponse:
    """The district's OneRoster 1.2 gradebook (summative evidence and levels) as a zip download."""
    from proficio.interop.gradebook.writer import write_gradebook

    district = get_object_or_404(District, pk=district_id)
    if not can_exchange_rosters(_user(request), district):
        raise Http404("No such district.")
    folder = Path(tempfile.mkdtemp(dir=_import_dir()))
    target = folder / "oneroster-gradebook.zip"
    try:
        write_gradebook(target, district, as_zip=True)
        handle = target.open("rb")
    finally:
        # The open handle keeps the bytes readable on POSIX after the folder is removed.
        shutil.rmtree(folder, ignore_errors=True)
    # Audit trail (issue 7): the district's gradebook left proficio.
    record_export("OneRoster gradebook (zip)", actor=_user(request), obj=district, request=request)
    name = f"{get_valid_filename(district.name)}-oneroster-gradebook.zip"
    return FileResponse(handle, as_attachment=True, filename=name, content_type="application/zip")
