"""What becomes scoring criteria and exemplars: rubric levels of indicators and ``exemplar`` associations.

A CFRubricCriterion points at one CFItem; when that item became a performance indicator, each of its
CFRubricCriterionLevels becomes a ScoringCriterion at the scale level with the same score. Criteria on
items that are not indicators are kept with the document (for export) but make no rows. An ``exemplar``
association from an indicator becomes an Exemplar whose text is the destination URI; exemplars proficio
exports from plain text travel as ``data:text/plain`` URIs and are decoded back here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import unquote_to_bytes

from proficio.interop.case import mapping, spec
from proficio.interop.case.locate import join
from proficio.interop.case.package import Package, link_field, link_id
from proficio.interop.case.structure import Structure

DATA_TEXT = "data:text/plain;charset=utf-8,"


@dataclass(frozen=True)
class RubricLevel:
    indicator: str  # identifier of the indicator's CFItem
    score: Decimal | None
    quality: str
    text: str  # what the ScoringCriterion says about work at this level
    level_description: str  # the level's own description, for building a scale from the rubric
    where: str


@dataclass(frozen=True)
class ExemplarLink:
    indicator: str
    title: str
    text: str
    notes: str
    where: str


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def criterion_text(level: dict[str, object], criterion: dict[str, object]) -> str:
    """What a ScoringCriterion says for one rubric level: its description, else feedback, else quality."""
    return (
        _text(level.get("description"))
        or _text(level.get("feedback"))
        or _text(level.get("quality"))
        or _text(criterion.get("description"))
    )


def _score(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def rubric_levels(package: Package, structure: Structure) -> tuple[list[RubricLevel], int]:
    """Levels of criteria on indicators, and how many criteria were kept without making rows."""
    levels: list[RubricLevel] = []
    kept = 0
    for r_index, rubric in enumerate(package.rubrics):
        criteria = rubric.get("CFRubricCriteria")
        for c_index, criterion in enumerate(criteria if isinstance(criteria, list) else []):
            node = structure.nodes.get(link_id(criterion.get("CFItemURI")))
            if node is None or node.target != mapping.INDICATOR:
                kept += 1
                continue
            c_path = package.path("CFRubrics", r_index, "CFRubricCriteria", c_index)
            entries = criterion.get("CFRubricCriterionLevels")
            for l_index, level in enumerate(entries if isinstance(entries, list) else []):
                levels.append(
                    RubricLevel(
                        indicator=node.identifier,
                        score=_score(level.get("score")),
                        quality=_text(level.get("quality")),
                        text=criterion_text(level, criterion),
                        level_description=_text(level.get("description")),
                        where=join(join(c_path, "CFRubricCriterionLevels"), l_index),
                    )
                )
    return levels, kept


def exemplar_text(uri: str) -> str:
    """The exemplar's text: the decoded content of a ``data:text/plain`` URI, else the URI itself."""
    if uri.startswith(DATA_TEXT):
        try:
            return unquote_to_bytes(uri[len(DATA_TEXT) :]).decode("utf-8")
        except UnicodeDecodeError:
            return uri
    return uri


def exemplar_links(package: Package, structure: Structure) -> tuple[list[ExemplarLink], int]:
    """Exemplar associations from indicators, and how many others were kept only as associations."""
    links: list[ExemplarLink] = []
    kept = 0
    for index, association in enumerate(package.associations):
        if association.get("associationType") != spec.EXEMPLAR:
            continue
        node = structure.nodes.get(link_id(association.get("originNodeURI")))
        if node is None or node.target != mapping.INDICATOR:
            kept += 1
            continue
        destination = association.get("destinationNodeURI")
        uri = link_field(destination, "uri")
        title = link_field(destination, "title").strip() or uri
        links.append(
            ExemplarLink(
                indicator=node.identifier,
                title=title if len(title) <= 200 else title[:199] + "…",
                text=exemplar_text(uri),
                notes=_text(association.get("notes")),
                where=package.path("CFAssociations", index),
            )
        )
    return links, kept


_LEVEL_NOTE = re.compile(r"\b(?:level|score)\s*[:=]?\s*(-?\d+(?:\.\d+)?)", re.IGNORECASE)


def level_named_in(notes: str, levels: list[tuple[Decimal, str]]) -> Decimal | None:
    """The scale level an exemplar's notes name ("level: 4", "score 2", or a level's label), if any."""
    if not notes:
        return None
    match = _LEVEL_NOTE.search(notes)
    if match:
        value = Decimal(match.group(1))
        if any(value == level for level, _ in levels):
            return value
    lowered = notes.lower()
    for value, label in sorted(levels, key=lambda level: -len(level[1])):
        if label and re.search(rf"(?<![\w-]){re.escape(label.lower())}(?![\w-])", lowered):
            return value
    return None
