"""The isChildOf tree of a checked package, expressed as proficio levels.

Items whose parent is the CFDocument (or that have no isChildOf at all) are top level. Items mapped to
"ignore" are transparent: their children attach to the nearest mapped ancestor. A graduation standard must
then sit at the top, a performance indicator under a standard, and a learning objective under an indicator.

Every item gets what proficio stores: a code (``humanCodingScheme``, or a short generated one), the
statement (``fullStatement``, Markdown kept verbatim), a position among its proficio siblings (by the
isChildOf ``sequenceNumber``, then ``listEnumeration``, then document order) and, for standards, a title and
a kind (work habit by item type; content area by the item's or the document's subject; else cross-curricular).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from proficio.interop.case import mapping, spec, subjects
from proficio.interop.case.package import JsonObject, Package, item_type, link_id, subjects_of
from proficio.interop.case.validate import Checker
from proficio.standards.models import Standard


@dataclass
class Node:
    identifier: str
    index: int  # position in CFItems, for locating problems
    raw: JsonObject
    item_type: str
    target: str  # standard | indicator | objective | ignore
    parent: str  # structural parent: an item identifier, or the document identifier
    depth: int = 1  # 1 for a top-level item, counted along isChildOf
    sequence: int | None = None
    mapped_parent: str = ""  # nearest mapped ancestor, or the document identifier
    children: list[str] = field(default_factory=list)
    position: int = 0
    code: str = ""
    statement: str = ""
    title: str = ""
    kind: str = ""
    content_area: str = ""

    @property
    def is_mapped(self) -> bool:
        return self.target != mapping.IGNORE


@dataclass
class Structure:
    document_id: str
    nodes: dict[str, Node]  # in depth-first order of the tree
    mapping: mapping.ItemMapping

    def of(self, target: str) -> list[Node]:
        return [node for node in self.nodes.values() if node.target == target]

    @property
    def standards(self) -> list[Node]:
        return self.of(mapping.STANDARD)

    @property
    def indicators(self) -> list[Node]:
        return self.of(mapping.INDICATOR)

    @property
    def objectives(self) -> list[Node]:
        return self.of(mapping.OBJECTIVE)

    def standard_of(self, node: Node) -> Node:
        """The standard an indicator or objective belongs to."""
        while node.target != mapping.STANDARD:
            node = self.nodes[node.mapped_parent]
        return node


def _natural(value: object) -> tuple[tuple[int, int | str], ...]:
    """listEnumeration sort key: "2" < "10", "a" < "b"."""
    text = str(value) if value is not None else ""
    return tuple((0, int(part)) if part.isdigit() else (1, part.lower()) for part in re.findall(r"\d+|\D+", text))


def first_words(statement: str, limit: int = 80) -> str:
    """A title from a statement: its first line without Markdown markers, cut at a word near ``limit``."""
    line = next((part for part in statement.splitlines() if part.strip()), statement)
    line = re.sub(r"^[\s#>*\-+]+|[*_`]+", "", line)
    line = re.sub(r"\s+", " ", line).strip()
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0].rstrip(",;:.")
    return (cut or line[:limit]) + "…"


def _letters(number: int) -> str:
    """0 → a, 25 → z, 26 → aa: the usual naming of learning objectives under an indicator."""
    text = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(97 + rest) + text
    return text


def build(package: Package, item_mapping: mapping.ItemMapping, check: Checker) -> Structure:
    document_id = package.document_id
    nodes: dict[str, Node] = {}
    for index, item in enumerate(package.items):
        identifier = str(item["identifier"])
        nodes[identifier] = Node(
            identifier=identifier,
            index=index,
            raw=item,
            item_type=item_type(item),
            target=mapping.IGNORE,  # decided once the depth is known
            parent=document_id,
            statement=str(item["fullStatement"]),
        )
    placed: set[str] = set()
    for association in package.associations:
        if association.get("associationType") != spec.IS_CHILD_OF:
            continue
        child = link_id(association.get("originNodeURI"))
        if child in nodes and child not in placed:  # an item's first isChildOf decides its place in proficio
            placed.add(child)
            nodes[child].parent = link_id(association.get("destinationNodeURI"))
            sequence = association.get("sequenceNumber")
            nodes[child].sequence = sequence if isinstance(sequence, int) else None
    ordered = _depth_first(document_id, nodes)
    for node in ordered.values():  # parents come before their children in depth-first order
        parent = ordered.get(node.parent)
        node.depth = parent.depth + 1 if parent is not None else 1
        node.target = item_mapping.target(node.item_type, node.depth)
    structure = Structure(document_id=document_id, nodes=ordered, mapping=item_mapping)
    _attach(structure, package, check)
    _name(structure, package, check)
    return structure


def _depth_first(document_id: str, nodes: dict[str, Node]) -> dict[str, Node]:
    children: dict[str, list[Node]] = {}
    for node in nodes.values():
        children.setdefault(node.parent, []).append(node)
    for siblings in children.values():
        siblings.sort(
            key=lambda n: (n.sequence is None, n.sequence or 0, _natural(n.raw.get("listEnumeration")), n.index)
        )
    ordered: dict[str, Node] = {}
    stack = list(reversed(children.get(document_id, [])))
    while stack:
        node = stack.pop()
        ordered[node.identifier] = node
        stack.extend(reversed(children.get(node.identifier, [])))
    return ordered


_REQUIRED_PARENT = {
    mapping.STANDARD: None,
    mapping.INDICATOR: mapping.STANDARD,
    mapping.OBJECTIVE: mapping.INDICATOR,
}
_LEVEL_NAMES = {
    None: "the top of the framework",
    mapping.STANDARD: "a graduation standard",
    mapping.INDICATOR: "a performance indicator",
    mapping.OBJECTIVE: "a learning objective",
}


def _attach(structure: Structure, package: Package, check: Checker) -> None:
    """Find each item's nearest mapped ancestor and check that the levels nest as proficio needs."""
    nodes = structure.nodes
    counters: dict[str, int] = {}
    for node in nodes.values():
        ancestor = node.parent
        while ancestor in nodes and not nodes[ancestor].is_mapped:
            ancestor = nodes[ancestor].parent
        node.mapped_parent = ancestor
        if not node.is_mapped:
            continue
        parent = nodes.get(ancestor)
        parent_target = parent.target if parent is not None else None
        wanted = _REQUIRED_PARENT[node.target]
        if parent_target != wanted:
            found = _LEVEL_NAMES[parent_target]
            if parent is not None:
                found += f" ({parent.raw.get('humanCodingScheme') or parent.identifier}, type {parent.item_type!r})"
            check.report(
                package.path("CFItems", node.index),
                f"{_LEVEL_NAMES[node.target].capitalize()} (type {mapping.shown_type(node.item_type)}) must sit "
                f"under {_LEVEL_NAMES[wanted]}, but it sits under {found}; change the isChildOf association "
                f"or map the item types differently{_depth_hint(structure, node, parent)}",
                column="CFItemType",
                value=node.raw.get("humanCodingScheme") or node.identifier,
            )
        node.position = counters.get(ancestor, 0)
        counters[ancestor] = node.position + 1
        if ancestor in nodes:
            nodes[ancestor].children.append(node.identifier)
    if not structure.standards:
        check.report(
            package.path("CFItems"),
            "no item becomes a graduation standard, so there is nothing to import; map the top-level item type "
            "to 'standard'",
            column="CFItemType",
        )


def proposed_tree(structure: Structure) -> list[dict[str, object]]:
    """The mapped items as a tree for people to check before importing: code, level, statement, children."""
    entries: dict[str, dict[str, object]] = {}
    roots: list[dict[str, object]] = []
    for node in structure.nodes.values():  # depth-first, so a parent's entry exists before its children's
        if not node.is_mapped:
            continue
        statement = node.title or first_words(node.statement, 140)
        entry: dict[str, object] = {"code": node.code, "level": node.target, "statement": statement, "children": []}
        entries[node.identifier] = entry
        parent = entries.get(node.mapped_parent)
        siblings = parent["children"] if parent is not None else roots
        assert isinstance(siblings, list)
        siblings.append(entry)
    return roots


def mapping_rows(structure: Structure) -> list[dict[str, object]]:
    """One row per item type: what it became, how that was decided, and how many items it holds."""
    rows: dict[str, dict[str, object]] = {}
    for node in structure.nodes.values():
        how = structure.mapping.how.get(node.item_type, "")
        row = rows.setdefault(node.item_type, {"type": mapping.shown_type(node.item_type), "how": how, "to": {}})
        targets = row["to"]
        assert isinstance(targets, dict)
        targets[node.target] = targets.get(node.target, 0) + 1
    return list(rows.values())


def warn_deeper(structure: Structure, package: Package, check: Checker) -> None:
    """Items mapped by depth that fell below the deepest depth rule are kept but not used: say so, once."""
    depth_types = set(structure.mapping.depth_types)
    rules = structure.mapping.by_depth
    deepest = max(rules, default=0)
    deeper = [n for n in structure.nodes.values() if n.item_type in depth_types and n.depth > deepest]
    if not deeper:
        return
    first = min(deeper, key=lambda node: node.index)
    check.warn(
        package.path("CFItems", first.index),
        f"{len(deeper)} item(s) sit deeper than level {deepest}; they are kept for export but not used in "
        f"proficio (learning objectives do not nest). To use them, give depth rules, e.g. --map 'depth:1=ignore' "
        f"--map 'depth:{deepest + 1}=objective'",
        column="CFItemType",
        value=first.raw.get("humanCodingScheme") or first.identifier,
    )


def _depth_hint(structure: Structure, node: Node, parent: Node | None) -> str:
    """When a level was decided by depth, name the type to map, since that is the likely fix."""
    by_depth = set(structure.mapping.depth_types)
    for candidate in (parent, node):
        if candidate is not None and candidate.item_type in by_depth:
            name = candidate.item_type
            return (
                f" ({mapping.shown_type(name)} was mapped by depth, as level {candidate.depth}: map it, "
                f"e.g. --map '{name}=ignore')"
            )
    return ""


def _name(structure: Structure, package: Package, check: Checker) -> None:
    """Codes, titles and kinds, with codes unique where proficio needs them to be."""
    document_subject = subjects.first_match(subjects_of(package.document))
    used: dict[str, set[str]] = {}
    generated: list[Node] = []
    for node in structure.nodes.values():
        if not node.is_mapped:
            continue
        code = node.raw.get("humanCodingScheme")
        code = code.strip() if isinstance(code, str) else ""
        scope = used.setdefault(node.mapped_parent, set())
        if not code:
            generated.append(node)
        elif len(code) > spec.MAX_CODE:
            check.report(
                package.path("CFItems", node.index, "humanCodingScheme"),
                f"humanCodingScheme is {len(code)} characters; proficio codes are at most {spec.MAX_CODE}",
                column="humanCodingScheme",
                value=code,
            )
        elif code in scope:
            check.report(
                package.path("CFItems", node.index, "humanCodingScheme"),
                "two items under the same parent have this humanCodingScheme; proficio needs codes to be unique there",
                column="humanCodingScheme",
                value=code,
            )
        else:
            scope.add(code)
        node.code = code
        if node.target == mapping.STANDARD:
            _standard_fields(node, document_subject)
    for node in generated:  # after every explicit code is known, so a generated one never takes it
        parent = structure.nodes.get(node.mapped_parent)
        if node.target == mapping.STANDARD:
            base = f"S{node.position + 1}"
        elif node.target == mapping.INDICATOR:
            base = f"{parent.code if parent else 'I'}.{node.position + 1}"
        else:
            base = f"{parent.code if parent else 'O'}.{_letters(node.position)}"
        if len(base) > spec.MAX_CODE:
            base = f"X{node.index + 1}"
        scope = used[node.mapped_parent]
        code, suffix = base, 2
        while code in scope:
            code, suffix = f"{base}-{suffix}", suffix + 1
        scope.add(code)
        node.code = code


def _standard_fields(node: Node, document_subject: str | None) -> None:
    abbreviated = node.raw.get("abbreviatedStatement")
    title = abbreviated.strip() if isinstance(abbreviated, str) and abbreviated.strip() else ""
    node.title = (title[:199] + "…" if len(title) > 200 else title) or first_words(node.statement)
    if mapping.is_work_habit_type(node.item_type):
        node.kind = Standard.Kind.WORK_HABIT
        return
    area = subjects.first_match(subjects_of(node.raw)) or document_subject
    if area and area != subjects.CROSS_CURRICULAR:
        node.kind, node.content_area = Standard.Kind.CONTENT_AREA, area
    else:
        node.kind = Standard.Kind.CROSS_CURRICULAR
