"""The student data export as a JSON or PDF download; each download is recorded in the audit trail."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from proficio.accounts.models import User
from proficio.audit.services import record_export
from proficio.privacy.export import student_export
from proficio.privacy.pdf import student_export_pdf
from proficio.privacy.permissions import can_export_student
from proficio.roster.models import Student


def _download(
    request: HttpRequest,
    student_id: int,
    *,
    what: str,
    extension: str,
    content_type: str,
    render: Callable[[dict[str, Any]], str | bytes],
) -> HttpResponse:
    """One student's export document, rendered by ``render``, as an attachment that is never cached; 404 for
    anyone who may not have it. The download is audited once the file exists, so a failed render is not."""
    user = request.user
    assert isinstance(user, User)
    readable = Student.objects.for_user(user).select_related("user", "school__district")
    student = get_object_or_404(readable, pk=student_id)
    if not can_export_student(user, student):
        raise Http404("No such student.")
    body = render(student_export(student))
    record_export(what, actor=user, obj=student, student=student, request=request)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="student-{student.student_number}.{extension}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_safe
def export_student(request: HttpRequest, student_id: int) -> HttpResponse:
    return _download(
        request,
        student_id,
        what="student data",
        extension="json",
        content_type="application/json; charset=utf-8",
        render=lambda document: json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
    )


@login_required
@require_safe
def export_student_pdf(request: HttpRequest, student_id: int) -> HttpResponse:
    return _download(
        request,
        student_id,
        what="student data (PDF)",
        extension="pdf",
        content_type="application/pdf",
        render=student_export_pdf,
    )
