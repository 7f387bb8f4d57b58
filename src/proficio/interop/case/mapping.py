"""Which proficio level each CFItemType becomes: graduation standard, performance indicator, learning
objective, or ignore (kept for export, invisible in proficio).

Precedence: the mapping passed to this import (the user's choice now) > the mapping remembered for this
CFDocument from an earlier import > type names proficio recognises. Anything left over is refused, naming
the types and how to map them, because guessing a level would put evidence in the wrong place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

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


def resolve(package: Package, explicit: Mapping[str, str] | None, check: Checker) -> dict[str, str]:
    """Target per item type present in the package; unmapped or badly mapped types are reported."""
    explicit = dict(explicit or {})
    for key, target in explicit.items():
        if target not in TARGETS:
            check.report(
                "mapping",
                f"'{target}' is not a level; map each item type to one of {', '.join(TARGETS)}",
                column=shown_type(key),
                value=target,
            )
    memory = remembered(package.document_id)
    first_seen: dict[str, int] = {}
    counts: dict[str, int] = {}
    for index, item in enumerate(package.items):
        name = item_type(item)
        first_seen.setdefault(name, index)
        counts[name] = counts.get(name, 0) + 1
    targets: dict[str, str] = {}
    for name, index in first_seen.items():
        chosen = _lookup(explicit, name) or memory.get(name) or recognise(name)
        if chosen in TARGETS:
            targets[name] = chosen
            continue
        if chosen is not None:
            continue  # already reported as a bad explicit value
        example = name or ""
        check.report(
            package.path("CFItems", index, "CFItemType"),
            f"proficio does not know what item type {shown_type(name)!s} ({counts[name]} item(s)) should become; "
            f"map it with --map '{example}=standard|indicator|objective|ignore' "
            f"(or mapping={{'{example}': 'indicator'}} in the API)",
            column="CFItemType",
            value=shown_type(name),
        )
    return targets


def remember(document_identifier: str, targets: Mapping[str, str], user: User | None) -> None:
    """Store the mapping used, so the next import of this document maps the same way without asking."""
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
