"""No unscoped query in a view: every request handler reads school and student data through
``Model.objects.for_user(user)`` (or the narrower ``taught_by``), or through a related manager of an object it
already fetched that way.

The handlers are found from the URL configuration and the API's routers, not from a list kept by hand, so a new
view module is checked the day it is wired in. The matrix (test_matrix.py) proves the outcome for every route;
this test proves the means, so a new query cannot quietly skip the rule on a route the matrix reaches only with
harmless objects.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Iterator
from types import ModuleType

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

from proficio.accounts.scoping import registered_models
from proficio.api.site import api

SCOPED_ENTRY_POINTS = {"for_user", "taught_by"}

# Handlers that publish to anyone on purpose, and hold no student data.
PUBLIC = {
    # The CASE read API (/ims/case/v1p1/) publishes current frameworks, as a CASE provider does.
    "proficio.interop.case.views",
}

# Queries on a scoped model that a handler may make without for_user, each with the reason it is safe.
REVIEWED = {
    # The job's record, read back for the user who started the job (the job is found with user=user first).
    ("proficio.interop.views", "ImportRecord.objects.filter(pk=record_id)"),
    # Re-reading a score this request has just created or corrected, to return it annotated.
    ("proficio.api.routers.scores", "Score.objects.all()"),
    # An existence check on the correction chain of a score already fetched through correctable_scores().
    # A correlated subquery (OuterRef) inside a queryset that is itself scoped.
    ("proficio.api.routers.scores", "Score.objects.filter(supersedes=OuterRef('pk'))"),
}


def _handler_modules() -> set[str]:
    found: set[str] = set()

    def walk(patterns: list[object]) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                module = getattr(pattern.callback, "__module__", "")
                if module.startswith("proficio."):
                    found.add(module)

    walk(get_resolver().url_patterns)
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                found.add(operation.view_func.__module__)
    return {m for m in found if m.startswith("proficio.") and m != "proficio.api.site"} - PUBLIC


def _scoped_classes(module: ModuleType) -> dict[str, type[models.Model]]:
    scoped = set(registered_models())
    return {
        name: value
        for name, value in vars(module).items()
        if inspect.isclass(value) and issubclass(value, models.Model) and value._meta.label_lower in scoped
    }


def _unscoped_queries(module: ModuleType) -> Iterator[str]:
    classes = _scoped_classes(module)
    tree = ast.parse(inspect.getsource(module))
    for node in ast.walk(tree):
        # Model.objects.<method>(...)
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        manager = node.func.value
        if not (isinstance(manager, ast.Attribute) and manager.attr == "objects"):
            continue
        if not (isinstance(manager.value, ast.Name) and manager.value.id in classes):
            continue
        if node.func.attr in SCOPED_ENTRY_POINTS:
            continue
        yield ast.unparse(node).replace('"', "'")


def test_the_handlers_are_found() -> None:
    modules = _handler_modules()
    for expected in ("proficio.proficiency.views", "proficio.evidence.views", "proficio.api.routers.students"):
        assert expected in modules
    assert PUBLIC.isdisjoint(modules)
    assert len(modules) >= 15


@pytest.mark.parametrize("module_name", sorted(_handler_modules()))
def test_no_handler_queries_school_or_student_data_without_the_users_scope(module_name: str) -> None:
    module = importlib.import_module(module_name)
    unscoped = [query for query in _unscoped_queries(module) if (module_name, query) not in REVIEWED]
    assert not unscoped, f"{module_name} queries without for_user(user): {unscoped}"


def test_every_reviewed_exception_still_exists() -> None:
    """An entry whose query is gone must leave the list, so the list never hides a new query."""
    present = {
        (name, query) for name in _handler_modules() for query in _unscoped_queries(importlib.import_module(name))
    }
    assert sorted(REVIEWED - present) == []


def test_every_model_holding_a_students_data_has_a_scope_rule() -> None:
    student = apps.get_model("roster", "Student")
    scoped = set(registered_models())
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("proficio.") or model._meta.model_name.startswith("historical"):
            continue
        about_student = any(
            getattr(f, "related_model", None) is student and (f.many_to_one or f.one_to_one)
            for f in model._meta.concrete_fields
        )
        if (about_student or model is student) and model._meta.label_lower not in scoped:
            missing.append(model._meta.label)
    assert missing == []


def test_a_model_without_a_rule_refuses_rather_than_returning_everything(django_user_model: type) -> None:
    from proficio.accounts.scoping import ScopedQuerySet
    from proficio.evidence.models import CommentSnippet

    unruled = ScopedQuerySet(model=CommentSnippet)
    with pytest.raises(ImproperlyConfigured):
        unruled.for_user(django_user_model(username="x", is_active=True))
