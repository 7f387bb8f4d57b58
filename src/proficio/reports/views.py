"""Report pages: a student's reports (issued versions, downloads, the current report card as a web page),
issuing one, a section teacher's term comments, and a leader's batch issue with its progress page.

Reading follows ``Student.objects.for_user`` (the student, active guardians, teachers, the advisor, leaders,
admins); issuing is for the school's leaders and the district's admins only. Every download and every issue is
an audit event (``record_export``); staff opening a student's reports leave a ``STUDENT_VIEWED`` event.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from proficio.accounts.models import User
from proficio.audit.services import record_export, record_student_view
from proficio.jobs.models import Job
from proficio.jobs.views import render_job
from proficio.progress.views import is_family
from proficio.reports import documents, jobs, services
from proficio.reports.forms import BatchForm, IssueForm
from proficio.reports.models import IssuedReport, ReportKind, TermComment
from proficio.reports.permissions import ISSUE_FOR_STUDENT, can_issue_for_school
from proficio.roster.enrolled import section_students
from proficio.roster.models import School, Section, Student


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _student(user: User, student_id: int) -> Student:
    return get_object_or_404(Student.objects.for_user(user).select_related("user", "school__district"), pk=student_id)


def _page(
    request: HttpRequest, user: User, student: Student, form: IssueForm | None = None, status: int = 200
) -> HttpResponse:
    terms = services.terms_for(student.school)
    kind = request.GET.get("kind", ReportKind.REPORT_CARD)
    if kind not in ReportKind.values:
        kind = ReportKind.REPORT_CARD
    chosen = {str(t.pk): t for t in terms}.get(request.GET.get("term", ""))
    term = chosen or services.current_term(terms)
    report = None
    if kind == ReportKind.TRANSCRIPT or term is not None:
        (report,) = documents.build(kind, [student], None if kind == ReportKind.TRANSCRIPT else term)
    issued = IssuedReport.objects.for_user(user).filter(student=student).listing()
    can_issue = user.has_perm(ISSUE_FOR_STUDENT, student)
    if can_issue and form is None:
        form = IssueForm(terms=terms, initial={"kind": kind, "term": term.pk if term else None})
    context: dict[str, Any] = {
        "student": student,
        "report": report,
        "kind": kind,
        "kinds": ReportKind.choices,
        "term": term,
        "terms": terms,
        "issued": issued,
        "can_issue": can_issue,
        "form": form if can_issue else None,
    }
    return render(request, "reports/student.html", context, status=status)


@login_required
@require_safe
def student_reports(request: HttpRequest, student_id: int) -> HttpResponse:
    user = _user(request)
    student = _student(user, student_id)
    if not is_family(user, student):
        record_student_view(request, student, "reports")
    return _page(request, user, student)


@login_required
@require_POST
def issue_report(request: HttpRequest, student_id: int) -> HttpResponse:
    user = _user(request)
    student = _student(user, student_id)
    if not user.has_perm(ISSUE_FOR_STUDENT, student):
        raise Http404("No such student.")
    form = IssueForm(request.POST, terms=services.terms_for(student.school))
    if not form.is_valid():
        return _page(request, user, student, form, status=400)
    issued = services.issue(form.cleaned_data["kind"], student, form.cleaned_data["term"], user=user, request=request)
    url = reverse("reports-student", args=[student.pk])
    return redirect(f"{url}?kind={issued.kind}{f'&term={issued.term_id}' if issued.term_id else ''}#issued")


@login_required
@require_safe
def download_report(request: HttpRequest, student_id: int, document_id: int) -> HttpResponse:
    user = _user(request)
    student = _student(user, student_id)
    report = get_object_or_404(
        IssuedReport.objects.for_user(user).filter(student=student).select_related("term"), pk=document_id
    )
    record_export(
        f"{report.get_kind_display().lower()} (PDF)",
        actor=user,
        obj=student,
        student=student,
        request=request,
        details={"report_id": report.pk, "version": report.version, "sha256": report.sha256},
    )
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def section_comments(request: HttpRequest, section_id: int) -> HttpResponse:
    """The section's teacher writes each student's comment for a term."""
    user = _user(request)
    section = get_object_or_404(Section.objects.taught_by(user).select_related("course", "session"), pk=section_id)
    terms = services.section_terms(section)
    chosen = {str(t.pk): t for t in terms}.get(request.POST.get("term") or request.GET.get("term", ""))
    term = chosen or services.current_term(terms)
    assert term is not None
    students = section_students(section)
    saved = None
    if request.method == "POST":
        texts = {}
        for student in students:
            key = f"comment-{student.pk}"
            if key in request.POST:
                texts[student.pk] = request.POST[key][:2000]
        saved = services.save_comments(section, term, user, texts, students)
        if texts:
            return redirect(f"{reverse('reports-section-comments', args=[section.pk])}?term={term.pk}&saved={saved}")
    comments = {c.student_id: c for c in TermComment.objects.for_user(user).filter(section=section, term=term)}
    rows = [(student, comments.get(student.pk)) for student in students]
    return render(
        request,
        "reports/comments.html",
        {
            "section": section,
            "terms": terms,
            "term": term,
            "rows": rows,
            "saved": request.GET.get("saved") if saved is None else saved,
        },
    )


def _school(user: User, school_id: int) -> School:
    school = get_object_or_404(School.objects.for_user(user).select_related("district"), pk=school_id)
    if not can_issue_for_school(user, school):
        raise Http404("No such school.")
    return school


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def school_batch(request: HttpRequest, school_id: int) -> HttpResponse:
    """A school leader issues a whole term's report cards (or progress reports) in the background."""
    user = _user(request)
    school = _school(user, school_id)
    terms = services.terms_for(school)
    if request.method == "POST":
        form = BatchForm(request.POST, terms=terms)
        if form.is_valid():
            job = jobs.start(user, school, form.cleaned_data["term"], form.cleaned_data["kind"])
            return redirect("reports-job", job.token)
        status = 400
    else:
        current = services.current_term(terms)
        form = BatchForm(terms=terms, initial={"term": current.pk if current else None})
        status = 200
    students = Student.objects.for_user(user).filter(school=school, is_active=True).count()
    return render(request, "reports/batch.html", {"school": school, "form": form, "students": students}, status=status)


def _job_context(request: HttpRequest, job: Job) -> dict[str, Any]:
    return {"school": _school(_user(request), job.result["school_id"])}


@login_required
@require_safe
def job(request: HttpRequest, token: str) -> HttpResponse:
    return render_job(request, "reports/job.html", jobs.find(token, _user(request)), _job_context)


@login_required
@require_safe
def job_status(request: HttpRequest, token: str) -> HttpResponse:
    """The part of the job page that htmx polls until the batch has finished."""
    return render_job(request, "reports/job_status.html", jobs.find(token, _user(request)), _job_context)
