"""sourcedIds and learning-objective identifiers the gradebook export writes, and why they are stable.

Roster objects (schools, sessions, courses, sections, users) keep the ``sourced_id`` they were imported with,
so an SIS that sent proficio its roster gets its own identifiers back. Objects created in proficio have none;
they get ``proficio-<kind>-<pk>``, which never changes for the life of the record and cannot clash with an
imported id unless an SIS itself uses the ``proficio-`` prefix. Such ids only resolve against a roster
exported from the same proficio database.

Gradebook objects (categories, lineItems, results, score scales and the mapping rows) exist only in proficio,
so their ids are always generated, from the primary keys of what they describe: the same data exported twice
gives the same ids, and a corrected score keeps its result's id (the result is per student × lineItem, not per
score), so the SIS updates the grade instead of adding a second one. Every id uses only the characters the
binding allows in a GUID (letters, digits, ``.-_/@``).
"""

from __future__ import annotations

import uuid

from proficio.interop.gradebook.spec import ObjectiveSource

PREFIX = "proficio"


def roster_id(kind: str, pk: int, sourced_id: str | None) -> str:
    """The imported sourcedId, else ``proficio-<kind>-<pk>`` (kind: district, school, session, course, section,
    user)."""
    return sourced_id or f"{PREFIX}-{kind}-{pk}"


CATEGORY_EVIDENCE = f"{PREFIX}-category-summative-evidence"
CATEGORY_STANDARD_LEVELS = f"{PREFIX}-category-standard-levels"
CATEGORY_INDICATOR_LEVELS = f"{PREFIX}-category-indicator-levels"


def evidence_line_item_id(assessment_id: int, indicator_id: int) -> str:
    return f"{PREFIX}-assessment-{assessment_id}-indicator-{indicator_id}"


def indicator_level_line_item_id(section_id: int, indicator_id: int) -> str:
    return f"{PREFIX}-section-{section_id}-indicator-{indicator_id}-level"


def standard_level_line_item_id(section_id: int, standard_id: int) -> str:
    return f"{PREFIX}-section-{section_id}-standard-{standard_id}-level"


def result_id(line_item_id: str, student_id: int) -> str:
    return f"{line_item_id}-student-{student_id}"


def score_scale_id(section_id: int, scale_id: int) -> str:
    return f"{PREFIX}-section-{section_id}-scale-{scale_id}"


def objective_row_id(owner_id: str) -> str:
    """The id of the learning-objective row of a lineItem or result (one row each)."""
    return f"{owner_id}-objective"


def scale_row_id(owner_id: str) -> str:
    """The id of the lineItemScoreScales row of a lineItem (one row each)."""
    return f"{owner_id}-scale"


def learning_objective(identifier: str) -> tuple[str, str]:
    """``(source, learningObjectiveId)`` for a CASE identifier (as the CASE export publishes it, see
    ``scope.case_identifiers``).

    The binding says a ``case`` learningObjectiveId MUST be a UUID URN. CASE identifiers are UUIDs, so they are
    written as ``urn:uuid:…``; an imported identifier that is not a UUID is passed through verbatim under
    ``unknown`` rather than sent as a malformed CASE reference.
    """
    bare = identifier.strip()
    if bare.lower().startswith("urn:uuid:"):
        bare = bare[len("urn:uuid:") :]
    try:
        return ObjectiveSource.CASE, uuid.UUID(bare).urn
    except ValueError:
        return ObjectiveSource.UNKNOWN, identifier
