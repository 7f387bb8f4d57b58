"""Check a parsed CFPackage against the CASE information model, collecting every problem with its place.

Checks: the package's shape; required fields; value types; the associationType enumeration (with CASE
1.1's ``ext:`` extensions); ISO 8601 dates; duplicate identifiers; references that must resolve inside the
document (isChildOf, exemplar origins, rubric criteria); and cycles in the isChildOf hierarchy. Crosswalk
associations (exactMatchOf, isRelatedTo, …) may point outside the document and are not resolved.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from proficio.interop.case import spec
from proficio.interop.case.locate import Locator, join
from proficio.interop.case.package import JsonObject, Package, link_id
from proficio.interop.problems import Problem, ProblemList, WarningList


class Broken(dict[str, Any]):
    """Stands in for a list entry that is not a JSON object (already reported), so later checks skip it."""


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def shown(value: object, limit: int = 200) -> str:
    """A value as it appears in a problem: text as is, anything else as JSON, cut to ``limit`` characters."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_datetime(value: str) -> bool:
    try:
        datetime.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


def is_date(value: str) -> bool:
    try:
        date.fromisoformat(value.strip())
    except ValueError:
        return is_datetime(value)
    return True


class Checker:
    """Field-level checks that report into one ProblemList, each problem located by JSON path and line."""

    def __init__(
        self, source: str, locator: Locator, problems: ProblemList, warnings: WarningList | None = None
    ) -> None:
        self.source = source
        self.locator = locator
        self.problems = problems
        self.warnings = warnings if warnings is not None else WarningList()

    def warn(
        self, where: str, message: str, *, column: str = "", value: object = None, repeated: object = None
    ) -> None:
        """Record a leniency at ``where``; warnings sharing a ``repeated`` key are folded into the first."""
        self.warnings.add_repeated(repeated, self._located(where, message, column, value))

    def report(self, where: str, message: str, *, column: str = "", value: object = None) -> None:
        self.problems.add(self._located(where, message, column, value))

    def _located(self, where: str, message: str, column: str, value: object) -> Problem:
        return Problem(
            file=self.source,
            message=message,
            line=self.locator.line_of(where),
            column=column,
            value=shown(value),
            where=where,
        )

    def text(
        self,
        obj: JsonObject,
        path: str,
        name: str,
        *,
        required: bool = False,
        max_length: int = 0,
        allow_number: bool = False,
    ) -> str | None:
        where = join(path, name)
        if obj.get(name) is None:
            if required:
                self.report(where, f"required field {name} is missing", column=name)
            return None
        value = obj[name]
        if allow_number and isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            self.report(where, f"{name} must be text, not {_kind(value)}", column=name, value=value)
            return None
        if required and not value.strip():
            self.report(where, f"{name} must not be empty", column=name, value=value)
            return None
        if max_length and len(value) > max_length:
            self.report(where, f"{name} is {len(value):,} characters; proficio keeps at most {max_length}", column=name)
            return None
        return value

    def datetime(self, obj: JsonObject, path: str, name: str, *, required: bool = False) -> None:
        value = self.text(obj, path, name, required=required)
        if value and not is_datetime(value):
            self.report(
                join(path, name),
                f"{name} is not an ISO 8601 date-time (for example 2025-05-01T12:00:00+00:00)",
                column=name,
                value=value,
            )

    def date(self, obj: JsonObject, path: str, name: str) -> None:
        value = self.text(obj, path, name)
        if value and not is_date(value):
            self.report(
                join(path, name), f"{name} is not an ISO 8601 date (for example 2025-05-01)", column=name, value=value
            )

    def integer(self, obj: JsonObject, path: str, name: str) -> None:
        value = obj.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            self.report(
                join(path, name), f"{name} must be a whole number, not {_kind(value)}", column=name, value=value
            )

    def number(self, obj: JsonObject, path: str, name: str) -> None:
        value = obj.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            self.report(join(path, name), f"{name} must be a number, not {_kind(value)}", column=name, value=value)

    def texts(self, obj: JsonObject, path: str, name: str) -> None:
        """A field that may hold one text or a list of texts (subject, educationLevel, conceptKeywords)."""
        value = obj.get(name)
        if value is None or isinstance(value, str):
            return
        if not isinstance(value, list):
            self.report(
                join(path, name), f"{name} must be a list of texts, not {_kind(value)}", column=name, value=value
            )
            return
        for index, entry in enumerate(value):
            if not isinstance(entry, str):
                self.report(join(join(path, name), index), f"{name} entries must be text", column=name, value=entry)

    def link(self, obj: JsonObject, path: str, name: str, *, required: bool = False) -> str:
        """Check a LinkURI (title, identifier, uri); returns its identifier, or "" when unusable."""
        value = obj.get(name)
        if value is None:
            if required:
                self.report(join(path, name), f"required link {name} is missing", column=name)
            return ""
        return self._link_value(value, join(path, name), name)

    def _link_value(self, value: object, where: str, name: str) -> str:
        if not isinstance(value, dict):
            self.report(where, f"{name} must be an object with identifier and uri, not {_kind(value)}", column=name)
            return ""
        identifier = self.text(value, where, "identifier", required=True, max_length=spec.MAX_IDENTIFIER)
        self.text(value, where, "uri", required=True, max_length=spec.MAX_URI)
        self.text(value, where, "title")
        return identifier or ""

    def links(self, obj: JsonObject, path: str, name: str) -> None:
        """A field holding a list of links (subjectURI); a single link object is accepted too."""
        value = obj.get(name)
        if value is None:
            return
        if isinstance(value, dict):
            self._link_value(value, join(path, name), name)
            return
        if not isinstance(value, list):
            self.report(join(path, name), f"{name} must be a list of links, not {_kind(value)}", column=name)
            return
        for index, entry in enumerate(value):
            self._link_value(entry, join(join(path, name), index), name)

    def object_list(self, parent: JsonObject, path: str, name: str) -> list[JsonObject]:
        """The objects of an optional list field; wrong shapes are reported and skipped."""
        where = join(path, name)
        value = parent.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(where, f"{name} must be a list, not {_kind(value)}", column=name)
            return []
        objects: list[JsonObject] = []
        for index, entry in enumerate(value):
            if isinstance(entry, dict):
                objects.append(entry)
            else:
                self.report(join(where, index), f"each entry of {name} must be an object, not {_kind(entry)}")
                objects.append(Broken())
        return objects

    def unique(self, objects: Iterable[tuple[str, JsonObject]], what: str, seen: dict[str, str] | None = None) -> None:
        """Report every identifier used twice (``seen`` maps identifiers already used to where)."""
        seen = {} if seen is None else seen
        for where, obj in objects:
            identifier = obj.get("identifier")
            if not isinstance(identifier, str) or not identifier:
                continue
            if identifier in seen:
                self.report(
                    join(where, "identifier"),
                    f"{what} identifier is used twice (first at {seen[identifier]})",
                    column="identifier",
                    value=identifier,
                )
            else:
                seen[identifier] = where


def validate(top: Any, *, source: str, locator: Locator, problems: ProblemList) -> Package | None:
    """The package, with every problem found added to ``problems``; None when its shape is unusable."""
    check = Checker(source, locator, problems)
    if not isinstance(top, dict):
        check.report("", f"a CFPackage must be a JSON object, not {_kind(top)}")
        return None
    prefix = ""
    if "CFDocument" not in top and isinstance(top.get("CFPackage"), dict):
        top, prefix = top["CFPackage"], "CFPackage"  # some CASE 1.0 tools wrap the package in a CFPackage object
    document = top.get("CFDocument")
    if not isinstance(document, dict):
        message = (
            "CFDocument is missing" if document is None else f"CFDocument must be an object, not {_kind(document)}"
        )
        check.report(join(prefix, "CFDocument"), message + " — is this a CASE CFPackage?", column="CFDocument")
        return None
    definitions = top.get("CFDefinitions")
    if definitions is not None and not isinstance(definitions, dict):
        check.report(join(prefix, "CFDefinitions"), "CFDefinitions must be an object", column="CFDefinitions")
    package = Package(
        document=document,
        items=check.object_list(top, prefix, "CFItems"),
        associations=check.object_list(top, prefix, "CFAssociations"),
        rubrics=check.object_list(top, prefix, "CFRubrics"),
        definitions=definitions if isinstance(definitions, dict) else {},
        case_version="1.1",
        prefix=prefix,
    )
    _check_document(check, package)
    _check_items(check, package)
    _check_associations(check, package)
    _check_rubrics(check, package)
    _check_definitions(check, package)
    _check_references(check, package)
    _check_cycles(check, package)
    package.case_version = _case_version(package)
    return package


def _check_document(check: Checker, package: Package) -> None:
    path = package.path("CFDocument")
    doc = package.document
    for name in spec.DOCUMENT_REQUIRED:
        if name == "lastChangeDateTime":
            check.datetime(doc, path, name, required=True)
        else:
            limit = {"identifier": spec.MAX_IDENTIFIER, "uri": spec.MAX_URI}.get(name, 0)
            check.text(doc, path, name, required=True, max_length=limit)
    for name in spec.DOCUMENT_TEXT:
        check.text(doc, path, name)
    check.date(doc, path, "statusStartDate")
    check.date(doc, path, "statusEndDate")
    check.texts(doc, path, "subject")
    check.links(doc, path, "subjectURI")
    check.link(doc, path, "licenseURI")
    check.link(doc, path, "CFPackageURI")
    version = doc.get("caseVersion")
    if version is not None and version not in spec.CASE_VERSIONS:
        check.report(
            join(path, "caseVersion"), 'caseVersion must be "1.1" (or "1.0")', column="caseVersion", value=version
        )


def _check_items(check: Checker, package: Package) -> None:
    seen = {package.document_id: package.path("CFDocument")} if package.document_id else {}
    for index, item in enumerate(package.items):
        path = package.path("CFItems", index)
        if isinstance(item, Broken):
            continue
        for name in spec.ITEM_REQUIRED:
            if name == "lastChangeDateTime":
                check.datetime(item, path, name, required=True)
            else:
                limit = {"identifier": spec.MAX_IDENTIFIER, "uri": spec.MAX_URI}.get(name, 0)
                check.text(item, path, name, required=True, max_length=limit)
        for name in spec.ITEM_TEXT:
            check.text(item, path, name)
        check.text(item, path, "listEnumeration", allow_number=True)
        check.texts(item, path, "educationLevel")
        check.texts(item, path, "conceptKeywords")
        check.texts(item, path, "subject")
        check.links(item, path, "subjectURI")
        check.link(item, path, "CFItemTypeURI")
        check.link(item, path, "CFDocumentURI")
        check.link(item, path, "licenseURI")
        check.date(item, path, "statusStartDate")
        check.date(item, path, "statusEndDate")
        identifier = item.get("identifier")
        if isinstance(identifier, str) and identifier and identifier not in package.item_index:
            package.item_index[identifier] = index
    check.unique(((package.path("CFItems", i), item) for i, item in enumerate(package.items)), "CFItem", seen)


def _association_type(check: Checker, path: str, association: JsonObject) -> None:
    value = association.get("associationType")
    if not isinstance(value, str) or value in spec.ASSOCIATION_TYPES or spec.EXTENSION_TYPE.match(value):
        return
    check.report(  # one in another case was normalised already (lenient)
        join(path, "associationType"),
        f"not a CASE association type ({', '.join(spec.ASSOCIATION_TYPES)}, or ext:Name)",
        column="associationType",
        value=value,
    )


def _check_associations(check: Checker, package: Package) -> None:
    for index, association in enumerate(package.associations):
        path = package.path("CFAssociations", index)
        if isinstance(association, Broken):
            continue
        for name in spec.ASSOCIATION_REQUIRED:
            if name == "lastChangeDateTime":
                check.datetime(association, path, name, required=True)
            else:
                limit = {"identifier": spec.MAX_IDENTIFIER, "uri": spec.MAX_URI}.get(name, 64)
                check.text(association, path, name, required=True, max_length=limit)
        _association_type(check, path, association)
        check.link(association, path, "originNodeURI", required=True)
        check.link(association, path, "destinationNodeURI", required=True)
        check.link(association, path, "CFAssociationGroupingURI")
        check.link(association, path, "CFDocumentURI")
        check.integer(association, path, "sequenceNumber")
        check.text(association, path, "notes")
    check.unique(((package.path("CFAssociations", i), a) for i, a in enumerate(package.associations)), "CFAssociation")


def _check_rubrics(check: Checker, package: Package) -> None:
    rubrics: list[tuple[str, JsonObject]] = []
    criteria: list[tuple[str, JsonObject]] = []
    levels: list[tuple[str, JsonObject]] = []
    for r_index, rubric in enumerate(package.rubrics):
        r_path = package.path("CFRubrics", r_index)
        if isinstance(rubric, Broken):
            continue
        rubrics.append((r_path, rubric))
        for name in spec.RUBRIC_REQUIRED:
            if name == "lastChangeDateTime":
                check.datetime(rubric, r_path, name, required=True)
            else:
                check.text(rubric, r_path, name, required=True)
        check.text(rubric, r_path, "title")
        check.text(rubric, r_path, "description")
        for c_index, criterion in enumerate(check.object_list(rubric, r_path, "CFRubricCriteria")):
            c_path = join(join(r_path, "CFRubricCriteria"), c_index)
            if isinstance(criterion, Broken):
                continue
            criteria.append((c_path, criterion))
            for name in spec.CRITERION_REQUIRED:
                if name == "lastChangeDateTime":
                    check.datetime(criterion, c_path, name, required=True)
                else:
                    check.text(criterion, c_path, name, required=True)
            check.text(criterion, c_path, "category")
            check.text(criterion, c_path, "description")
            check.link(criterion, c_path, "CFItemURI")
            check.number(criterion, c_path, "weight")
            check.integer(criterion, c_path, "position")
            for l_index, level in enumerate(check.object_list(criterion, c_path, "CFRubricCriterionLevels")):
                l_path = join(join(c_path, "CFRubricCriterionLevels"), l_index)
                if isinstance(level, Broken):
                    continue
                levels.append((l_path, level))
                for name in spec.LEVEL_REQUIRED:
                    if name == "lastChangeDateTime":
                        check.datetime(level, l_path, name, required=True)
                    else:
                        check.text(level, l_path, name, required=True)
                for name in ("description", "quality", "feedback"):
                    check.text(level, l_path, name)
                check.number(level, l_path, "score")
                check.integer(level, l_path, "position")
    check.unique(rubrics, "CFRubric")
    check.unique(criteria, "CFRubricCriterion")
    check.unique(levels, "CFRubricCriterionLevel")


def _check_definitions(check: Checker, package: Package) -> None:
    path = package.path("CFDefinitions")
    for name in spec.DEFINITION_LISTS:
        entries = check.object_list(package.definitions, path, name)
        for index, entry in enumerate(entries):
            e_path = join(join(path, name), index)
            if isinstance(entry, Broken):
                continue
            for field in spec.DEFINITION_REQUIRED:
                check.text(entry, e_path, field, required=True)
            check.datetime(entry, e_path, "lastChangeDateTime")
        check.unique(((join(join(path, name), i), e) for i, e in enumerate(entries)), name[2:-1])


def _check_references(check: Checker, package: Package) -> None:
    document_id = package.document_id
    items = package.item_index
    for index, association in enumerate(package.associations):
        kind = association.get("associationType")
        if kind not in spec.INTERNAL_ORIGIN_TYPES:
            continue
        path = package.path("CFAssociations", index)
        origin = link_id(association.get("originNodeURI"))
        destination = link_id(association.get("destinationNodeURI"))
        if origin and origin not in items:
            why = "the CFDocument cannot be the origin" if origin == document_id else "no CFItem has this identifier"
            check.report(
                join(path, "originNodeURI"),
                f"{kind} must start at an item of this document: {why}",
                column="originNodeURI",
                value=origin,
            )
        if kind == spec.IS_CHILD_OF and destination and destination not in items and destination != document_id:
            check.report(
                join(path, "destinationNodeURI"),
                "isChildOf must point to an item of this document or to the CFDocument: no such identifier",
                column="destinationNodeURI",
                value=destination,
            )
    for r_index, rubric in enumerate(package.rubrics):
        criteria = rubric.get("CFRubricCriteria") if rubric else None
        for c_index, criterion in enumerate(criteria if isinstance(criteria, list) else []):
            target = link_id(criterion.get("CFItemURI")) if isinstance(criterion, dict) else ""
            if target and target not in items:
                check.report(
                    package.path("CFRubrics", r_index, "CFRubricCriteria", c_index, "CFItemURI"),
                    "the rubric criterion points to no CFItem of this document",
                    column="CFItemURI",
                    value=target,
                )


def _check_cycles(check: Checker, package: Package) -> None:
    """Report each isChildOf edge that closes a loop (an item would be its own ancestor)."""
    parents: dict[str, list[tuple[str, int]]] = {}
    for index, association in enumerate(package.associations):
        if association.get("associationType") != spec.IS_CHILD_OF:
            continue
        child = link_id(association.get("originNodeURI"))
        parent = link_id(association.get("destinationNodeURI"))
        if child in package.item_index and parent in package.item_index:
            parents.setdefault(child, []).append((parent, index))

    def name(identifier: str) -> str:
        item = package.item(identifier) or {}
        code = item.get("humanCodingScheme")
        return code if isinstance(code, str) and code else identifier

    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for start in parents:
        if state.get(start):
            continue
        state[start] = 1
        trail = [start]
        stack = [iter(parents.get(start, []))]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[trail.pop()] = 2
                stack.pop()
                continue
            parent, index = step
            if state.get(parent) == 1:
                loop = [*trail[trail.index(parent) :], parent]
                check.report(
                    package.path("CFAssociations", index),
                    "isChildOf cycle: " + " → ".join(name(n) for n in loop) + " (an item cannot be its own ancestor)",
                    column="destinationNodeURI",
                    value=parent,
                )
            elif not state.get(parent):
                state[parent] = 1
                trail.append(parent)
                stack.append(iter(parents.get(parent, [])))


def _case_version(package: Package) -> str:
    declared = package.document.get("caseVersion")
    if declared in spec.CASE_VERSIONS:
        return str(declared)
    newer = (
        any(key in package.document for key in ("frameworkType", "extensions"))
        or any("subject" in item or "extensions" in item for item in package.items)
        or any("notes" in a or a.get("associationType") == "isTranslationOf" for a in package.associations)
    )
    return "1.1" if newer else "1.0"
