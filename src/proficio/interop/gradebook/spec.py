"""The parts of the OneRoster 1.2 CSV binding the gradebook export writes: file names, column order, vocabularies.

Taken from the 1EdTech OneRoster 1.2 CSV binding (section 3, "CSV Format"). The binding requires the header
row in exactly this order and case, and these spellings of the enumerations; an SIS that validates strictly
rejects anything else, so the export reads every header from here and tests compare against it.
"""

from __future__ import annotations

from typing import Final

MANIFEST: Final = "manifest.csv"
MANIFEST_HEADER: Final = ("propertyName", "value")
MANIFEST_VERSION: Final = "1.0"
ONEROSTER_VERSION: Final = "1.2"
SYSTEM_NAME: Final = "proficio"

# Every data file a 1.2 manifest must list (Table 3.1), in the table's order; "absent" for those not written.
MANIFEST_FILES: Final = (
    "academicSessions",
    "categories",
    "classes",
    "classResources",
    "courses",
    "courseResources",
    "demographics",
    "enrollments",
    "lineItemLearningObjectiveIds",
    "lineItems",
    "lineItemScoreScales",
    "orgs",
    "resources",
    "resultLearningObjectiveIds",
    "results",
    "resultScoreScales",
    "roles",
    "scoreScales",
    "userProfiles",
    "userResources",
    "users",
)

# The three columns every data file starts with. In bulk mode ``status`` and ``dateLastModified`` MUST be blank.
_COMMON = ("sourcedId", "status", "dateLastModified")

HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "categories.csv": (*_COMMON, "title", "weight"),
    "lineItems.csv": (
        *_COMMON,
        "title",
        "description",
        "assignDate",
        "dueDate",
        "classSourcedId",
        "categorySourcedId",
        "academicSessionSourcedId",
        "resultValueMin",
        "resultValueMax",
        "schoolSourcedId",
    ),
    "results.csv": (
        *_COMMON,
        "lineItemSourcedId",
        "studentSourcedId",
        "scoreStatus",
        "score",
        "scoreDate",
        "comment",
        "textScore",
        "classSourcedId",
        "inProgress",
        "incomplete",
        "late",
        "missing",
    ),
    "scoreScales.csv": (
        *_COMMON,
        "title",
        "type",
        "orgSourcedId",
        "courseSourcedId",
        "classSourcedId",
        "scoreScaleValue",
    ),
    "lineItemLearningObjectiveIds.csv": (*_COMMON, "lineItemSourcedId", "source", "learningObjectiveId"),
    "lineItemScoreScales.csv": (*_COMMON, "title", "lineItemSourcedId", "scoreScaleSourcedId"),
    "resultLearningObjectiveIds.csv": (
        *_COMMON,
        "resultSourcedId",
        "source",
        "learningObjectiveId",
        "score",
        "textScore",
    ),
    "resultScoreScales.csv": (*_COMMON, "title", "resultSourcedId", "scoreScaleSourcedId"),
}


class ScoreStatus:
    """results.csv ``scoreStatus`` vocabulary."""

    EXEMPT: Final = "exempt"
    FULLY_GRADED: Final = "fully graded"
    NOT_SUBMITTED: Final = "not submitted"
    PARTIALLY_GRADED: Final = "partially graded"
    SUBMITTED: Final = "submitted"


class ObjectiveSource:
    """``source`` vocabulary of the learning-objective files: ``case`` promises a CASE identifier as a UUID URN."""

    CASE: Final = "case"
    UNKNOWN: Final = "unknown"


class FileMode:
    ABSENT: Final = "absent"
    BULK: Final = "bulk"
    DELTA: Final = "delta"


def manifest_key(file_name: str) -> str:
    """``lineItems.csv`` → ``file.lineItems``."""
    return "file." + file_name.removesuffix(".csv")
