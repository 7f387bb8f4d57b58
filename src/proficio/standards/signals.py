"""Renew a framework's ``revision`` whenever anything the engine reads about it changes.

Processes cache a framework's shape (standards, indicators in order, scales, policy) and check the
revision — read in the same query that finds the framework — before using it, so a change made in any
process is seen by all of them. A revision is a fresh UUID, not a counter: a rolled-back transaction's
revision can never come back with different contents. Bulk writers that bypass signals (``bulk_create``)
call ``bump_revision`` themselves.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from proficio.standards.models import (
    CalculationPolicy,
    Framework,
    PerformanceIndicator,
    ProficiencyScale,
    ScaleLevel,
    Standard,
)


def bump_revision(frameworks: Q) -> None:
    Framework.objects.filter(frameworks).update(revision=uuid.uuid4())


def _frameworks_of(instance: Any) -> Q:
    if isinstance(instance, Framework):
        return Q(pk=instance.pk)
    if isinstance(instance, Standard | CalculationPolicy):
        return Q(pk=instance.framework_id)
    if isinstance(instance, PerformanceIndicator):
        return Q(standards__pk=instance.standard_id)
    if isinstance(instance, ScaleLevel):
        return Q(scale_id=instance.scale_id) | Q(work_habit_scale_id=instance.scale_id)
    if isinstance(instance, ProficiencyScale):
        return Q(scale_id=instance.pk) | Q(work_habit_scale_id=instance.pk)
    raise TypeError(type(instance))


def _changed(sender: type[Any], instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    bump_revision(_frameworks_of(instance))


for _model in (Standard, PerformanceIndicator, ScaleLevel, ProficiencyScale, CalculationPolicy):
    post_save.connect(_changed, sender=_model, dispatch_uid=f"framework-revision-save-{_model.__name__}")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"framework-revision-delete-{_model.__name__}")
