"""Import a CASE CFPackage as a framework version: all or nothing, always on record.

``import_case`` opens an ImportRecord (outside the transaction, so even a refused import is recorded),
then reads, checks, maps, compares and writes inside one ``transaction.atomic()``. Any problem raises
ImportRefused inside it, so the database keeps no row of a refused import except its record, which lists
every problem found. A dry run does everything — including working out what would change — and rolls back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from proficio.accounts.models import User
from proficio.interop.case import changes as changes_module
from proficio.interop.case import identity, lenient, mapping, scales
from proficio.interop.case import structure as structure_module
from proficio.interop.case.decoding import decode, parse
from proficio.interop.case.exporter import framework_package
from proficio.interop.case.locate import Locator
from proficio.interop.case.outline import build as build_outline
from proficio.interop.case.rubrics import exemplar_links, rubric_levels
from proficio.interop.case.sources import load_case_source
from proficio.interop.case.validate import Checker, validate
from proficio.interop.case.writer import ImportPlan, write
from proficio.interop.models import CaseDocument, ImportRecord
from proficio.interop.permissions import can_import_frameworks
from proficio.interop.problems import ImportRefused, Problem, ProblemList, WarningList
from proficio.interop.records import finish_record, sha256_of_bytes, start_record
from proficio.jobs.progress import ProgressCallback, no_progress
from proficio.roster.models import District
from proficio.standards.models import Framework, ProficiencyScale, Standard

__all__ = ["CaseImportOutcome", "import_case", "load_case_source"]


@dataclass
class CaseImportOutcome:
    record: ImportRecord
    framework: Framework | None  # the new version; the unchanged current one; None after a dry run that would write
    counts: dict[str, Any] = field(default_factory=dict)
    changes: dict[str, Any] = field(default_factory=dict)
    created: bool = False  # whether a framework version was (or, in a dry run, would be) written
    dry_run: bool = False
    warnings: list[Problem] = field(default_factory=list)  # what was read leniently, each located


class _DryRun(Exception):
    """Raised at the end of a dry run to roll its transaction back."""

    def __init__(self, outcome: CaseImportOutcome) -> None:
        self.outcome = outcome


def import_case(
    data: bytes,
    *,
    source_name: str,
    district: District,
    user: User | None,
    mapping: Mapping[str, str] | None = None,
    scale: ProficiencyScale | None = None,
    work_habit_scale: ProficiencyScale | None = None,
    threshold: Decimal | None = None,
    dry_run: bool = False,
    progress: ProgressCallback = no_progress,
) -> CaseImportOutcome:
    """Import ``data`` (a CFPackage, CASE 1.0 or 1.1) into ``district``.

    ``mapping`` maps CFItemType names to "standard", "indicator", "objective" or "ignore"; ``scale`` /
    ``work_habit_scale`` choose the scales and ``threshold`` the proficient score of a scale built from the
    rubrics. Raises ImportRefused (after recording every problem) when anything is wrong, and
    PermissionDenied when ``user`` may not import frameworks into the district.
    """
    if user is not None and not can_import_frameworks(user, district):
        raise PermissionDenied("Only district administrators and school leaders of this district import frameworks.")
    record = start_record(
        ImportRecord.Kind.CASE, source_name=source_name, sha256=sha256_of_bytes(data), user=user, district=district
    )
    options = _Options(source_name, district, user, dict(mapping or {}), scale, work_habit_scale, threshold, progress)
    warnings = options.warnings
    try:
        with transaction.atomic():
            outcome = _run(data, options, record)
            if dry_run:
                raise _DryRun(outcome)
    except _DryRun as rolled_back:
        outcome = rolled_back.outcome
        outcome.dry_run = True
        if outcome.created:
            outcome.framework = None  # its rows were rolled back
        outcome.warnings = warnings.finished()
        finish_record(
            record,
            status=ImportRecord.Status.DRY_RUN,
            counts=outcome.counts,
            changes=outcome.changes,
            warnings=outcome.warnings,
        )
        progress("done", 1, 1)
        return outcome
    except ImportRefused as refused:
        counts: dict[str, object] = {"problems": len(refused.problems), "problems_truncated": refused.truncated}
        refused.warnings = warnings.finished()
        finish_record(
            record,
            status=ImportRecord.Status.FAILED,
            counts=counts,
            problems=refused.problems,
            warnings=refused.warnings,
        )
        raise
    except Exception as error:
        problem = Problem(file=source_name, message=f"the import stopped unexpectedly: {error!r}", where="import")
        finish_record(record, status=ImportRecord.Status.FAILED, problems=[problem])
        raise
    outcome.warnings = warnings.finished()
    finish_record(
        record,
        status=ImportRecord.Status.COMMITTED,
        counts=outcome.counts,
        changes=outcome.changes,
        warnings=outcome.warnings,
        framework=outcome.framework,
    )
    progress("done", 1, 1)
    return outcome


@dataclass
class _Options:
    source: str
    district: District
    user: User | None
    mapping: dict[str, str]
    scale: ProficiencyScale | None
    work_habit_scale: ProficiencyScale | None
    threshold: Decimal | None
    progress: ProgressCallback
    warnings: WarningList = field(default_factory=WarningList)


def _refuse_if(problems: ProblemList) -> None:
    if problems:
        raise ImportRefused(list(problems.items), problems.truncated)


def current_version(district: District, document_id: str) -> Framework | None:
    """The district's current framework for this CFDocument: imported from it, or exported as it."""
    document = (
        CaseDocument.objects.filter(identifier=document_id, framework__district=district, framework__is_current=True)
        .select_related("framework")
        .first()
    )
    if document is not None:
        return document.framework
    for framework in Framework.objects.filter(district=district, is_current=True, case_document__isnull=True):
        if identity.document_identifier(framework) == document_id:
            return framework
    return None


def _run(data: bytes, options: _Options, record: ImportRecord) -> CaseImportOutcome:
    source, progress = options.source, options.progress
    progress("reading", 0, 1)
    text = decode(data, source)
    top = parse(text, source)
    problems = ProblemList()
    check = Checker(source, Locator(text), problems, options.warnings)
    progress("checking", 0, 1)
    lenient.normalise(top, check)
    package = validate(top, source=source, locator=check.locator, problems=problems)
    _refuse_if(problems)
    assert package is not None
    lenient.as_stored(package, check)
    progress("mapping", 0, 1)
    item_mapping = mapping.resolve(package, options.mapping, check)
    _refuse_if(problems)
    structure = structure_module.build(package, item_mapping, check)
    _refuse_if(problems)
    structure_module.warn_deeper(structure, package, check)

    previous = current_version(options.district, package.document_id)
    levels, kept_criteria = rubric_levels(package, structure)
    exemplars, kept_exemplars = exemplar_links(package, structure)
    habit_standards = {n.identifier for n in structure.standards if n.kind == Standard.Kind.WORK_HABIT}

    def is_habit(indicator_id: str) -> bool:
        return structure.standard_of(structure.nodes[indicator_id]).identifier in habit_standards

    title = str(package.document.get("title") or "").strip()
    academic = scales.plan(
        scales.ACADEMIC,
        [level for level in levels if not is_habit(level.indicator)],
        given=options.scale,
        previous=previous.scale if previous else None,
        district=options.district,
        threshold=options.threshold,
        fallback_threshold=None,
        title=title,
        check=check,
        where=package.path("CFRubrics"),
    )
    habits = None
    if habit_standards:
        habits = scales.plan(
            scales.WORK_HABIT,
            [level for level in levels if is_habit(level.indicator)],
            given=options.work_habit_scale,
            previous=previous.work_habit_scale if previous else None,
            district=options.district,
            threshold=options.threshold,
            fallback_threshold=academic.threshold_value() if academic else None,
            title=title,
            check=check,
            where=package.path("CFRubrics"),
        )
    _refuse_if(problems)
    assert academic is not None

    progress("comparing", 0, 1)
    found = _changes(package, structure, previous, academic, habits)
    mapping.remember(package.document_id, item_mapping, options.user)
    counts: dict[str, Any] = {
        "case_version": package.case_version,
        "items": len(package.items),
        "standards": len(structure.standards),
        "indicators": len(structure.indicators),
        "objectives": len(structure.objectives),
        "ignored_items": sum(1 for node in structure.nodes.values() if not node.is_mapped),
        "associations": len(package.associations),
        "rubric_criteria_without_indicator": kept_criteria,
        "exemplar_associations_without_indicator": kept_exemplars,
    }
    preview = {"mapping": structure_module.mapping_rows(structure), "tree": structure_module.proposed_tree(structure)}
    if previous is not None and not found.any:
        counts["framework_version"] = previous.version
        counts["unchanged"] = True
        return CaseImportOutcome(record, previous, counts, found.as_dict() | preview, created=False)
    plan = ImportPlan(package, structure, academic, habits, levels, exemplars, previous, source, counts)
    framework, counts = write(plan, district=options.district, user=options.user, progress=progress)
    found_dict = found.as_dict() | {"new_version": framework.version} | preview
    return CaseImportOutcome(record, framework, counts, found_dict, created=True)


def _changes(
    package: Any,
    structure: structure_module.Structure,
    previous: Framework | None,
    academic: scales.ScalePlan,
    habits: scales.ScalePlan | None,
) -> changes_module.Changes:
    after = changes_module.incoming(structure)
    if previous is None:
        return changes_module.compare({}, after, previous_version=None, other=[])
    outline = build_outline(previous)
    before = changes_module.current(outline)
    if outline.case_document is not None:
        document = outline.case_document
        reference = {
            "CFDocument": document.document,
            "CFAssociations": [a.association for a in outline.associations],
            "CFRubrics": document.rubrics,
            "CFDefinitions": document.definitions,
        }
    else:
        reference = framework_package(previous)
    other = changes_module.other_parts(package, reference)
    if academic.existing is None or academic.existing.pk != previous.scale_id:
        other.append("scale")
    if habits is not None and (habits.existing is None or habits.existing.pk != previous.work_habit_scale_id):
        other.append("work-habit scale")
    return changes_module.compare(before, after, previous_version=previous.version, other=other)
