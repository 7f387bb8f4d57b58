"""Identifiers, URIs, type names and timestamps for the CASE objects proficio writes itself.

Objects that came from an imported package keep their own identifiers and URIs. Everything else gets a
deterministic UUID (version 5) derived from the CFDocument identifier — itself derived from the framework's
lineage when the framework was never imported — and the object's place (codes, level values), so exporting
the same framework twice gives the same identifiers, and an exported package re-imported elsewhere exports
to the same identifiers again.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone

from proficio.standards.models import Framework, Standard

DEFAULT_BASE_URI = "https://proficio.example/ims/case/v1p1"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://proficio.example/ims/case")

#: The CFItemType proficio writes for each level it did not import.
TYPE_TITLES = {
    "standard": "Graduation Standard",
    "work_habit": "Work Habit",
    "indicator": "Performance Indicator",
    "objective": "Learning Objective",
}
TYPE_DESCRIPTIONS = {
    "standard": "A graduation standard: what a student must show to graduate.",
    "work_habit": "A work habit (habit of work), scored and reported apart from academic proficiency.",
    "indicator": "A performance indicator: evidence toward a graduation standard, scored on the proficiency scale.",
    "objective": "A learning objective: a step toward a performance indicator.",
}
TYPE_HIERARCHY = {"standard": "1", "work_habit": "1", "indicator": "2", "objective": "3"}


def base_uri() -> str:
    return str(getattr(settings, "PROFICIO_CASE_BASE_URI", DEFAULT_BASE_URI)).rstrip("/")


def uri(collection: str, identifier: str) -> str:
    """``uri("CFItems", id)`` → ``{base}/CFItems/{id}``, the address the read API serves it at."""
    return f"{base_uri()}/{collection}/{identifier}"


def document_identifier(framework: Framework) -> str:
    if framework.identifier:
        return framework.identifier
    return str(uuid.uuid5(NAMESPACE, f"framework:{framework.lineage}"))


def derived(document_id: str, *parts: str) -> str:
    """A stable identifier for one object of a document, from what the object is (never from database ids)."""
    return str(uuid.uuid5(uuid.uuid5(NAMESPACE, document_id), "\x1f".join(parts)))


def type_key(level: str, kind: str = "") -> str:
    return "work_habit" if level == "standard" and kind == Standard.Kind.WORK_HABIT else level


def stamp(moment: datetime) -> str:
    """A CASE lastChangeDateTime: ISO 8601 in UTC, to the second."""
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def score(value: object) -> int | float:
    """A scale value as a JSON number: 3 rather than 3.00."""
    number = float(str(value))
    return int(number) if number.is_integer() else number
