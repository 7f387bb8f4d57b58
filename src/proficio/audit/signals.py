"""What the trail hears without being called: scores, policy and framework changes, imports, log-ins.

Receivers rather than calls in each writer, so a new code path that saves a score or a policy is audited
without anyone remembering to: ``evidence.services`` stays the only writer of scores and need not know about
the trail. Bulk writers that bypass signals (the demo generator, ``bulk_create`` in importers) are covered by
the import's own event. Raw saves (fixture loading) are not events.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import HttpRequest

from proficio.accounts.models import User
from proficio.audit.models import Action, AuditEvent
from proficio.audit.services import current_actor, record
from proficio.evidence.models import Score
from proficio.interop.models import ImportRecord
from proficio.standards.models import (
    CalculationPolicy,
    Framework,
    PerformanceIndicator,
    ProficiencyScale,
    ScaleLevel,
    Standard,
)

FRAMEWORK_PARTS = (Framework, Standard, PerformanceIndicator, ScaleLevel, ProficiencyScale)
POLICY_FIELDS = (
    "method",
    "parameters",
    "minimum_evidence",
    "rounding",
    "rollup",
    "rollup_parameters",
    "minimum_share_assessed",
)
USERNAME_MAX = 150


def _value(value: Any) -> Any:
    """JSON-ready, and a level as people write it (3, not 3.00)."""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return value if isinstance(value, int | str | dict | list | bool | type(None)) else str(value)


def _score_saved(sender: type[Score], instance: Score, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw or not created:
        return
    # The scorer is who the service was told gave the score; someone acting for them is the request's user.
    actor = current_actor() or instance.scorer
    details: dict[str, Any] = {
        "indicator": instance.indicator.code,
        "value": _value(instance.value),
        "scorer": str(instance.scorer),
        "assessment_id": instance.assessment_id,
        "outside_evidence_id": instance.outside_evidence_id,
    }
    if instance.supersedes_id is not None:
        previous = instance.supersedes
        details |= {"supersedes": instance.supersedes_id, "reason": instance.reason}
        details["old_value"] = _value(previous.value) if previous is not None else None
    action = Action.SCORE_CORRECTED if instance.supersedes_id else Action.SCORE_CREATED
    record(action, actor=actor, obj=instance, student=instance.student, details=details)


def _policy_before(
    sender: type[CalculationPolicy], instance: CalculationPolicy, raw: bool = False, **kwargs: Any
) -> None:
    """Remember the stored policy, so the event can say what changed from what."""
    if raw or instance.pk is None:
        return
    stored = CalculationPolicy.objects.filter(pk=instance.pk).values(*POLICY_FIELDS).first()
    instance._audit_before = stored  # type: ignore[attr-defined]


def _policy_saved(
    sender: type[CalculationPolicy], instance: CalculationPolicy, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if raw:
        return
    before = getattr(instance, "_audit_before", None) or {}
    changes = {}
    for field in POLICY_FIELDS:
        new = _value(getattr(instance, field))
        old = _value(before.get(field)) if before else None
        if created or old != new:
            changes[field] = [old, new]
    details = {"change": "created" if created else "updated", "version": instance.version, "changes": changes}
    record(Action.POLICY_CHANGED, actor=current_actor(), obj=instance, details=details)


def _policy_deleted(sender: type[CalculationPolicy], instance: CalculationPolicy, **kwargs: Any) -> None:
    record(Action.POLICY_CHANGED, actor=current_actor(), obj=instance, details={"change": "deleted"})


def _part_label(instance: Any) -> str:
    """A scale level's own name ("3 – Meets") says little without its scale's."""
    if isinstance(instance, ScaleLevel):
        name = ProficiencyScale.objects.filter(pk=instance.scale_id).values_list("name", flat=True).first()
        return f"{name}: {instance}" if name else str(instance)
    return str(instance)


def _part_saved(sender: type[Any], instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    change = "created" if created else "updated"
    details = {"change": change, "what": str(sender._meta.verbose_name)}
    actor = current_actor()
    record(Action.FRAMEWORK_CHANGED, actor=actor, obj=instance, details=details, object_label=_part_label(instance))


def _part_deleted(sender: type[Any], instance: Any, **kwargs: Any) -> None:
    details = {"change": "deleted", "what": str(sender._meta.verbose_name)}
    actor = current_actor()
    record(Action.FRAMEWORK_CHANGED, actor=actor, obj=instance, details=details, object_label=_part_label(instance))


def _import_saved(sender: type[ImportRecord], instance: ImportRecord, raw: bool = False, **kwargs: Any) -> None:
    """Once per run, when it has finished (committed, dry run or refused), whoever saves the record after."""
    if raw or instance.status == ImportRecord.Status.RUNNING:
        return
    already = AuditEvent.objects.filter(
        action=Action.IMPORT_RUN, object_type=ImportRecord._meta.label_lower, object_id=str(instance.pk)
    )
    if already.exists():
        return
    details = {
        "kind": instance.kind,
        "status": instance.status,
        "source": instance.source_name,
        "sha256": instance.sha256,
        "counts": instance.counts,
        "problems": len(instance.problems or []),
        "framework_id": instance.framework_id,
    }
    record(
        Action.IMPORT_RUN,
        actor=instance.user,
        obj=instance,
        district=instance.district,
        details=details,
        object_label=f"{instance.get_kind_display()} import of {instance.source_name}",
    )


def _logged_in(sender: type[Any], request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    record(Action.LOGIN, actor=user, obj=user, request=request, object_label=user.username)


def _login_failed(sender: str, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Record the name that was tried — never the password — and the account it names, if there is one."""
    attempted = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")[:USERNAME_MAX]
    account = User.objects.filter(username=attempted).first() if attempted else None
    record(
        Action.LOGIN_FAILED,
        actor=None,
        obj=account,
        request=request,
        label="not logged in",
        object_label=attempted,
        details={"username": attempted},
    )


def connect() -> None:
    post_save.connect(_score_saved, sender=Score, dispatch_uid="audit-score")
    pre_save.connect(_policy_before, sender=CalculationPolicy, dispatch_uid="audit-policy-before")
    post_save.connect(_policy_saved, sender=CalculationPolicy, dispatch_uid="audit-policy-save")
    post_delete.connect(_policy_deleted, sender=CalculationPolicy, dispatch_uid="audit-policy-delete")
    for model in FRAMEWORK_PARTS:
        post_save.connect(_part_saved, sender=model, dispatch_uid=f"audit-{model.__name__}-save")
        post_delete.connect(_part_deleted, sender=model, dispatch_uid=f"audit-{model.__name__}-delete")
    post_save.connect(_import_saved, sender=ImportRecord, dispatch_uid="audit-import")
    user_logged_in.connect(_logged_in, dispatch_uid="audit-login")
    user_login_failed.connect(_login_failed, dispatch_uid="audit-login-failed")
