"""A school's programs hub — its history of the work, for a new principal to pick it up — and its final report
(three short answers on a page, the whole report as a PDF).

Every page reaches its school through ``programs.access.school_for_programs``: whoever may not see the school's
programs pages gets 404, and so does a write by anyone but its school leaders and leadership team
(``final_report.may_write``). A failed form answers 400 and changes nothing. No page names a student.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from proficio.programs import final_report
from proficio.programs.access import network_of, request_user, school_for_programs
from proficio.programs.school_history import school_history

NO_STUDENT_NAMES = "Never write a student's name."
MAX_ANSWER = 5000


@login_required
@require_http_methods(["GET", "HEAD"])
def school_hub(request: HttpRequest, school_id: int) -> HttpResponse:
    school = school_for_programs(request, school_id)
    history = school_history(school=school, reader=request_user(request), today=timezone.localdate())
    return render(request, "programs/school_history.html", {"school": school, "history": history})


def _answer() -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=MAX_ANSWER,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=NO_STUDENT_NAMES,
    )


class AnswersForm(forms.Form):
    most_valuable = _answer()
    next_steps = _answer()
    continued_support = _answer()

    def __init__(self, *args: Any, questions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, question in questions:
            self.fields[name].label = question

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if not any(str(cleaned.get(name) or "").strip() for name in final_report.ANSWER_FIELDS):
            raise forms.ValidationError("Answer at least one of the three questions before saving.")
        return cleaned


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def school_final_report(request: HttpRequest, school_id: int) -> HttpResponse:
    user, school = request_user(request), school_for_programs(request, school_id)
    may_write = final_report.may_write(user, school)
    if request.method == "POST" and not may_write:
        raise Http404("Only the school's leaders and leadership team answer its final report.")
    initiative = final_report.school_initiative(school)
    answers = final_report.answers_for(school, initiative) if initiative else None
    initial = {name: getattr(answers, name) for name in final_report.ANSWER_FIELDS} if answers else None
    questions = final_report.questions(network_of(school))
    form = AnswersForm(request.POST if request.method == "POST" else None, initial=initial, questions=questions)
    if request.method == "POST" and form.is_valid():
        if initiative is None:
            form.add_error(None, "This school is in no cohort of an initiative, so it has no final report to answer.")
        else:
            final_report.save_answers(school=school, initiative=initiative, user=user, answers=form.cleaned_data)
            return redirect("programs-school-final-report", school_id=school.pk)
    context = {
        "school": school,
        "initiative": initiative,
        "answers": answers,
        "questions": [(q, getattr(answers, name) if answers else "") for name, q in questions],
        "end_point": final_report.end_point(school),
        "form": form,
        "may_write": may_write,
    }
    return render(request, "programs/final_report.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_safe
def school_final_report_pdf(request: HttpRequest, school_id: int) -> HttpResponse:
    school = school_for_programs(request, school_id)
    initiative = final_report.school_initiative(school)
    pdf = final_report.final_report_pdf(school=school, initiative=initiative, today=timezone.localdate())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="final-report-school-{school.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


urls = [
    path("programs/schools/<int:school_id>/", school_hub, name="programs-school"),
    path("programs/schools/<int:school_id>/final-report/", school_final_report, name="programs-school-final-report"),
    path(
        "programs/schools/<int:school_id>/final-report.pdf",
        school_final_report_pdf,
        name="programs-school-final-report-pdf",
    ),
]
