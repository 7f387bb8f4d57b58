"""``manifest.csv``: which files the set holds and whether each is a full (bulk) or partial (delta) copy.

The manifest is read first and checked against the files actually present: a file listed as ``bulk`` or
``delta`` must be there, a file that is there must not be listed ``absent``, and a file OneRoster does not
define is an error (most often a misspelt name, which would otherwise be silently ignored).
"""

from __future__ import annotations

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


def read_manifest(source: SourceFiles, problems: ProblemList) -> Manifest:
    """The manifest, with every inconsistency between it and the files present recorded in ``problems``."""
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
    for required in ("manifest.version", "oneroster.version"):
        if required not in lines:
            problems.add(Problem(spec.MANIFEST, f"has no {required} line", where=f"property {required}"))
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
    return manifest


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
