"""A checked CFPackage and the small accessors every later stage shares.

The package keeps the raw JSON objects (not copies into dataclasses) because they are stored verbatim for a
faithful export; the accessors here are the one place that knows how CASE spells a link, a type or a subject.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from proficio.interop.case.locate import join

JsonObject = dict[str, Any]


@dataclass
class Package:
    document: JsonObject
    items: list[JsonObject]
    associations: list[JsonObject]
    rubrics: list[JsonObject]
    definitions: JsonObject
    case_version: str
    prefix: str = ""  # "CFPackage" when the package was wrapped in a CFPackage object
    item_index: dict[str, int] = field(default_factory=dict)

    @property
    def document_id(self) -> str:
        identifier = self.document.get("identifier")
        return identifier if isinstance(identifier, str) else ""

    def path(self, *parts: str | int) -> str:
        path = self.prefix
        for part in parts:
            path = join(path, part)
        return path

    def item(self, identifier: str) -> JsonObject | None:
        index = self.item_index.get(identifier)
        return None if index is None else self.items[index]


def link_id(link: object) -> str:
    """The identifier of a LinkURI / LinkGenURI object, or "" when there is none."""
    if isinstance(link, dict):
        value = link.get("identifier")
        return value if isinstance(value, str) else ""
    return ""


def link_field(link: object, name: str) -> str:
    if isinstance(link, dict):
        value = link.get(name)
        return value if isinstance(value, str) else ""
    return ""


def item_type(item: JsonObject) -> str:
    """The item's type name: ``CFItemType``, else the title of ``CFItemTypeURI``, else ""."""
    declared = item.get("CFItemType")
    if isinstance(declared, str) and declared.strip():
        return declared.strip()
    return link_field(item.get("CFItemTypeURI"), "title").strip()


def subjects_of(obj: JsonObject) -> list[str]:
    """Subject names of a document or item: ``subject`` (a string or a list) and the titles of ``subjectURI``."""
    names: list[str] = []
    value = obj.get("subject")
    if isinstance(value, str):
        names.append(value)
    elif isinstance(value, list):
        names.extend(v for v in value if isinstance(v, str))
    links = obj.get("subjectURI")
    if isinstance(links, dict):
        links = [links]
    if isinstance(links, list):
        names.extend(link_field(link, "title") for link in links)
    return [name.strip() for name in names if name and name.strip()]
