"""Imports and exports from the web: upload, check (a dry run), then import; watch progress; download exports.

Every import is first run as a dry run, whose report (counts, what would change, every problem with its
place) the user reads before pressing "Import it". Only district administrators exchange rosters and
gradebooks; district administrators and school leaders import frameworks (``interop.permissions``).

The dry run is stored (``interop.dry_runs``), not kept in this process: its page and "Import it" work from
any web process, after a restart too. No import state lives in this module.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_POST, require_safe

from proficio.accounts.models import User
from proficio.audit.services import record_export
from proficio.interop import dry_runs, jobs
from proficio.interop.forms import CaseImportForm, OneRosterImportForm
from proficio.interop.models import ImportRecord
from proficio.interop.permissions import (
    can_exchange_rosters,
    districts_for_framework_import,
    districts_for_roster_exchange,
    readable_import_records,
)
from proficio.interop.tasks import import_dir
from proficio.jobs.models import Job
from proficio.jobs.views import render_job
from proficio.roster.models import District
from proficio.standards.models import Framework


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _read(upload: UploadedFile) -> bytes:
    return b"".join(upload.chunks())


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
    url = "" if package else form.cleaned_data["url"]
    data = _read(package) if package else b""
    dry_run = dry_runs.store(
        kind=ImportRecord.Kind.CASE,
        user=user,
        district=form.cleaned_data["district"],
        source_name=package.name if package else url,
        data=data,
        options={"url": url, "mapping": form.cleaned_data["mapping"]},
    )
    return redirect("interop-job", jobs.start_check(dry_run, user).token)


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
    data = _read(archive)
    dry_run = dry_runs.store(
        kind=ImportRecord.Kind.ONEROSTER,
        user=user,
        district=form.cleaned_data["district"],
        source_name=archive.name or "roster.zip",
        data=data,
    )
    return redirect("interop-job", jobs.start_check(dry_run, user).token)


def _job_context(request: HttpRequest, job: Job) -> dict[str, Any]:
    record_id = job.result.get("record_id")
    record = ImportRecord.objects.filter(pk=record_id).select_related("framework").first() if record_id else None
    return {
        "record": record,
        "can_commit": record is not None
        and record.status == ImportRecord.Status.DRY_RUN
        and dry_runs.committable(token=job.token, user=_user(request)),
    }


@login_required
@require_safe
def job(request: HttpRequest, token: str) -> HttpResponse:
    return render_job(request, "interop/job.html", jobs.find(token, _user(request)), _job_context)


@login_required
@require_safe
def job_status(request: HttpRequest, token: str) -> HttpResponse:
    """The part of the job page that htmx polls until the import has finished."""
    return render_job(request, "interop/job_status.html", jobs.find(token, _user(request)), _job_context)


@login_required
@require_POST
def job_commit(request: HttpRequest, token: str) -> HttpResponse:
    """Import for real what the dry run checked, from the same stored bytes, once: a second "Import it" (a
    double click, another tab, another process) is sent to the first import's result."""
    user = _user(request)
    try:
        claim = dry_runs.claim(token=token, user=user)
    except dry_runs.NotCommittable as refused:
        raise Http404(str(refused)) from refused
    except dry_runs.Refused as refused:
        context = {"message": str(refused)}
        return render(request, "interop/dry_run_refused.html", context, status=refused.status)
    dry_run = claim.dry_run
    if not claim.started:
        if dry_run.commit_record_id is not None:
            return redirect("interop-record", dry_run.commit_record_id)
        return redirect("interop-job", dry_run.commit_token)
    return redirect("interop-job", jobs.start_import(dry_run, user).token)


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
    folder = Path(tempfile.mkdtemp(dir=import_dir()))
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
