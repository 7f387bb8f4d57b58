"""Reading CASE as real servers write it: the CASE 1.0 and OpenSALT shapes, normalised with a warning.

Runs on the parsed JSON before it is checked, changing only what can be read without guessing, and warns
(located, folded per field) about each kind of change:

- a LinkURI written as a plain URL (``"CFDocumentURI": "https://…/uri/<id>"``, as OpenSALT and other CASE
  1.0 servers write it) becomes ``{title, identifier, uri}``. The identifier is the one of the document,
  item or definition with that ``uri`` in this package, else the URL's last path segment (the CASE 1.0
  convention ``…/uri/<identifier>``); an empty string is dropped as if the link were absent;
- a number written as a numeric string (``"sequenceNumber": "2"``, a rubric ``score`` of ``"3.5"``);
- an association type in another case (``ischildof``); ``caseVersion`` written as a number;
- a ``lastChangeDateTime`` with no time zone, read as UTC (the CASE 1.1 schema requires a zone).

Anything else stays as it is, for ``validate`` to accept or refuse. Once the package has passed,
``as_stored`` gives it the shape proficio keeps and exports (``conform``): a property CASE 1.1 does not
define moves into the object's ``extensions``, with a warning, and the links to the document that CASE 1.0
repeats on every object of a package are dropped (the package is the document).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from proficio.interop.case import spec
from proficio.interop.case.conform import conform
from proficio.interop.case.locate import join
from proficio.interop.case.package import Package
from proficio.interop.case.validate import Checker

JsonObject = dict[str, Any]

LINKS = {
    "document": ("CFPackageURI", "licenseURI"),
    "item": ("CFItemTypeURI", "CFDocumentURI", "licenseURI", "conceptKeywordsURI"),
    "association": ("originNodeURI", "destinationNodeURI", "CFAssociationGroupingURI", "CFDocumentURI"),
    "criterion": ("CFItemURI",),
    "definition": (),
    "rubric": (),
    "level": (),
}
LINK_LISTS = {"document": ("subjectURI",), "item": ("subjectURI",)}
WHOLE_NUMBERS = {"association": ("sequenceNumber",), "criterion": ("position",), "level": ("position",)}
NUMBERS = {"criterion": ("weight",), "level": ("score",)}
_INTEGER = re.compile(r"^\s*[+-]?\d+\s*$")
_DECIMAL = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$")
_TYPES = {name.lower(): name for name in spec.ASSOCIATION_TYPES}


def normalise(parsed: object, check: Checker) -> None:
    """Normalise the parsed package in place, warning about each change; shapes it cannot read are left for
    ``validate`` to refuse."""
    if not isinstance(parsed, dict):
        return
    top, prefix = parsed, ""
    if "CFDocument" not in top and isinstance(top.get("CFPackage"), dict):
        top, prefix = top["CFPackage"], "CFPackage"  # the CASE 1.0 wrapper validate also accepts
    index = _uri_index(top)
    for kind, path, obj in _objects(top, prefix):
        for name in LINKS[kind]:
            _link(obj, path, name, index, check)
        for name in LINK_LISTS.get(kind, ()):
            _link_list(obj, path, name, index, check)
        for name in WHOLE_NUMBERS.get(kind, ()):
            _number(obj, path, name, check, whole=True)
        for name in NUMBERS.get(kind, ()):
            _number(obj, path, name, check, whole=False)
        _time_zone(obj, path, check)
        if kind == "association":
            _association_type(obj, path, check)
    document = top.get("CFDocument")
    if isinstance(document, dict) and isinstance(document.get("caseVersion"), int | float):
        where = join(join(prefix, "CFDocument"), "caseVersion")
        check.warn(where, "caseVersion is a number; read as text", column="caseVersion", value=document["caseVersion"])
        document["caseVersion"] = f"{float(document['caseVersion']):.1f}"


def _objects(top: JsonObject, prefix: str) -> Iterator[tuple[str, str, JsonObject]]:
    """(kind, JSON path, object) for every object of the package that may carry links, numbers or times."""
    document = top.get("CFDocument")
    if isinstance(document, dict):
        yield "document", join(prefix, "CFDocument"), document
    for kind, name in (("item", "CFItems"), ("association", "CFAssociations")):
        yield from ((kind, path, obj) for path, obj in _entries(top, join(prefix, name), name))
    for path, rubric in _entries(top, join(prefix, "CFRubrics"), "CFRubrics"):
        yield "rubric", path, rubric
        for c_path, criterion in _entries(rubric, join(path, "CFRubricCriteria"), "CFRubricCriteria"):
            yield "criterion", c_path, criterion
            levels = _entries(criterion, join(c_path, "CFRubricCriterionLevels"), "CFRubricCriterionLevels")
            yield from (("level", l_path, level) for l_path, level in levels)
    definitions = top.get("CFDefinitions")
    if isinstance(definitions, dict):
        for name in spec.DEFINITION_LISTS:
            entries = _entries(definitions, join(join(prefix, "CFDefinitions"), name), name)
            yield from (("definition", path, entry) for path, entry in entries)


def _entries(parent: JsonObject, path: str, name: str) -> Iterator[tuple[str, JsonObject]]:
    value = parent.get(name)
    if isinstance(value, list):
        yield from ((join(path, i), entry) for i, entry in enumerate(value) if isinstance(entry, dict))


def _uri_index(top: JsonObject) -> dict[str, tuple[str, str]]:
    """uri → (identifier, title) of every object in the package that has both."""
    index: dict[str, tuple[str, str]] = {}
    for _kind, _path, obj in _objects(top, ""):
        uri, identifier = obj.get("uri"), obj.get("identifier")
        if isinstance(uri, str) and isinstance(identifier, str) and uri and identifier:
            title = obj.get("title") or obj.get("humanCodingScheme") or obj.get("fullStatement") or ""
            index.setdefault(uri.strip(), (identifier, str(title)[:200]))
    return index


def _as_link(value: str, index: dict[str, tuple[str, str]]) -> JsonObject:
    uri = value.strip()
    found = index.get(uri)
    if found is not None:
        identifier, title = found
    else:
        identifier = uri.rstrip("/").rsplit("/", 1)[-1] or uri
        title = ""
    return {"title": title, "identifier": identifier, "uri": uri}


def _link(obj: JsonObject, path: str, name: str, index: dict[str, tuple[str, str]], check: Checker) -> None:
    value = obj.get(name)
    if not isinstance(value, str):
        return
    where = join(path, name)
    if not value.strip():
        del obj[name]
        check.warn(where, f"{name} is empty; read as absent", column=name, repeated=(name, "empty"))
        return
    obj[name] = link = _as_link(value, index)
    check.warn(
        where,
        f"{name} is a URL, not a link object {{title, identifier, uri}} (the CASE 1.0 / OpenSALT shape); "
        f"read as the link to {link['identifier']}",
        column=name,
        value=value,
        repeated=(name, "url"),
    )


def _link_list(obj: JsonObject, path: str, name: str, index: dict[str, tuple[str, str]], check: Checker) -> None:
    value = obj.get(name)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not any(isinstance(entry, str) for entry in value):
        return
    obj[name] = [_as_link(entry, index) if isinstance(entry, str) else entry for entry in value if entry != ""]
    check.warn(
        join(path, name),
        f"{name} holds URLs, not link objects {{title, identifier, uri}}; read as links",
        column=name,
        repeated=(name, "url"),
    )


def _number(obj: JsonObject, path: str, name: str, check: Checker, *, whole: bool) -> None:
    value = obj.get(name)
    if not isinstance(value, str) or not (_INTEGER if whole else _DECIMAL).match(value):
        return
    number = float(value)
    obj[name] = int(number) if whole or number.is_integer() else number
    check.warn(
        join(path, name),
        f"{name} is a number written as text; read as {obj[name]}",
        column=name,
        value=value,
        repeated=(name, "number"),
    )


def _time_zone(obj: JsonObject, path: str, check: Checker) -> None:
    value = obj.get("lastChangeDateTime")
    if not isinstance(value, str):
        return
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return  # not a date-time at all: validate refuses it
    if parsed.tzinfo is not None:
        return
    obj["lastChangeDateTime"] = value.strip() + "+00:00"
    check.warn(
        join(path, "lastChangeDateTime"),
        "lastChangeDateTime has no time zone; read as UTC",
        column="lastChangeDateTime",
        value=value,
        repeated=("lastChangeDateTime", "zone"),
    )


def _association_type(obj: JsonObject, path: str, check: Checker) -> None:
    value = obj.get("associationType")
    if not isinstance(value, str) or value in spec.ASSOCIATION_TYPES or spec.EXTENSION_TYPE.match(value):
        return
    canonical = _TYPES.get(value.strip().lower())
    if canonical is None:
        return  # not a CASE type in any spelling: validate refuses it
    obj["associationType"] = canonical
    check.warn(
        join(path, "associationType"),
        f"associationType is written in another case; read as {canonical}",
        column="associationType",
        value=value,
        repeated=("associationType", value),
    )


def as_stored(package: Package, check: Checker) -> None:
    """Give a checked package the CASE 1.1 shape proficio stores and exports, warning about moved fields."""
    package.document.pop("CFPackageURI", None)
    for obj in (*package.items, *package.associations):
        obj.pop("CFDocumentURI", None)

    def moved(path: str, name: str) -> None:
        check.warn(
            package.path(path),
            f"{name} is not a CASE 1.1 field; kept in this object's extensions",
            column=name,
            repeated=(name, "extension"),
        )

    whole = {
        "CFDocument": package.document,
        "CFItems": package.items,
        "CFAssociations": package.associations,
        "CFRubrics": package.rubrics,
        "CFDefinitions": package.definitions,
    }
    conform(whole, moved)
