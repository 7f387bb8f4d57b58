"""What one import run carries from file to file: the manifest, the district, the sourcedIds seen so far,
the staged tables, the counts and the problems.

References are checked against ``Keys`` — the sourcedIds of each file read so far, plus, where the manifest
allows (a file sent as ``delta`` or left ``absent``), those already in the database from earlier imports.
A file sent as ``bulk`` is complete: its records not in it are to be deleted, so nothing may refer to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from proficio.interop.files import SourceFiles
from proficio.interop.oneroster.manifest import Manifest
from proficio.interop.oneroster.staging import Stage
from proficio.interop.problems import Problem, ProblemList, WarningList
from proficio.jobs.progress import ProgressCallback
from proficio.roster.models import District


@dataclass
class FileCounts:
    """What a run did (or, in a dry run, would do) with one file's records."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    kept: int = 0  # asked to delete, but kept because other records (assessments, sections) depend on it
    skipped: int = 0  # rows with nothing to become in proficio (e.g. a proctor enrollment, a department org)
    without_grade: int = 0  # students: those this run leaves with no grade (none in the file, none before)

    def as_dict(self) -> dict[str, int]:
        return {k: v for k, v in self.__dict__.items() if v or k in ("created", "updated", "unchanged", "deleted")}


@dataclass(frozen=True)
class Org:
    type: str
    parent: str  # parent sourcedId, "" when none


@dataclass
class Keys:
    orgs: dict[str, Org] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)  # sourcedId → session type
    courses: dict[str, str] = field(default_factory=dict)  # sourcedId → school sourcedId ("" when district-wide)
    classes: dict[str, str] = field(default_factory=dict)  # sourcedId → school sourcedId
    users: set[str] = field(default_factory=set)
    students: set[str] = field(default_factory=set)  # users holding a student role (file or database)

    def school_of(self, org_sid: str) -> str:
        """The school an org is or belongs to (a department's school); "" for a district or above."""
        seen = 0
        while org_sid and seen < 8:
            org = self.orgs.get(org_sid)
            if org is None or org.type == "district":
                return ""
            if org.type == "school":
                return org_sid
            org_sid = org.parent
            seen += 1
        return ""


@dataclass
class RunContext:
    source: SourceFiles
    manifest: Manifest
    problems: ProblemList
    progress: ProgressCallback
    district: District | None = None  # resolved from the argument or orgs.csv; may be unsaved until written
    district_sid: str = ""
    district_name: str = ""
    district_identifier: str = ""
    keys: Keys = field(default_factory=Keys)
    stages: dict[str, Stage] = field(default_factory=dict)
    counts: dict[str, FileCounts] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    warnings: WarningList = field(default_factory=WarningList)  # what was read leniently, each located
    state: dict[str, Any] = field(default_factory=dict)  # small per-file results handed from reading to writing
    unreadable: set[str] = field(default_factory=set)  # files whose header could not be used

    def counts_for(self, key: str) -> FileCounts:
        return self.counts.setdefault(key, FileCounts())

    def problem(
        self, file: str, message: str, line: int = 0, column: str = "", value: str = "", where: str = ""
    ) -> None:
        self.problems.add(Problem(file, message, line, column, value[:200], where))

    def warn(
        self,
        file: str,
        message: str,
        line: int = 0,
        column: str = "",
        value: str = "",
        where: str = "",
        *,
        repeated: object = None,
    ) -> None:
        """Record a leniency; warnings sharing a ``repeated`` key are folded into the first one."""
        self.warnings.add_repeated(repeated, Problem(file, message, line, column, value[:200], where))

    def bulk(self, key: str) -> bool:
        return self.manifest.bulk(key)

    def database_counts(self, key: str) -> bool:
        """Whether records already in the database may be referred to (the file is not a complete copy)."""
        return not self.manifest.bulk(key)
