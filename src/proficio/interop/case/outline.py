"""A framework version as CASE sees it: every item with its identifier, level, code, statement and parent.

Shared by the exporter (which turns it into CFItems and isChildOf associations) and by re-import (which
compares an incoming package against it), so both agree on what an item's identifier and parent are.
Items come from proficio's rows — the truth, including edits made after an import — joined to the CaseItem
they were imported from, plus imported items mapped to "ignore", which exist only as CaseItems.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone

from proficio.interop.case import identity, spec
from proficio.interop.models import CaseAssociation, CaseDocument, CaseItem
from proficio.standards.models import Framework, LearningObjective, PerformanceIndicator, Standard

Row = Standard | PerformanceIndicator | LearningObjective


@dataclass
class OutlineItem:
    identifier: str
    level: str  # standard | indicator | objective | ignore
    code: str
    statement: str
    parent: str  # the parent proficio shows (or, for ignored items, the imported parent)
    position: int  # rank among proficio siblings, from 0
    item_type: str
    raw: dict[str, Any] | None = None  # the CFItem as imported
    row: Row | None = None
    title: str = ""
    kind: str = ""
    content_area: str = ""

    @property
    def uri(self) -> str:
        if self.raw and isinstance(self.raw.get("uri"), str):
            return str(self.raw["uri"])
        return identity.uri("CFItems", self.identifier)

    @property
    def type_key(self) -> str:
        return identity.type_key(self.level, self.kind)


@dataclass
class Outline:
    framework: Framework
    document_id: str
    case_document: CaseDocument | None
    items: dict[str, OutlineItem] = field(default_factory=dict)
    associations: list[CaseAssociation] = field(default_factory=list)
    generated_at: datetime = field(default_factory=timezone.now)

    @property
    def document_uri(self) -> str:
        if self.case_document is not None and self.case_document.uri:
            return self.case_document.uri
        return identity.uri("CFDocuments", self.document_id)

    def effective_parent(self, identifier: str) -> str:
        """Walk up imported isChildOf links through ignored items to the nearest item proficio shows."""
        seen: set[str] = set()
        while identifier in self.items and self.items[identifier].level == "ignore" and identifier not in seen:
            seen.add(identifier)
            identifier = self.items[identifier].parent
        return identifier


def _created(framework: Framework, case_document: CaseDocument | None) -> datetime:
    if case_document is not None:
        return case_document.imported_at
    first = framework.history.order_by("history_date").values_list("history_date", flat=True).first()
    return first or timezone.now()


def _ranks(rows: Sequence[Row]) -> dict[int, int]:
    ordered = sorted(rows, key=lambda row: (row.position, row.code, row.pk))
    return {row.pk: rank for rank, row in enumerate(ordered)}


def build(framework: Framework) -> Outline:
    case_document = CaseDocument.objects.filter(framework=framework).first()
    document_id = identity.document_identifier(framework)
    outline = Outline(framework, document_id, case_document, generated_at=_created(framework, case_document))
    standards = list(framework.standards.all())
    indicators = list(PerformanceIndicator.objects.filter(standard__framework=framework))
    objectives = list(LearningObjective.objects.filter(indicator__standard__framework=framework))
    case_items = list(CaseItem.objects.filter(document=case_document)) if case_document else []
    by_row: dict[tuple[str, int], CaseItem] = {}
    for case_item in case_items:
        for level, pk in (
            ("standard", case_item.standard_id),
            ("indicator", case_item.indicator_id),
            ("objective", case_item.objective_id),
        ):
            if pk is not None:
                by_row[(level, pk)] = case_item
    if case_document is not None:
        outline.associations = list(CaseAssociation.objects.filter(document=case_document))
    imported_parent = _imported_parents(outline.associations)

    standard_ranks, indicator_ranks, objective_ranks = _ranks(standards), {}, {}
    for group in _grouped(indicators, "standard_id").values():
        indicator_ranks.update(_ranks(group))
    for group in _grouped(objectives, "indicator_id").values():
        objective_ranks.update(_ranks(group))

    entries: dict[tuple[str, int], OutlineItem] = {}
    ids: dict[tuple[str, int], str] = {}

    def identifier_of(level: str, row: Row, *codes: str) -> str:
        case_item = by_row.get((level, row.pk))
        if case_item is not None:
            return case_item.identifier
        return row.identifier or identity.derived(document_id, "item", *codes)

    standard_by_pk = {s.pk: s for s in standards}
    indicator_by_pk = {i.pk: i for i in indicators}
    for standard in sorted(standards, key=lambda s: standard_ranks[s.pk]):
        ids[("standard", standard.pk)] = identifier_of("standard", standard, standard.code)
    for indicator in indicators:
        owner = standard_by_pk[indicator.standard_id]
        ids[("indicator", indicator.pk)] = identifier_of("indicator", indicator, owner.code, indicator.code)
    for objective in objectives:
        indicator = indicator_by_pk[objective.indicator_id]
        standard = standard_by_pk[indicator.standard_id]
        ids[("objective", objective.pk)] = identifier_of(
            "objective", objective, standard.code, indicator.code, objective.code
        )

    def entry(level: str, row: Row, parent: str, position: int) -> OutlineItem:
        case_item = by_row.get((level, row.pk))
        standard = row if isinstance(row, Standard) else None
        kind = standard.kind if standard else ""
        return OutlineItem(
            identifier=ids[(level, row.pk)],
            level=level,
            code=row.code,
            statement=row.statement,
            parent=parent,
            position=position,
            item_type=case_item.item_type if case_item else identity.TYPE_TITLES[identity.type_key(level, kind)],
            raw=case_item.item if case_item else None,
            row=row,
            title=standard.title if standard else "",
            kind=kind,
            content_area=standard.content_area if standard else "",
        )

    # proficio's own order: standards, each followed by its indicators, each followed by its objectives
    indicators_of = _grouped(indicators, "standard_id")
    objectives_of = _grouped(objectives, "indicator_id")
    for standard in sorted(standards, key=lambda s: standard_ranks[s.pk]):
        entries[("standard", standard.pk)] = entry("standard", standard, document_id, standard_ranks[standard.pk])
        for indicator in sorted(indicators_of.get(standard.pk, []), key=lambda i: indicator_ranks[i.pk]):
            parent = ids[("standard", standard.pk)]
            entries[("indicator", indicator.pk)] = entry("indicator", indicator, parent, indicator_ranks[indicator.pk])
            for objective in sorted(objectives_of.get(indicator.pk, []), key=lambda o: objective_ranks[o.pk]):
                parent = ids[("indicator", indicator.pk)]
                entries[("objective", objective.pk)] = entry(
                    "objective", objective, parent, objective_ranks[objective.pk]
                )

    # imported items first, in the order they were imported; then items created in proficio since
    for case_item in case_items:
        key = _key(case_item)
        if key is None:
            outline.items[case_item.identifier] = OutlineItem(
                identifier=case_item.identifier,
                level="ignore",
                code=str(case_item.item.get("humanCodingScheme") or ""),
                statement=str(case_item.item.get("fullStatement") or ""),
                parent=imported_parent.get(case_item.identifier, document_id),
                position=0,
                item_type=case_item.item_type,
                raw=case_item.item,
            )
        elif key in entries:
            item = entries.pop(key)
            outline.items[item.identifier] = item
    for item in entries.values():
        outline.items[item.identifier] = item
    return outline


def _key(case_item: CaseItem) -> tuple[str, int] | None:
    if case_item.standard_id is not None:
        return ("standard", case_item.standard_id)
    if case_item.indicator_id is not None:
        return ("indicator", case_item.indicator_id)
    if case_item.objective_id is not None:
        return ("objective", case_item.objective_id)
    return None


def _grouped(rows: list[Any], attribute: str) -> dict[int, list[Any]]:
    groups: dict[int, list[Any]] = {}
    for row in rows:
        groups.setdefault(getattr(row, attribute), []).append(row)
    return groups


def _imported_parents(associations: list[CaseAssociation]) -> dict[str, str]:
    """Each origin's first imported isChildOf destination (the place the importer used)."""
    parents: dict[str, str] = {}
    for association in associations:
        if association.association_type == spec.IS_CHILD_OF:
            parents.setdefault(association.origin_identifier, association.destination_identifier)
    return parents
