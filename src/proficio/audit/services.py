"""Writing the audit trail. Every event goes through ``record``; nothing else creates ``AuditEvent`` rows.

An event is written in the caller's transaction: a score whose request fails leaves neither the score nor its
event behind, while an import's record (kept outside the import's transaction) keeps its event too.
Signal receivers have no request of their own, so ``current_request`` borrows the one simple_history's
middleware keeps for the running thread.
"""

from __future__ import annotations

import getpass
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.http import HttpRequest
from simple_history.models import HistoricalRecords

from proficio.accounts.models import User
from proficio.audit import origin, scope
from proficio.audit.models import Action, AuditEvent
from proficio.roster.models import District, School, Student

SYSTEM = "system"
LABEL_MAX = 255


def current_request() -> HttpRequest | None:
    """The request this thread is serving, if any (set by ``HistoryRequestMiddleware``)."""
    return getattr(HistoricalRecords.context, "request", None)


def request_user(request: HttpRequest | None) -> User | None:
    user = getattr(request, "user", None)
    return user if isinstance(user, User) and user.is_authenticated else None


_acting = threading.local()


@contextmanager
def acting_as(user: User | None) -> Iterator[None]:
    """Attribute what this thread does to ``user`` while it has no request: an import started from the web runs
    in a thread of its own, and the framework changes it makes are still that person's, not "system"."""
    previous = getattr(_acting, "user", None)
    _acting.user = user
    try:
        yield
    finally:
        _acting.user = previous


def current_actor() -> User | None:
    """Who is acting in this thread: the request's user, else the one ``acting_as`` names, else nobody."""
    return request_user(current_request()) or getattr(_acting, "user", None)


def actor_label(user: User | None) -> str:
    if user is None:
        return SYSTEM
    name = user.get_full_name()
    return (f"{name} ({user.username})" if name else user.username)[:LABEL_MAX]


def command_line_label() -> str:
    """Who ran a management command: there is no user, but the operating-system account says something."""
    try:
        return f"command line ({getpass.getuser()})"[:LABEL_MAX]
    except (OSError, KeyError):  # no login name in a bare container
        return "command line"


def _where(obj: Any, student: Student | None, school: School | None, district: District | None) -> scope.Scope:
    """The first source that says anything decides: the arguments, then the student, then the object."""
    if school is not None:
        return scope.Scope(school.pk, school.district_id)
    if district is not None:
        return scope.Scope(None, district.pk)
    if student is not None:
        return scope.of_student(student)
    return scope.of_object(obj)


def record(
    action: Action | str,
    *,
    actor: User | None,
    obj: Any = None,
    student: Student | None = None,
    request: HttpRequest | None = None,
    details: dict[str, Any] | None = None,
    school: School | None = None,
    district: District | None = None,
    label: str | None = None,
    object_label: str | None = None,
) -> AuditEvent:
    """Write one event. School and district come from the arguments, else the student, else the object."""
    if request is None:
        request = current_request()
    where = _where(obj, student, school, district)
    return AuditEvent.objects.create(
        action=str(action),
        actor=actor,
        actor_label=(label or actor_label(actor))[:LABEL_MAX],
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_label=(object_label if object_label is not None else str(obj) if obj is not None else "")[:LABEL_MAX],
        student=student,
        school_id=where.school_id,
        district_id=where.district_id,
        ip_address=origin.client_ip(request),
        user_agent=origin.user_agent(request),
        details=details or {},
    )


def record_student_view(request: HttpRequest, student: Student, what: str) -> AuditEvent:
    """A member of staff opened one student's record (not a class list): who, which student, what part."""
    return record(
        Action.STUDENT_VIEWED,
        actor=request_user(request),
        obj=student,
        student=student,
        request=request,
        details={"what": what, "path": request.path},
    )


def record_student_reads(request: HttpRequest, students: Iterable[Student], what: str) -> int:
    """Someone read these students' records in bulk (a page of the API): one ``STUDENT_VIEWED`` event per
    student, written in one statement. A student reading their own record and a guardian reading a linked
    child's are not recorded: the trail is of other people looking. Returns the number of events written."""
    user = request_user(request)
    if user is None:
        return 0
    by_pk = {student.pk: student for student in students}
    own = {pk for pk, student in by_pk.items() if student.user_id == user.pk}
    children = set(
        Student.objects.filter(
            pk__in=by_pk, guardian_links__guardian__user=user, guardian_links__is_active=True
        ).values_list("pk", flat=True)
    )
    read = [student for pk, student in sorted(by_pk.items()) if pk not in own | children]
    if not read:
        return 0
    districts = dict(School.objects.filter(pk__in={s.school_id for s in read}).values_list("pk", "district_id"))
    shared = {
        "actor": user,
        "actor_label": actor_label(user),
        "ip_address": origin.client_ip(request),
        "user_agent": origin.user_agent(request),
        "details": {"what": what, "path": request.path},
    }
    AuditEvent.objects.bulk_create(
        AuditEvent(
            action=str(Action.STUDENT_VIEWED),
            object_type=Student._meta.label_lower,
            object_id=str(student.pk),
            object_label=str(student)[:LABEL_MAX],
            student=student,
            school_id=student.school_id,
            district_id=districts.get(student.school_id),
            **shared,
        )
        for student in read
    )
    return len(read)


def record_export(
    what: str,
    *,
    actor: User | None,
    obj: Any = None,
    student: Student | None = None,
    request: HttpRequest | None = None,
    details: dict[str, Any] | None = None,
    label: str | None = None,
) -> AuditEvent:
    """Data left proficio: which export, of what (a district, a framework, one student's record), by whom or
    which command. An export about one student names them, so it shows in that student's trail."""
    return record(
        Action.EXPORT_RUN,
        actor=actor,
        obj=obj,
        student=student,
        request=request,
        details={"what": what, **(details or {})},
        label=label,
    )
