"""The OneRoster 1.2 CSV binding as proficio reads it: file names, columns, value kinds and vocabularies.

Column names are the binding's own. A column is *required* when the binding requires a value in it; the
header must then contain it. Optional columns may be left out of the header, and columns may come in any
order.

proficio is a tolerant reader: what it can read without guessing it reads, with a warning that names the
file, line, column and value (the same normalisation on many rows is one warning saying how many more);
what would corrupt or guess data it refuses. Read with a warning:

* a vocabulary word in another case (``Scheduled``, ``Active``, ``Teacher``, ``Term``) — as spelt here;
* a defined column written in another case (``familyname``) — read as the binding's (``familyName``);
  columns nobody defines are ignored, listed in one warning per file (``ext_*``, ``ext.*`` and
  ``metadata.*`` vendor columns are ignored without one);
* a manifest without ``oneroster.version`` — the version is inferred from the files (manifest.py);
* a file listed ``bulk`` that holds only its header — read as absent, so nothing is deleted (manifest.py);
* an academic session without ``schoolYear`` (1.1 exports often leave it out) — the year its endDate
  falls in, OneRoster's convention (the school year 2024–25 is 2025);
* a student with no grade proficio can hold — imported without one (cross_checks.py);
* a school whose parent org is nowhere, when the import names its district — attached to that district.

Still refused: dates not written YYYY-MM-DD (``1/05/2023`` could be 1 May or 5 January), references to
records that exist neither in the set nor in the database, duplicate sourcedIds, a required value left
blank, and a file cut short.

OneRoster 1.1 sets are read too: ``users.csv`` may carry the 1.1 ``role`` and ``orgSourcedIds`` columns
instead of a ``roles.csv``, the 1.1 role and status words are allowed (``inactive`` reads as
``tobedeleted``), and 1.1 enrollments, demographics, orgs, courses and classes have the same columns as 1.2.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    TEXT = "text"
    SID = "sourcedId"  # a reference to one record
    SIDS = "sourcedId list"  # comma-separated references
    LIST = "list"  # comma-separated values
    ENUM = "enumeration"
    DATE = "date"  # YYYY-MM-DD
    DATETIME = "datetime"  # ISO 8601
    BOOL = "boolean"  # true / false
    YEAR = "year"  # YYYY
    STATUS = "status"


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    max_length: int = 0  # 0: no limit of proficio's own
    allow_extension: bool = False  # "ext:…" values allowed, as the binding permits for most vocabularies


@dataclass(frozen=True)
class FileSpec:
    name: str  # e.g. "users.csv"
    key: str  # manifest key, e.g. "users" for file.users
    columns: tuple[Column, ...]

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


STATUSES = ("active", "tobedeleted", "inactive")  # "inactive" is OneRoster 1.1; treated like tobedeleted
ORG_TYPES = ("department", "district", "local", "national", "school", "state")
SESSION_TYPES = ("gradingPeriod", "semester", "schoolYear", "term")
CLASS_TYPES = ("homeroom", "scheduled")
ROLE_TYPES = ("primary", "secondary")
# roles.csv (1.2) and users.csv role (1.1), together: every word either version defines.
USER_ROLES = (
    "administrator",
    "aide",
    "counselor",
    "districtAdministrator",
    "guardian",
    "parent",
    "principal",
    "proctor",
    "relative",
    "siteAdministrator",
    "student",
    "systemAdministrator",
    "teacher",
)
ENROLLMENT_ROLES = ("administrator", "aide", "proctor", "student", "teacher")
SEXES = ("female", "male", "other", "unspecified")
GRADES = ("IT", "PR", "PK", "TK", "KG", *(f"{g:02d}" for g in range(1, 14)), "PS", "UG", "Other")

SID_MAX = 255


def _sid(name: str = "sourcedId", required: bool = True) -> Column:
    return Column(name, Kind.SID, required=required, max_length=SID_MAX)


_COMMON = (_sid(), Column("status", Kind.STATUS, choices=STATUSES), Column("dateLastModified", Kind.DATETIME))

ORGS = FileSpec(
    "orgs.csv",
    "orgs",
    (
        *_COMMON,
        Column("name", required=True, max_length=200),
        Column("type", Kind.ENUM, required=True, choices=ORG_TYPES, allow_extension=True),
        Column("identifier", max_length=64),
        _sid("parentSourcedId", required=False),
    ),
)

ACADEMIC_SESSIONS = FileSpec(
    "academicSessions.csv",
    "academicSessions",
    (
        *_COMMON,
        Column("title", required=True, max_length=120),
        Column("type", Kind.ENUM, required=True, choices=SESSION_TYPES, allow_extension=True),
        Column("startDate", Kind.DATE, required=True),
        Column("endDate", Kind.DATE, required=True),
        _sid("parentSourcedId", required=False),
        Column("schoolYear", Kind.YEAR),  # required by 1.2; when missing, derived from endDate (read_orgs.py)
    ),
)

COURSES = FileSpec(
    "courses.csv",
    "courses",
    (
        *_COMMON,
        _sid("schoolYearSourcedId", required=False),
        Column("title", required=True, max_length=200),
        Column("courseCode", max_length=32),
        Column("grades", Kind.LIST),
        _sid("orgSourcedId"),
        Column("subjects", Kind.LIST),
        Column("subjectCodes", Kind.LIST),
    ),
)

CLASSES = FileSpec(
    "classes.csv",
    "classes",
    (
        *_COMMON,
        Column("title", required=True, max_length=120),
        Column("grades", Kind.LIST),
        _sid("courseSourcedId"),
        Column("classCode"),
        Column("classType", Kind.ENUM, required=True, choices=CLASS_TYPES, allow_extension=True),
        Column("location"),
        _sid("schoolSourcedId"),
        Column("termSourcedIds", Kind.SIDS, required=True),
        Column("subjects", Kind.LIST),
        Column("subjectCodes", Kind.LIST),
        Column("periods", Kind.LIST),
    ),
)

USERS = FileSpec(
    "users.csv",
    "users",
    (
        *_COMMON,
        Column("enabledUser", Kind.BOOL, required=True),
        Column("username", required=True, max_length=150),
        Column("userIds", Kind.LIST),
        Column("givenName", required=True, max_length=150),
        Column("familyName", required=True, max_length=150),
        Column("middleName"),
        Column("identifier"),
        Column("email", max_length=254),
        Column("sms"),
        Column("phone"),
        Column("agentSourcedIds", Kind.SIDS),
        Column("grades", Kind.LIST),
        Column("password"),
        Column("userMasterIdentifier"),
        Column("resourceSourcedIds", Kind.SIDS),
        Column("preferredGivenName"),
        Column("preferredMiddleName"),
        Column("preferredFamilyName"),
        _sid("primaryOrgSourcedId", required=False),
        Column("pronouns"),
        # OneRoster 1.1: the role and organisations live in users.csv.
        Column("role", Kind.ENUM, choices=USER_ROLES, allow_extension=True),
        Column("orgSourcedIds", Kind.SIDS),
    ),
)

ROLES = FileSpec(
    "roles.csv",
    "roles",
    (
        *_COMMON,
        _sid("userSourcedId"),
        Column("roleType", Kind.ENUM, required=True, choices=ROLE_TYPES),
        Column("role", Kind.ENUM, required=True, choices=USER_ROLES, allow_extension=True),
        Column("beginDate", Kind.DATE),
        Column("endDate", Kind.DATE),
        _sid("orgSourcedId"),
        _sid("userProfileSourcedId", required=False),
    ),
)

DEMOGRAPHICS = FileSpec(
    "demographics.csv",
    "demographics",
    (
        *_COMMON,
        Column("birthDate", Kind.DATE),
        Column("sex", Kind.ENUM, choices=SEXES, allow_extension=True),
        Column("americanIndianOrAlaskaNative", Kind.BOOL),
        Column("asian", Kind.BOOL),
        Column("blackOrAfricanAmerican", Kind.BOOL),
        Column("nativeHawaiianOrOtherPacificIslander", Kind.BOOL),
        Column("white", Kind.BOOL),
        Column("demographicRaceTwoOrMoreRaces", Kind.BOOL),
        Column("hispanicOrLatinoEthnicity", Kind.BOOL),
        Column("countryOfBirthCode"),
        Column("stateOfBirthAbbreviation"),
        Column("cityOfBirth"),
        Column("publicSchoolResidenceStatus"),
    ),
)

ENROLLMENTS = FileSpec(
    "enrollments.csv",
    "enrollments",
    (
        *_COMMON,
        _sid("classSourcedId"),
        _sid("schoolSourcedId"),
        _sid("userSourcedId"),
        Column("role", Kind.ENUM, required=True, choices=ENROLLMENT_ROLES, allow_extension=True),
        Column("primary", Kind.BOOL),
        Column("beginDate", Kind.DATE),
        Column("endDate", Kind.DATE),
    ),
)

# Read in this order: each file refers only to files before it.
ROSTER_FILES = (ORGS, ACADEMIC_SESSIONS, COURSES, CLASSES, USERS, ROLES, DEMOGRAPHICS, ENROLLMENTS)
BY_NAME = {spec.name: spec for spec in ROSTER_FILES}
BY_KEY = {spec.key: spec for spec in ROSTER_FILES}

MANIFEST = "manifest.csv"
# Files the binding defines that proficio does not read (gradebook and resources come in other ways).
IGNORED_FILES = (
    "categories",
    "classResources",
    "courseResources",
    "lineItemLearningObjectiveIds",
    "lineItems",
    "lineItemScoreScales",
    "resources",
    "resultLearningObjectiveIds",
    "results",
    "resultScoreScales",
    "scoreScales",
    "userProfiles",
    "userResources",
)
ALL_FILE_KEYS = (*BY_KEY, *IGNORED_FILES)
MODES = ("absent", "bulk", "delta")
