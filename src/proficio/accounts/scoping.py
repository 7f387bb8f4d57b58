"""``Model.objects.for_user(user)``: the rows of a model that a user may read, and the matching ``rules`` perms.

Every model holding school or student data has a ``ScopedQuerySet`` manager. Its rule, one function from a user
to a ``Q``, is registered once beside the other rules of its app (``roster.permissions``,
``evidence.permissions``, ...), so the list a user sees and the single record they may open come from the same
filter and can never disagree. Deny by default: an anonymous or inactive user reads nothing, and a scoped model
whose rule was never registered raises rather than returning every row.

``read_perm`` adds a ``rules`` object permission (``"roster.read_student"`` …) built on the same rule, so a
template or a view holding one object asks ``user.has_perm(...)`` and gets the queryset's answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self, TypeVar

import rules
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from proficio.accounts.models import User

M = TypeVar("M", bound=models.Model)
ScopeRule = Callable[["User"], Q]

_rules: dict[str, ScopeRule] = {}


def scope_rule(model: type[models.Model]) -> Callable[[ScopeRule], ScopeRule]:
    """Register ``function(user) -> Q`` as the rows of ``model`` that ``user`` may read."""

    def register(function: ScopeRule) -> ScopeRule:
        label = model._meta.label_lower
        if label in _rules and _rules[label] is not function:
            raise ImproperlyConfigured(f"{label} already has a scope rule: {_rules[label].__qualname__}")
        _rules[label] = function
        return function

    return register


def registered_models() -> list[str]:
    return sorted(_rules)


def _may_read_anything(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


class ScopedQuerySet(models.QuerySet[M]):
    def for_user(self, user: User) -> Self:
        """Only the rows ``user`` may read; nothing at all for an anonymous or inactive user."""
        label = self.model._meta.label_lower
        rule = _rules.get(label)
        if rule is None:
            raise ImproperlyConfigured(f"{label} has no scope rule: register one with @scope_rule")
        if not _may_read_anything(user):
            return self.none()
        # A subquery of primary keys, not the rule's joins: a student reached through two guardians or two
        # sections appears once, and the caller can still order, annotate and slice freely.
        return self.filter(pk__in=self.model._base_manager.filter(rule(user)).values("pk"))


def may_read(user: User, obj: models.Model | None) -> bool:
    """Whether ``user`` may read this one object: the model's scope rule applied to its primary key."""
    if obj is None or not _may_read_anything(user):
        return False
    manager = type(obj)._default_manager
    return manager.all().for_user(user).filter(pk=obj.pk).exists()  # type: ignore[attr-defined]


def read_perm(model: type[models.Model]) -> str:
    """Add (once) and return the ``rules`` object permission ``"<app>.read_<model>"`` backed by the scope rule."""
    name = f"{model._meta.app_label}.read_{model._meta.model_name}"
    if not rules.perm_exists(name):
        rules.add_perm(name, rules.predicate(may_read, name=f"may_read_{model._meta.model_name}"))
    return name
