"""The strict writer's last step: a CFPackage that the official CASE 1.1 JSON schema accepts.

Imports are tolerant, so an imported framework may carry what CASE 1.1 does not define — OpenSALT's
``educationalLevel`` or ``CFItemAssociationURI``, a definition without its ``hierarchyCode``. The exporter
copies imported objects verbatim, and this pass then makes each one valid without losing anything:

- a property the schema does not define for that class moves into the object's ``extensions`` (the place
  CASE 1.1 gives vendors), where a re-import keeps it and the next export writes it the same way;
- a required text the source left out or wrote as null (a definition's ``description``, ``hierarchyCode``,
  ``licenseText``; a link's ``title``) is written empty, which the schema allows and which says nothing
  untrue; an optional property written as null is left out;
- a ``lastChangeDateTime`` without a time zone is written as UTC.

The schema is 1EdTech's (vendored in ``schema/`` with its licence); the property lists come from it, so a
newer schema is a file swap, not a code change.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

JsonObject = dict[str, Any]
SCHEMA_PATH = Path(__file__).with_name("schema") / "case_v1p1_cfpackage.json"

#: Which schema class each definition list holds.
DEFINITION_CLASSES = {
    "CFItemTypes": "CFItemType",
    "CFSubjects": "CFSubject",
    "CFConcepts": "CFConcept",
    "CFLicenses": "CFLicense",
    "CFAssociationGroupings": "CFAssociationGrouping",
}


@cache
def case_schema() -> JsonObject:
    """The official CASE 1.1 CFPackage JSON schema (draft 2019-09)."""
    schema: JsonObject = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def _class(name: str) -> JsonObject:
    found: JsonObject = case_schema()["$defs"][name]
    return found


Moved = Callable[[str, str], None]
"""Told (JSON path of the object, property name) of each property moved into ``extensions``."""


def _ignore(path: str, name: str) -> None:
    return None


def conform(package: JsonObject, moved: Moved = _ignore) -> JsonObject:
    """``package`` made valid against the CASE 1.1 schema, in place (and returned)."""
    _object(package.get("CFDocument"), "CFPckgDocument", "CFDocument", moved)
    for path, item in _list(package, "CFItems"):
        _object(item, "CFPckgItem", path, moved)
    for path, association in _list(package, "CFAssociations"):
        _object(association, "CFPckgAssociation", path, moved)
    for path, rubric in _list(package, "CFRubrics"):
        _object(rubric, "CFRubric", path, moved)
        for c_path, criterion in _list(rubric, "CFRubricCriteria", path):
            _object(criterion, "CFRubricCriterion", c_path, moved)
            for l_path, level in _list(criterion, "CFRubricCriterionLevels", c_path):
                _object(level, "CFRubricCriterionLevel", l_path, moved)
    definitions = package.get("CFDefinitions")
    if isinstance(definitions, dict):
        for name, class_name in DEFINITION_CLASSES.items():
            for path, entry in _list(definitions, name, "CFDefinitions"):
                _object(entry, class_name, path, moved)
    return package


def _list(parent: JsonObject, name: str, path: str = "") -> list[tuple[str, JsonObject]]:
    value = parent.get(name)
    if not isinstance(value, list):
        return []
    where = f"{path}.{name}" if path else name
    return [(f"{where}[{i}]", entry) for i, entry in enumerate(value) if isinstance(entry, dict)]


def _object(obj: object, class_name: str, path: str, moved: Moved) -> None:
    if not isinstance(obj, dict):
        return
    definition = _class(class_name)
    properties: JsonObject = definition["properties"]
    unknown = [key for key in obj if key not in properties]
    if unknown:
        extensions = obj.get("extensions") if isinstance(obj.get("extensions"), dict) else {}
        for key in unknown:
            extensions.setdefault(key, obj.pop(key))
            moved(path, key)
        obj["extensions"] = extensions
    required = definition.get("required", [])
    for name in [key for key, value in obj.items() if value is None and key not in required]:
        del obj[name]  # null is no value: the schema has no nullable fields
    for name in required:
        if obj.get(name) is None and properties.get(name, {}).get("type") == "string":
            obj[name] = ""
    for name, rule in properties.items():
        if _is_link(rule) and isinstance(obj.get(name), dict):
            obj[name].setdefault("title", "")
        elif _is_link(rule.get("items", {})) and isinstance(obj.get(name), list):
            for link in obj[name]:
                if isinstance(link, dict):
                    link.setdefault("title", "")
    stamp = obj.get("lastChangeDateTime")
    if isinstance(stamp, str) and _naive(stamp):
        obj["lastChangeDateTime"] = stamp + "+00:00"


def _is_link(rule: object) -> bool:
    return isinstance(rule, dict) and rule.get("$ref", "").endswith(("/LinkURI", "/LinkGenURI"))


def _naive(stamp: str) -> bool:
    try:
        return datetime.fromisoformat(stamp).tzinfo is None
    except ValueError:
        return False
