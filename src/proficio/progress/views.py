"""A student's progress page, the family page, and the language switcher. Thin: scope, service, render.

The student is fetched with ``Student.objects.for_user`` (a 404 for anyone else); everything else on the page
is read through that student. Staff reading the page leave a ``STUDENT_VIEWED`` audit event; the student and
their active guardians do not (the trail is of other people looking).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from proficio.accounts.models import User
from proficio.audit.services import record_student_view
from proficio.progress.charts import growth_charts
from proficio.progress.services import progress_for
from proficio.roster.models import Student


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def is_family(user: User, student: Student) -> bool:
    """The student themselves, or one of their active guardians."""
    if student.user_id == user.pk:
        return True
    return student.guardian_links.filter(guardian__user=user, is_active=True).exists()


@login_required
@require_safe
def student_progress(request: HttpRequest, student_id: int) -> HttpResponse:
    user = _user(request)
    student = get_object_or_404(
        Student.objects.for_user(user).select_related("user", "school__district"), pk=student_id
    )
    own = student.user_id == user.pk
    if not is_family(user, student):
        record_student_view(request, student, "progress")
    progress = progress_for(student, for_student=own)
    return render(
        request,
        "progress/progress.html",
        {"progress": progress, "student": student, "own": own, "charts": growth_charts(progress)},
    )


@login_required
@require_safe
def family(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not hasattr(user, "guardian_profile"):
        raise Http404("This page is for families.")
    children = (
        Student.objects.for_user(user)
        .filter(guardian_links__guardian__user=user, guardian_links__is_active=True)
        .select_related("user", "school")
        .order_by("user__first_name", "pk")
        .distinct()
    )
    return render(request, "progress/family.html", {"children": children})


@login_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Save the reader's language on their account (the middleware activates it on every request)."""
    user = _user(request)
    code = request.POST.get("language", "")
    choices = dict(User._meta.get_field("preferred_language").choices or [])
    if code not in choices:
        return HttpResponse("Choose a language.", status=400)
    if user.preferred_language != code:
        user.preferred_language = code
        user.save(update_fields=["preferred_language"])
    translation.activate(code)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = reverse("home")
    return HttpResponseRedirect(target)
