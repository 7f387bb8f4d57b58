"""Any framework version as a CASE 1.1 CFPackage.

The content always comes from proficio's rows (codes, statements, titles, order, kinds, scoring criteria,
exemplars), so edits made in proficio are exported. What CASE needs beyond that comes, for an imported
framework, from what was imported — identifiers, URIs, every other field of each CFItem, CFAssociation,
CFRubric and CFDefinition, verbatim — and otherwise from ``identity`` (deterministic UUIDs and URIs).

The package is normalised to CASE 1.1: items and associations inside a package carry no CFDocumentURI and
the document no CFPackageURI (the read API adds those to single objects); ``caseVersion`` is "1.1";
``humanCodingScheme`` is always the proficio code; standards carry their title as ``abbreviatedStatement``;
each item's isChildOf has ``sequenceNumber`` 1…n in proficio's order.

Timestamps: imported objects keep their ``lastChangeDateTime``; objects proficio generates carry the time
the framework version was created (or imported); an imported item whose text proficio changed carries the
export time. So export → import → export gives an equal package, timestamps included.
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.utils import timezone

from proficio.interop.case import identity, rubrics, spec, subjects
from proficio.interop.case.conform import conform
from proficio.interop.case.outline import Outline, OutlineItem
from proficio.interop.case.outline import build as build_outline
from proficio.interop.case.package import link_id, subjects_of
from proficio.interop.case.structure import first_words
from proficio.standards.models import Exemplar, Framework, ScaleLevel, ScoringCriterion, Standard

JsonObject = dict[str, Any]


def framework_package(framework: Framework) -> JsonObject:
    """The framework version as a CASE 1.1 CFPackage (a JSON-ready dict), valid against the CASE 1.1 schema."""
    return conform(_Exporter(build_outline(framework)).package())


def document_resource(framework: Framework) -> JsonObject:
    """The CFDocument as the read API serves it on its own, with its CFPackageURI."""
    exporter = _Exporter(build_outline(framework))
    document = exporter.document()
    document["CFPackageURI"] = {
        "title": document["title"],
        "identifier": document["identifier"],
        "uri": identity.uri("CFPackages", document["identifier"]),
    }
    return document


def item_resource(framework: Framework, identifier: str) -> JsonObject | None:
    """One CFItem as the read API serves it, with its CFDocumentURI; None when the framework lacks it."""
    exporter = _Exporter(build_outline(framework))
    entry = exporter.outline.items.get(identifier)
    if entry is None:
        return None
    item = exporter.item(entry)
    item["CFDocumentURI"] = exporter.document_link()
    return item


def item_identifiers(framework: Framework) -> set[str]:
    return set(build_outline(framework).items)


def _link(title: str, identifier: str, uri: str) -> JsonObject:
    return {"title": title, "identifier": identifier, "uri": uri}


def _exemplar_uri(exemplar: Exemplar) -> str:
    text = exemplar.text.strip()
    if re.match(r"^https?://\S+$", text):
        return text
    if not text and exemplar.file:
        return identity.base_uri().split("/ims/", 1)[0] + exemplar.file.url
    return rubrics.DATA_TEXT + quote(exemplar.text, safe="")


class _Exporter:
    def __init__(self, outline: Outline) -> None:
        self.outline = outline
        self.framework = outline.framework
        self.case_document = outline.case_document
        self.document_id = outline.document_id
        self.created = identity.stamp(outline.generated_at)
        self.now = identity.stamp(timezone.now())
        self.item_types: dict[str, JsonObject] = {}  # type key → the CFItemType used for it
        self.generated_types: list[JsonObject] = []  # CFItemTypes proficio defines (not imported)
        self.scale_levels: dict[int, list[ScaleLevel]] = {}
        self.document_area = subjects.first_match(subjects_of(self.document()))

    # --- the package -------------------------------------------------------------------------------------

    def package(self) -> JsonObject:
        document = self.document()
        items = [self.item(entry) for entry in self.outline.items.values()]
        associations = self.associations()
        rubric_list = self.rubrics()
        return {
            "CFDocument": document,
            "CFItems": items,
            "CFAssociations": associations,
            "CFDefinitions": self.definitions(),
            "CFRubrics": rubric_list,
        }

    def document(self) -> JsonObject:
        framework = self.framework
        if self.case_document is not None:
            document = copy.deepcopy(self.case_document.document)
            document.pop("CFPackageURI", None)
            if framework.title != str(document.get("title") or "")[:200]:
                document["title"] = framework.title
            if framework.description != str(document.get("description") or ""):
                if framework.description:
                    document["description"] = framework.description
                else:
                    document.pop("description", None)
        else:
            creator = framework.district.name if framework.district else "proficio"
            document = {
                "identifier": self.document_id,
                "uri": identity.uri("CFDocuments", self.document_id),
                "creator": creator,
                "title": framework.title,
                "lastChangeDateTime": self.created,
                "publisher": creator,
                "version": str(framework.version),
            }
            if framework.description:
                document["description"] = framework.description
            if framework.adopted_on:
                document["adoptionStatus"] = "Adopted"
                document["statusStartDate"] = framework.adopted_on.isoformat()
        document["caseVersion"] = "1.1"
        return document

    def document_link(self) -> JsonObject:
        return _link(self.framework.title, self.document_id, self.outline.document_uri)

    def item_link(self, identifier: str) -> JsonObject:
        if identifier == self.document_id:
            return self.document_link()
        entry = self.outline.items[identifier]
        return _link(entry.code or first_words(entry.statement, 60), identifier, entry.uri)

    # --- items -------------------------------------------------------------------------------------------

    def item(self, entry: OutlineItem) -> JsonObject:
        if entry.raw is not None:
            item = copy.deepcopy(entry.raw)
            item.pop("CFDocumentURI", None)
            if entry.level == "ignore":
                return item
            if self._edited(entry.raw, entry):
                item["lastChangeDateTime"] = self.now
            self._content(item, entry)
            return item
        key = entry.type_key
        item_type = self._item_type(key)
        item = {
            "identifier": entry.identifier,
            "uri": entry.uri,
            "fullStatement": entry.statement,
            "humanCodingScheme": entry.code,
            "CFItemType": item_type["title"],
            "CFItemTypeURI": _link(item_type["title"], item_type["identifier"], item_type["uri"]),
            "lastChangeDateTime": self.created,
        }
        self._content(item, entry)
        return item

    @staticmethod
    def _edited(raw: JsonObject, entry: OutlineItem) -> bool:
        """Whether proficio's text differs from what was imported (not merely filled in where CASE had none)."""
        code, title = raw.get("humanCodingScheme"), raw.get("abbreviatedStatement")
        return (
            raw.get("fullStatement") != entry.statement
            or (isinstance(code, str) and code.strip() != entry.code)
            or (entry.level == "standard" and isinstance(title, str) and title.strip()[:200] != entry.title[:200])
        )

    def _content(self, item: JsonObject, entry: OutlineItem) -> None:
        item["fullStatement"] = entry.statement
        item["humanCodingScheme"] = entry.code
        if entry.level != "standard":
            return
        item["abbreviatedStatement"] = entry.title
        subject = self._subject(item, entry)
        if subject is not None:
            item["subject"] = subject

    def _subject(self, item: JsonObject, entry: OutlineItem) -> list[str] | None:
        """A subject that makes the importer read this standard's kind back as it is, when one is needed."""
        if entry.kind == Standard.Kind.WORK_HABIT:
            return None
        read_back = subjects.first_match(subjects_of(item)) or self.document_area
        if entry.kind == Standard.Kind.CONTENT_AREA:
            return None if read_back == entry.content_area else [subjects.label(entry.content_area)]
        needs_override = read_back is not None and read_back != subjects.CROSS_CURRICULAR
        return ["Cross-curricular"] if needs_override else None

    def _item_type(self, key: str) -> JsonObject:
        """The CFItemType for a level proficio names itself; reuses an imported definition with that title."""
        if key in self.item_types:
            return self.item_types[key]
        title = identity.TYPE_TITLES[key]
        imported = self.case_document.definitions.get("CFItemTypes") if self.case_document else None
        for definition in imported if isinstance(imported, list) else []:
            if isinstance(definition, dict) and definition.get("title") == title:
                self.item_types[key] = definition
                return definition
        identifier = identity.derived(self.document_id, "CFItemType", title)
        definition = {
            "identifier": identifier,
            "uri": identity.uri("CFItemTypes", identifier),
            "title": title,
            "description": identity.TYPE_DESCRIPTIONS[key],
            "hierarchyCode": identity.TYPE_HIERARCHY[key],
            "lastChangeDateTime": self.created,
        }
        self.item_types[key] = definition
        self.generated_types.append(definition)
        return definition

    def _indicators(self) -> list[OutlineItem]:
        return [e for e in self.outline.items.values() if e.level == "indicator" and e.row is not None]

    # --- associations ------------------------------------------------------------------------------------

    def associations(self) -> list[JsonObject]:
        exported = set(self.outline.items) | {self.document_id}
        placed: set[str] = set()  # mapped items whose isChildOf is written
        first_seen: set[str] = set()
        exemplars = self._exemplars()
        used_exemplars: set[int] = set()
        result: list[JsonObject] = []
        for stored in self.outline.associations:
            raw = copy.deepcopy(stored.association)
            raw.pop("CFDocumentURI", None)
            origin, destination = stored.origin_identifier, stored.destination_identifier
            entry = self.outline.items.get(origin)
            mapped = entry is not None and entry.level != "ignore"
            if stored.association_type == spec.IS_CHILD_OF:
                if origin not in exported or destination not in exported:
                    continue
                if mapped and entry is not None and origin not in first_seen:
                    first_seen.add(origin)
                    if self.outline.effective_parent(destination) != entry.parent:
                        continue  # moved in proficio: a new isChildOf is written below
                    raw["sequenceNumber"] = entry.position + 1
                    placed.add(origin)
                result.append(raw)
            elif (
                stored.association_type == spec.EXEMPLAR and mapped and entry is not None and entry.level == "indicator"
            ):
                match = self._match_exemplar(exemplars.get(origin, []), raw, used_exemplars)
                if match is not None:
                    result.append(match)
            elif stored.association_type in spec.INTERNAL_ORIGIN_TYPES and origin not in exported:
                continue
            else:
                result.append(raw)
        for entry in self.outline.items.values():
            if entry.level != "ignore" and entry.identifier not in placed:
                result.append(self._child_of(entry))
        for indicator_id, rows in exemplars.items():
            for exemplar in rows:
                if exemplar.pk not in used_exemplars:
                    result.append(self._exemplar(indicator_id, exemplar))
        return result

    def _child_of(self, entry: OutlineItem) -> JsonObject:
        identifier = identity.derived(self.document_id, "isChildOf", entry.identifier, entry.parent)
        return {
            "identifier": identifier,
            "uri": identity.uri("CFAssociations", identifier),
            "associationType": spec.IS_CHILD_OF,
            "sequenceNumber": entry.position + 1,
            "originNodeURI": self.item_link(entry.identifier),
            "destinationNodeURI": self.item_link(entry.parent),
            "lastChangeDateTime": self.created,
        }

    def _exemplars(self) -> dict[str, list[Exemplar]]:
        indicator_ids = {entry.row.pk: entry.identifier for entry in self._indicators() if entry.row is not None}
        rows = Exemplar.objects.filter(indicator_id__in=indicator_ids).select_related("level").order_by("pk")
        grouped: dict[str, list[Exemplar]] = {}
        for exemplar in rows:
            grouped.setdefault(indicator_ids[exemplar.indicator_id], []).append(exemplar)
        return grouped

    def _levels_of(self, exemplar: Exemplar) -> tuple[list[tuple[Decimal, str]], Decimal | None]:
        scale_id = exemplar.level.scale_id
        if scale_id not in self.scale_levels:
            self.scale_levels[scale_id] = list(ScaleLevel.objects.filter(scale_id=scale_id))
        levels = self.scale_levels[scale_id]
        threshold = next((level.value for level in levels if level.is_threshold), None)
        return [(level.value, level.label) for level in levels], threshold

    def _match_exemplar(self, candidates: list[Exemplar], raw: JsonObject, used: set[int]) -> JsonObject | None:
        text = rubrics.exemplar_text(str((raw.get("destinationNodeURI") or {}).get("uri") or ""))
        for exemplar in candidates:
            if exemplar.pk in used or exemplar.text != text:
                continue
            used.add(exemplar.pk)
            levels, threshold = self._levels_of(exemplar)
            named = rubrics.level_named_in(str(raw.get("notes") or ""), levels)
            if (named if named is not None else threshold) != exemplar.level.value:
                raw["notes"] = f"level: {exemplar.level.number} ({exemplar.level.label})"
            return raw
        return None

    def _exemplar(self, indicator_id: str, exemplar: Exemplar) -> JsonObject:
        level = exemplar.level
        identifier = identity.derived(self.document_id, "exemplar", indicator_id, exemplar.title, level.number)
        return {
            "identifier": identifier,
            "uri": identity.uri("CFAssociations", identifier),
            "associationType": spec.EXEMPLAR,
            "originNodeURI": self.item_link(indicator_id),
            "destinationNodeURI": {
                "title": exemplar.title,
                "identifier": identity.derived(self.document_id, "exemplar-work", indicator_id, exemplar.title),
                "uri": _exemplar_uri(exemplar),
            },
            "notes": f"level: {level.number} ({level.label})",
            "lastChangeDateTime": self.created,
        }

    # --- definitions -------------------------------------------------------------------------------------

    def definitions(self) -> JsonObject:
        definitions = copy.deepcopy(self.case_document.definitions) if self.case_document else {}
        if self.generated_types:
            known = definitions.setdefault("CFItemTypes", [])
            known_ids = {d.get("identifier") for d in known if isinstance(d, dict)}
            known.extend(copy.deepcopy(d) for d in self.generated_types if d["identifier"] not in known_ids)
        return definitions

    # --- rubrics -----------------------------------------------------------------------------------------

    def rubrics(self) -> list[JsonObject]:
        indicators = {entry.identifier: entry for entry in self._indicators()}
        rows: dict[str, list[ScoringCriterion]] = {}
        by_pk = {entry.row.pk: entry.identifier for entry in self._indicators() if entry.row is not None}
        criteria = ScoringCriterion.objects.filter(indicator_id__in=by_pk).select_related("level")
        for criterion in criteria.order_by("level__value"):
            rows.setdefault(by_pk[criterion.indicator_id], []).append(criterion)
        done: set[str] = set()
        result: list[JsonObject] = []
        stored_rubrics = self.case_document.rubrics if self.case_document else []
        for stored in stored_rubrics if isinstance(stored_rubrics, list) else []:
            kept: list[JsonObject] = []
            stored_criteria = stored.get("CFRubricCriteria")
            for criterion in stored_criteria if isinstance(stored_criteria, list) else []:
                target = link_id(criterion.get("CFItemURI"))
                if target in indicators:
                    if target in rows and target not in done:
                        done.add(target)
                        kept.append(self._stored_criterion(criterion, rows[target]))
                elif not target or target in self.outline.items:
                    kept.append(copy.deepcopy(criterion))
            if kept:
                rubric = copy.deepcopy(stored)
                rubric["CFRubricCriteria"] = kept
                result.append(rubric)
        for identifier, entry in indicators.items():
            if identifier in rows and identifier not in done:
                result.append(self._rubric(entry, rows[identifier]))
        return result

    def _rubric(self, entry: OutlineItem, rows: list[ScoringCriterion]) -> JsonObject:
        rubric_id = identity.derived(self.document_id, "CFRubric", entry.identifier)
        criterion_id = identity.derived(self.document_id, "CFRubricCriterion", entry.identifier)
        return {
            "identifier": rubric_id,
            "uri": identity.uri("CFRubrics", rubric_id),
            "title": f"{entry.code} scoring criteria",
            "lastChangeDateTime": self.created,
            "CFRubricCriteria": [
                {
                    "identifier": criterion_id,
                    "uri": identity.uri("CFRubricCriteria", criterion_id),
                    "CFItemURI": self.item_link(entry.identifier),
                    "position": 1,
                    "rubricId": rubric_id,
                    "lastChangeDateTime": self.created,
                    "CFRubricCriterionLevels": [
                        self._level(criterion_id, entry.identifier, row, position)
                        for position, row in enumerate(rows, start=1)
                    ],
                }
            ],
        }

    def _level(self, criterion_id: str, indicator_id: str, row: ScoringCriterion, position: int) -> JsonObject:
        identifier = identity.derived(self.document_id, "CFRubricCriterionLevel", indicator_id, row.level.number)
        return {
            "identifier": identifier,
            "uri": identity.uri("CFRubricCriterionLevels", identifier),
            "description": row.description,
            "quality": row.level.label,
            "score": identity.score(row.level.value),
            "position": position,
            "rubricCriterionId": criterion_id,
            "lastChangeDateTime": self.created,
        }

    def _stored_criterion(self, stored: JsonObject, rows: list[ScoringCriterion]) -> JsonObject:
        criterion = copy.deepcopy(stored)
        stored_levels = stored.get("CFRubricCriterionLevels")
        stored_levels = stored_levels if isinstance(stored_levels, list) else []
        remaining = {row.level.value: row for row in rows}
        levels: list[JsonObject] = []
        for level in stored_levels:
            score = level.get("score")
            value = Decimal(str(score)) if isinstance(score, int | float) and not isinstance(score, bool) else None
            row = remaining.pop(value, None) if value is not None else None
            if row is None:
                quality = str(level.get("quality") or "").casefold()
                row = next((r for v, r in remaining.items() if r.level.label.casefold() == quality), None)
                if row is not None:
                    remaining.pop(row.level.value)
            if row is None:
                continue  # the criterion at this level was removed in proficio
            copied = copy.deepcopy(level)
            if row.description != rubrics.criterion_text(level, stored):
                copied["description"] = row.description
                copied["lastChangeDateTime"] = self.now
            levels.append(copied)
        criterion_id = str(stored.get("identifier") or "")
        for position, row in enumerate(remaining.values(), start=len(levels) + 1):
            levels.append(self._level(criterion_id, link_id(stored.get("CFItemURI")), row, position))
        criterion["CFRubricCriterionLevels"] = levels
        return criterion
