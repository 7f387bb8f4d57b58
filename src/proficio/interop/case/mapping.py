"""Which proficio level each CASE item becomes: graduation standard, performance indicator, learning
objective, or ignore (kept for export, invisible in proficio).

By item type, precedence: the mapping passed to this import (the user's choice now) > the mapping
remembered for this CFDocument from an earlier import > type names proficio recognises. Items whose type is
none of these (many frameworks have no CFItemType at all) are mapped by their depth in the isChildOf
hierarchy: top level → graduation standard, the next level → performance indicator, the third → learning
objective, anything deeper → ignore. Depth rules can be given like types, as ``depth:N`` keys
(``--map 'depth:1=ignore'``), and are remembered too. Each type mapped by depth is reported as a warning, so
the dry run says what was chosen and how to choose otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from proficio.accounts.models import User
from proficio.interop.case.package import Package, item_type
from proficio.interop.case.validate import Checker
from proficio.interop.models import CaseTypeMapping

STANDARD = CaseTypeMapping.Target.STANDARD.value
INDICATOR = CaseTypeMapping.Target.INDICATOR.value
OBJECTIVE = CaseTypeMapping.Target.OBJECTIVE.value
IGNORE = CaseTypeMapping.Target.IGNORE.value
TARGETS = (STANDARD, INDICATOR, OBJECTIVE, IGNORE)

_WORK_HABIT = re.compile(r"\b(work habits?|habits? of (work|learning)|work[- ]study habits?)\b")
_RECOGNISED = (
    (OBJECTIVE, re.compile(r"\b(learning objectives?|objectives?|learning targets?)\b")),
    (INDICATOR, re.compile(r"\b(performance indicators?|indicators?)\b")),
    (STANDARD, re.compile(r"\b(graduation standards?|standards?|competency|competencies)\b")),
)


def is_work_habit_type(name: str) -> bool:
    return bool(_WORK_HABIT.search(name.lower()))


def recognise(name: str) -> str | None:
    """The level a type name plainly says (case-insensitive), or None."""
    lowered = name.lower()
    if is_work_habit_type(lowered):
        return STANDARD
    for target, pattern in _RECOGNISED:
        if pattern.search(lowered):
            return target
    return None


def remembered(document_identifier: str) -> dict[str, str]:
    rows = CaseTypeMapping.objects.filter(document_identifier=document_identifier)
    return {row.item_type: row.target for row in rows}


def _lookup(mapping: Mapping[str, str], name: str) -> str | None:
    if name in mapping:
        return mapping[name]
    folded = name.casefold()
    return next((target for key, target in mapping.items() if key.casefold() == folded), None)


def shown_type(name: str) -> str:
    return name or "(no CFItemType)"


DEPTH_KEY = re.compile(r"^depth\s*:\s*(\d+)$", re.IGNORECASE)
DEFAULT_DEPTHS = {1: STANDARD, 2: INDICATOR, 3: OBJECTIVE}  # deeper levels: IGNORE

CHOSEN = "your choice"
REMEMBERED = "remembered from an earlier import"
RECOGNISED = "recognised from its name"
BY_DEPTH = "by depth"


@dataclass
class ItemMapping:
    """The level of every item: by its type where the type is mapped, else by its depth (1 = top level)."""

    by_type: dict[str, str] = field(default_factory=dict)
    by_depth: dict[int, str] = field(default_factory=lambda: dict(DEFAULT_DEPTHS))
    how: dict[str, str] = field(default_factory=dict)  # item type → how its level was decided
    explicit_depths: dict[int, str] = field(default_factory=dict)  # depth rules given now, to remember

    def target(self, item_type: str, depth: int) -> str:
        if item_type in self.by_type:
            return self.by_type[item_type]
        return self.by_depth.get(depth, IGNORE)

    @property
    def depth_types(self) -> list[str]:
        return [name for name, how in self.how.items() if how == BY_DEPTH]

    def to_remember(self) -> dict[str, str]:
        return self.by_type | {f"depth:{depth}": target for depth, target in self.explicit_depths.items()}


def _split(mapping: Mapping[str, str]) -> tuple[dict[str, str], dict[int, str]]:
    """Type rules and depth rules (``depth:N`` keys) of one mapping."""
    types: dict[str, str] = {}
    depths: dict[int, str] = {}
    for key, target in mapping.items():
        rule = DEPTH_KEY.match(key.strip())
        if rule:
            depths[int(rule.group(1))] = target
        else:
            types[key] = target
    return types, depths


def _check_explicit(explicit: Mapping[str, str], check: Checker) -> None:
    for key, target in explicit.items():
        if target not in TARGETS:
            check.report(
                "mapping",
                f"'{target}' is not a level; map each item type to one of {', '.join(TARGETS)}",
                column=shown_type(key),
                value=target,
            )
        rule = DEPTH_KEY.match(key.strip())
        if rule and int(rule.group(1)) < 1:
            check.report("mapping", "depths count from 1 (the top level)", column=key, value=target)


def resolve(package: Package, explicit: Mapping[str, str] | None, check: Checker) -> ItemMapping:
    """How each item type present in the package maps; badly given rules are reported, unmapped types go by
    depth (with a warning naming them)."""
    explicit = dict(explicit or {})
    _check_explicit(explicit, check)
    chosen_types, chosen_depths = _split(explicit)
    memory_types, memory_depths = _split(remembered(package.document_id))
    result = ItemMapping(explicit_depths={d: t for d, t in chosen_depths.items() if t in TARGETS})
    result.by_depth.update({d: t for d, t in memory_depths.items() if t in TARGETS})
    result.by_depth.update(result.explicit_depths)
    first_seen: dict[str, int] = {}
    counts: dict[str, int] = {}
    for index, item in enumerate(package.items):
        name = item_type(item)
        first_seen.setdefault(name, index)
        counts[name] = counts.get(name, 0) + 1
    for name in first_seen:
        for how, target in (
            (CHOSEN, _lookup(chosen_types, name)),
            (REMEMBERED, memory_types.get(name)),
            (RECOGNISED, recognise(name)),
        ):
            if target is not None:
                if target in TARGETS:
                    result.by_type[name], result.how[name] = target, how
                break  # a bad explicit value is already reported
        else:
            result.how[name] = BY_DEPTH
            _warn_by_depth(package, check, name, first_seen[name], counts[name], result.by_depth)
    return result


def depth_rules_text(by_depth: Mapping[int, str]) -> str:
    deepest = max(by_depth, default=0)
    rules = [f"level {depth} → {by_depth[depth]}" for depth in sorted(by_depth)]
    return ", ".join([*rules, f"deeper → {IGNORE}"]) if deepest else f"every level → {IGNORE}"


def _warn_by_depth(
    package: Package, check: Checker, name: str, index: int, count: int, by_depth: Mapping[int, str]
) -> None:
    what = "no CFItemType" if not name else f"the item type {name!r}, which proficio does not recognise"
    by_type = (
        f"map the type (--map '{name}=standard|indicator|objective|ignore', or the line '{name} = …' under "
        "Item types on the upload form) or "
        if name
        else ""
    )
    check.warn(
        package.path("CFItems", index, "CFItemType"),
        f"{count} item(s) {'have' if count > 1 else 'has'} {what}; mapped by depth in the hierarchy "
        f"({depth_rules_text(by_depth)}). To choose otherwise, {by_type}give depth rules (--map "
        "'depth:1=ignore', or the line 'depth:1 = ignore' under Item types)",
        column="CFItemType",
        value=shown_type(name),
    )


def remember(document_identifier: str, item_mapping: ItemMapping, user: User | None) -> None:
    """Store the mapping used, so the next import of this document maps the same way without asking."""
    targets = item_mapping.to_remember()
    existing = {row.item_type: row for row in CaseTypeMapping.objects.filter(document_identifier=document_identifier)}
    for name, target in targets.items():
        row = existing.get(name)
        if row is None:
            CaseTypeMapping.objects.create(
                document_identifier=document_identifier, item_type=name[:255], target=target, chosen_by=user
            )
        elif row.target != target:
            row.target = target
            row.chosen_by = user
            row.save(update_fields=["target", "chosen_by"])
