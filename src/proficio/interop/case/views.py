"""The CASE 1.1 read API (REST/JSON binding) for current framework versions.

Published standards are not student data, so these endpoints are public and read-only: any current
framework version is served, imported or not, under the identifiers the exporter gives it. Unknown
identifiers get the specification's imsx_StatusInfo body (failure / error / unknownobject) with a 404;
any method but GET or HEAD gets 405 (unsupported).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from proficio.interop.case import exporter, identity
from proficio.interop.models import CaseDocument, CaseItem
from proficio.standards.models import Framework, LearningObjective, PerformanceIndicator, Standard

MAX_LIMIT = 1000
View = Callable[..., HttpResponse]


def _json(data: Any, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def status_info(status: int, major: str, minor: str, description: str) -> JsonResponse:
    return _json(
        {
            "imsx_codeMajor": major,
            "imsx_severity": "error",
            "imsx_description": description,
            "imsx_codeMinor": {
                "imsx_codeMinorField": [{"imsx_codeMinorFieldName": "proficio", "imsx_codeMinorFieldValue": minor}]
            },
        },
        status=status,
    )


def _unknown(what: str, identifier: str) -> JsonResponse:
    return status_info(404, "failure", "unknownobject", f"No current {what} has the identifier {identifier}.")


def read_only(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = status_info(405, "unsupported", "forbidden", "The CASE read API only answers GET requests.")
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return wrapped


def _current() -> list[Framework]:
    return list(Framework.objects.filter(is_current=True).select_related("district").order_by("title", "pk"))


def framework_for_document(identifier: str) -> Framework | None:
    document = (
        CaseDocument.objects.filter(identifier=identifier, framework__is_current=True)
        .select_related("framework__district")
        .order_by("framework_id")
        .first()
    )
    if document is not None:
        return document.framework
    never_imported = Framework.objects.filter(is_current=True, case_document__isnull=True).select_related("district")
    return next((f for f in never_imported if identity.document_identifier(f) == identifier), None)


def framework_for_item(identifier: str) -> Framework | None:
    case_item = (
        CaseItem.objects.filter(identifier=identifier, document__framework__is_current=True)
        .select_related("document__framework__district")
        .order_by("document_id")
        .first()
    )
    if case_item is not None:
        return case_item.document.framework
    rows = (
        Standard.objects.filter(identifier=identifier, framework__is_current=True).values_list("framework_id"),
        PerformanceIndicator.objects.filter(identifier=identifier, standard__framework__is_current=True).values_list(
            "standard__framework_id"
        ),
        LearningObjective.objects.filter(
            identifier=identifier, indicator__standard__framework__is_current=True
        ).values_list("indicator__standard__framework_id"),
    )
    for query in rows:
        found = query.first()
        if found is not None:
            return Framework.objects.get(pk=found[0])
    never_imported = Framework.objects.filter(is_current=True, case_document__isnull=True)
    return next((f for f in never_imported if identifier in exporter.item_identifiers(f)), None)


def _int(request: HttpRequest, name: str, default: int) -> int | None:
    value = request.GET.get(name)
    if value is None:
        return default
    return int(value) if value.isdigit() else None


@read_only
def documents(request: HttpRequest) -> HttpResponse:
    """getAllCFDocuments: every current framework version, with ``limit`` and ``offset`` paging."""
    limit, offset = _int(request, "limit", 100), _int(request, "offset", 0)
    if limit is None or offset is None or limit < 1:
        return status_info(400, "failure", "invalid_selection_field", "limit and offset must be whole numbers.")
    frameworks = _current()
    page = frameworks[offset : offset + min(limit, MAX_LIMIT)]
    response = _json({"CFDocuments": [exporter.document_resource(framework) for framework in page]})
    response["X-Total-Count"] = str(len(frameworks))
    return response


@read_only
def document(request: HttpRequest, identifier: str) -> HttpResponse:
    framework = framework_for_document(identifier)
    if framework is None:
        return _unknown("CFDocument", identifier)
    return _json(exporter.document_resource(framework))


@read_only
def package(request: HttpRequest, identifier: str) -> HttpResponse:
    framework = framework_for_document(identifier)
    if framework is None:
        return _unknown("CFPackage", identifier)
    return _json(exporter.framework_package(framework))


@read_only
def item(request: HttpRequest, identifier: str) -> HttpResponse:
    framework = framework_for_item(identifier)
    found = exporter.item_resource(framework, identifier) if framework is not None else None
    if found is None:
        return _unknown("CFItem", identifier)
    return _json(found)
