"""``manifest.csv``: which files the set holds and whether each is a full (bulk) or partial (delta) copy.

The manifest is read first and checked against the files actually present: a file listed as ``bulk`` or
``delta`` must be there, a file that is there must not be listed ``absent``, and a file OneRoster does not
define is an error (most often a misspelt name, which would otherwise be silently ignored).

Read tolerantly where nothing is guessed, each with a warning:

* a manifest with no ``oneroster.version`` line: the version is inferred from the files — a ``roles.csv``
  makes the set 1.2; without one (or with a ``role`` column in users.csv) it is 1.1;
* a file listed as ``bulk`` that holds only its header is read as ``absent``: a bulk file is complete, so an
  empty one would say every record of its kind is gone and delete a district's records — far more likely
  an export that failed than a district that emptied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from proficio.interop.files import SourceFiles
from proficio.interop.oneroster import spec
from proficio.interop.oneroster.csvfile import CsvFile
from proficio.interop.problems import Problem, ProblemList

ONEROSTER_VERSIONS = ("1.2", "1.1")
SET = "the file set"  # where a problem is about the set of files, not a line in one


@dataclass
class Manifest:
    modes: dict[str, str] = field(default_factory=dict)  # file key → absent | bulk | delta
    oneroster_version: str = "1.2"
    system_name: str = ""
    system_code: str = ""

    def mode(self, key: str) -> str:
        return self.modes.get(key, "absent")

    def present(self, key: str) -> bool:
        return self.mode(key) in ("bulk", "delta")

    def bulk(self, key: str) -> bool:
        return self.mode(key) == "bulk"


Warn = Callable[..., None]  # RunContext.warn


def read_manifest(source: SourceFiles, problems: ProblemList, warn: Warn | None = None) -> Manifest:
    """The manifest, with every inconsistency between it and the files present recorded in ``problems``
    and what was read leniently passed to ``warn``."""
    manifest = Manifest()
    names = set(source.names())
    if spec.MANIFEST not in names:
        problems.add(Problem(spec.MANIFEST, "is missing; a OneRoster set starts with manifest.csv", where=SET))
        _check_unknown(names, problems)
        return manifest
    lines: dict[str, int] = {}
    with source.open(spec.MANIFEST) as stream:
        csv_file = CsvFile(spec.MANIFEST, stream, problems, required=("propertyName", "value"))
        if csv_file.header is None:
            return manifest
        name_at = csv_file.header.index["propertyName"]
        value_at = csv_file.header.index["value"]
        for line, row in csv_file.rows():
            prop, value = row[name_at].strip(), row[value_at].strip()
            if prop in lines:
                problems.add(
                    Problem(spec.MANIFEST, f"is listed twice (also line {lines[prop]})", line, "propertyName", prop)
                )
                continue
            lines[prop] = line
            _read_property(manifest, prop, value, line, problems)
    if "manifest.version" not in lines:
        problems.add(Problem(spec.MANIFEST, "has no manifest.version line", where="property manifest.version"))
    if "oneroster.version" not in lines:
        manifest.oneroster_version, why = _inferred_version(source, names)
        if warn is not None:
            warn(
                spec.MANIFEST,
                f"has no oneroster.version line; read as OneRoster {manifest.oneroster_version} because {why}",
                where="property oneroster.version",
            )
    for key in spec.BY_KEY:
        file_name = f"{key}.csv"
        mode = manifest.mode(key)
        line = lines.get(f"file.{key}", 0)
        if mode in ("bulk", "delta") and file_name not in names:
            problems.add(
                Problem(
                    spec.MANIFEST, f"lists {file_name} as {mode}, but the file is not in the set", line, "value", mode
                )
            )
        if file_name in names and mode == "absent":
            where = f"lists {file_name} as absent" if line else f"does not list {file_name}"
            problems.add(
                Problem(
                    spec.MANIFEST,
                    f"{where}, but the file is in the set (say bulk or delta)",
                    line,
                    "value" if line else "",
                    where="" if line else f"property file.{key}",
                )
            )
    _check_unknown(names, problems)
    if warn is not None and not problems:
        _header_only_is_absent(source, manifest, names, lines, warn)
    return manifest


def _inferred_version(source: SourceFiles, names: set[str]) -> tuple[str, str]:
    """(version, why) from the files: OneRoster 1.1 keeps roles in users.csv and has no roles.csv."""
    if spec.ROLES.name in names:
        return "1.2", f"the set holds {spec.ROLES.name}"
    if spec.USERS.name in names:
        scratch = ProblemList()
        with source.open(spec.USERS.name) as stream:
            header = CsvFile(spec.USERS.name, stream, scratch, required=()).header
        if header is not None and "role" in header.index:
            return "1.1", f"{spec.USERS.name} has a role column and there is no {spec.ROLES.name}"
    return "1.1", f"there is no {spec.ROLES.name}"


def _header_only_is_absent(
    source: SourceFiles, manifest: Manifest, names: set[str], lines: dict[str, int], warn: Warn
) -> None:
    """Files listed as bulk that hold nothing but their header are read as absent (see the module docstring).

    Only the header and the first record of each bulk file are read here; a file whose header is wrong, or
    that cannot be read, is left for the full read to report."""
    for key, file_spec in spec.BY_KEY.items():
        name = file_spec.name
        if not manifest.bulk(key) or name not in names:
            continue
        scratch = ProblemList()
        with source.open(name) as stream:
            known = tuple(c.name for c in file_spec.columns)
            csv_file = CsvFile(name, stream, scratch, required=file_spec.required_columns, known=known)
            if csv_file.header is None or next(csv_file.rows(), None) is not None or scratch:
                continue
        manifest.modes[key] = "absent"
        line = lines.get(f"file.{key}", 0)
        warn(
            name,
            f"holds only its header, and the manifest lists it as bulk{f' (line {line})' if line else ''}, which "
            f"would mean every record of this kind is gone; read as absent instead — nothing of {name} was "
            "deleted or changed",
            1,
        )


def _read_property(manifest: Manifest, prop: str, value: str, line: int, problems: ProblemList) -> None:
    if prop == "manifest.version":
        if value != "1.0":
            problems.add(Problem(spec.MANIFEST, "should be 1.0", line, "value", value))
    elif prop == "oneroster.version":
        if value not in ONEROSTER_VERSIONS:
            problems.add(
                Problem(spec.MANIFEST, "is not a OneRoster version proficio reads (1.2, 1.1)", line, "value", value)
            )
        manifest.oneroster_version = value
    elif prop == "source.systemName":
        manifest.system_name = value
    elif prop == "source.systemCode":
        manifest.system_code = value
    elif prop.startswith("file."):
        key = prop[len("file.") :]
        if key not in spec.ALL_FILE_KEYS:
            problems.add(Problem(spec.MANIFEST, "names a file OneRoster does not define", line, "propertyName", prop))
        elif value not in spec.MODES:
            problems.add(Problem(spec.MANIFEST, f"is not one of {', '.join(spec.MODES)}", line, "value", value))
        else:
            manifest.modes[key] = value
    elif not prop.startswith(("source.", "metadata.", "ext.")):
        problems.add(Problem(spec.MANIFEST, "is not a manifest property OneRoster defines", line, "propertyName", prop))


def _check_unknown(names: set[str], problems: ProblemList) -> None:
    known = {spec.MANIFEST, *(f"{key}.csv" for key in spec.ALL_FILE_KEYS)}
    for name in sorted(names - known):
        problems.add(
            Problem(
                name, "is not a file OneRoster defines (check the spelling, e.g. users.csv, enrollments.csv)", where=SET
            )
        )
