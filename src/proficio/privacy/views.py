"""The student data export as a JSON download; each download is recorded in the audit trail."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from proficio.accounts.models import User
from proficio.audit.services import record_export
from proficio.privacy.export import student_export
from proficio.privacy.permissions import can_export_student
from proficio.roster.models import Student


@login_required
@require_safe
def export_student(request: HttpRequest, student_id: int) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    student = get_object_or_404(Student.objects.select_related("user", "school__district"), pk=student_id)
    if not can_export_student(user, student):
        raise Http404("No such student.")
    document = student_export(student)
    record_export("student data", actor=user, obj=student, student=student, request=request)
    response = HttpResponse(
        json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="student-{student.student_number}.json"'
    response["Cache-Control"] = "no-store"
    return response
