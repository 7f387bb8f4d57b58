"""What a re-import would change in the current framework version, item by item.

Items are matched by CFItem identifier. For each item the comparison covers what a school sees — level,
code, statement, CFItemType, parent and position, and for standards their title and kind — on the
proficio side as the framework is now (``outline``), so edits made in proficio since the last import count
as differences too. Other parts of the package (the CFDocument, associations, rubrics, definitions) are
compared as JSON with their ``lastChangeDateTime`` left out: a package re-published with new timestamps and
nothing else changed is identical, and creates no new version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from proficio.interop.case import mapping
from proficio.interop.case.outline import Outline, OutlineItem
from proficio.interop.case.package import Package
from proficio.interop.case.structure import Node, Structure

Snapshot = dict[str, dict[str, Any]]


@dataclass
class Changes:
    previous_version: int | None
    added: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.other)

    def as_dict(self) -> dict[str, Any]:
        return {
            "previous_version": self.previous_version,
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "other": self.other,
        }


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind(kind: str, area: str) -> str:
    return f"{kind}:{area}" if area else kind


def incoming(structure: Structure) -> Snapshot:
    return {node.identifier: _from_node(node) for node in structure.nodes.values()}


def _from_node(node: Node) -> dict[str, Any]:
    if not node.is_mapped:
        return {
            "level": mapping.IGNORE,
            "code": str(node.raw.get("humanCodingScheme") or ""),
            "statement": node.statement,
            "type": node.item_type,
            "parent": node.parent,
        }
    snapshot = {
        "level": node.target,
        "code": node.code,
        "statement": node.statement,
        "type": node.item_type,
        "parent": node.mapped_parent,
        "position": node.position,
    }
    if node.target == mapping.STANDARD:
        snapshot |= {"title": node.title, "kind": _kind(node.kind, node.content_area)}
    return snapshot


def current(outline: Outline) -> Snapshot:
    return {identifier: _from_outline(item) for identifier, item in outline.items.items()}


def _from_outline(item: OutlineItem) -> dict[str, Any]:
    snapshot: dict[str, Any] = {
        "level": item.level,
        "code": item.code,
        "statement": item.statement,
        "type": item.item_type,
        "parent": item.parent,
    }
    if item.level != mapping.IGNORE:
        snapshot["position"] = item.position
    if item.level == mapping.STANDARD:
        snapshot |= {"title": item.title, "kind": _kind(item.kind, item.content_area)}
    return snapshot


def _document_content(document: dict[str, Any]) -> Any:
    """The CFDocument without its caseVersion, which says how it was written (proficio writes 1.1)."""
    return {k: v for k, v in comparable(document).items() if k != "caseVersion"}


def comparable(value: Any) -> Any:
    """JSON without ``lastChangeDateTime`` anywhere, so timestamps alone never count as a change."""
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items() if k != "lastChangeDateTime"}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


def _by_identifier(objects: list[dict[str, Any]]) -> list[Any]:
    return sorted((_association_content(comparable(o)) for o in objects), key=lambda o: str(o.get("identifier", "")))


def _association_content(association: dict[str, Any]) -> dict[str, Any]:
    """An isChildOf's sequenceNumber is an item's position, which the item comparison already covers (the
    exporter writes 1…n in proficio's order, so a source's 2, 5, 9 must not count as a change)."""
    if association.get("associationType") == "isChildOf":
        return {k: v for k, v in association.items() if k != "sequenceNumber"}
    return association


def other_parts(package: Package, reference: dict[str, Any]) -> list[str]:
    """Names of the package parts that differ from ``reference`` (a stored or exported CFPackage)."""
    differ: list[str] = []
    if _document_content(package.document) != _document_content(reference.get("CFDocument") or {}):
        differ.append("CFDocument")
    if _by_identifier(package.associations) != _by_identifier(reference.get("CFAssociations") or []):
        differ.append("CFAssociations")
    if _by_identifier(package.rubrics) != _by_identifier(reference.get("CFRubrics") or []):
        differ.append("CFRubrics")
    if comparable(package.definitions) != comparable(reference.get("CFDefinitions") or {}):
        differ.append("CFDefinitions")
    return differ


def compare(before: Snapshot, after: Snapshot, *, previous_version: int | None, other: list[str]) -> Changes:
    changes = Changes(previous_version=previous_version, other=other)
    for identifier, new in after.items():
        old = before.get(identifier)
        if old is None:
            changes.added.append(
                {
                    "identifier": identifier,
                    "code": new["code"],
                    "level": new["level"],
                    "type": new["type"],
                    "statement": _short(new["statement"]),
                }
            )
            continue
        fields = {
            name: [_short(str(old.get(name, ""))), _short(str(new.get(name, "")))]
            for name in sorted(set(old) | set(new))
            if old.get(name) != new.get(name)
        }
        if fields:
            changes.changed.append(
                {"identifier": identifier, "code": new["code"], "level": new["level"], "fields": fields}
            )
    for identifier, old in before.items():
        if identifier not in after:
            changes.removed.append(
                {"identifier": identifier, "code": old["code"], "level": old["level"], "type": old["type"]}
            )
    return changes
