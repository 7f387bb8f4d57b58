"""Reading an export back with the csv module, and one export of the demo district shared by a module's tests.

Writing the demo district takes seconds, so ``demo_export`` writes it once per test module inside a
transaction, exports it (twice as a zip, once as a folder), notes what the database says the export should
contain, and rolls everything back before the first test runs. The tests then only read files and facts.
"""

from __future__ import annotations

import csv
import io
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection, transaction

from proficio.demo.plan import DistrictPlan
from proficio.demo.writer import write_plan
from proficio.evidence.models import Assessment, Score
from proficio.interop.case.exporter import framework_package
from proficio.interop.gradebook import ids, write_gradebook
from proficio.proficiency.models import IndicatorResult, StandardResult
from proficio.roster.models import District, Enrollment, School, Section, Student
from proficio.standards.models import Framework, PerformanceIndicator, ProficiencyScale
from tests.conftest import DEMO_TEST_PASSWORD


@dataclass
class Export:
    """Each file's header row and its data rows as dictionaries."""

    headers: dict[str, list[str]]
    rows: dict[str, list[dict[str, str]]]

    def ids(self, name: str) -> set[str]:
        return {row["sourcedId"] for row in self.rows.get(name, [])}

    def by_id(self, name: str) -> dict[str, dict[str, str]]:
        return {row["sourcedId"]: row for row in self.rows.get(name, [])}

    @property
    def manifest(self) -> dict[str, str]:
        return {row["propertyName"]: row["value"] for row in self.rows["manifest.csv"]}


def parse(files: dict[str, bytes]) -> Export:
    headers: dict[str, list[str]] = {}
    rows: dict[str, list[dict[str, str]]] = {}
    for name, data in files.items():
        table = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        headers[name] = table[0]
        rows[name] = [dict(zip(table[0], row, strict=True)) for row in table[1:]]
    return Export(headers, rows)


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def zip_bytes(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def read_folder(folder: Path) -> Export:
    return parse(folder_bytes(folder))


def published_case_urns(framework: Framework) -> dict[str, str]:
    """Code → ``urn:uuid:`` of each CFItem in the framework's CASE export: what alignment rows must point at."""
    package = framework_package(framework)
    return {item["humanCodingScheme"]: uuid.UUID(item["identifier"]).urn for item in package["CFItems"]}


@dataclass
class DemoExport:
    export: Export
    folder: Path
    zips: tuple[bytes, bytes]
    # What the database says, noted before the rollback:
    current: dict[str, tuple[str, str, str, str]] = field(
        default_factory=dict
    )  # result → line item, student, class, score
    corrected: list[tuple[str, str, str]] = field(default_factory=list)  # result, superseded value, current value
    formative: set[str] = field(default_factory=set)  # the lineItem ids formative alignments would have had
    objectives: dict[str, str] = field(default_factory=dict)  # evidence lineItem → CASE export's CFItem URN
    scales: dict[str, list[str]] = field(default_factory=dict)  # scale name → ["{value:label}", …]
    classes: set[str] = field(default_factory=set)
    students: set[str] = field(default_factory=set)
    schools: set[str] = field(default_factory=set)
    levels: dict[str, str] = field(default_factory=dict)  # level result → level value


def _value(value: object) -> str:
    return f"{value.normalize():f}"  # type: ignore[attr-defined]


def _note_expectations(demo: DemoExport) -> None:
    sections = {s.pk: ids.roster_id("section", s.pk, s.sourced_id) for s in Section.objects.all()}
    demo.classes = set(sections.values())
    demo.students = {
        ids.roster_id("user", s.user_id, s.user.sourced_id) for s in Student.objects.select_related("user")
    }
    # the demo district's schools (the network's partner districts are not exported with it)
    schools = School.objects.filter(district__identifier="NRSD")
    demo.schools = {ids.roster_id("school", s.pk, s.sourced_id) for s in schools}
    _note_scores(demo, sections)
    _note_alignments(demo)
    _note_levels(demo)


def _note_scores(demo: DemoExport, sections: dict[int, str]) -> None:
    summative = Score.objects.filter(assessment__kind=Assessment.Kind.SUMMATIVE).select_related(
        "assessment", "student__user"
    )
    for score in summative.filter(superseded_by__isnull=True):
        assert score.assessment is not None
        line_item = ids.evidence_line_item_id(score.assessment.pk, score.indicator_id)
        student = ids.roster_id("user", score.student.user_id, score.student.user.sourced_id)
        result = ids.result_id(line_item, score.student_id)
        demo.current[result] = (line_item, student, sections[score.assessment.section_id], _value(score.value))
    for score in summative.filter(superseded_by__isnull=False):
        assert score.assessment is not None
        line_item = ids.evidence_line_item_id(score.assessment.pk, score.indicator_id)
        result = ids.result_id(line_item, score.student_id)
        demo.corrected.append((result, _value(score.value), demo.current[result][3]))


def _note_alignments(demo: DemoExport) -> None:
    alignments = Assessment.indicators.through.objects.select_related(
        "assessment", "performanceindicator__standard__framework"
    )
    published: dict[int, dict[str, str]] = {}
    for alignment in alignments:
        indicator: PerformanceIndicator = alignment.performanceindicator
        line_item = ids.evidence_line_item_id(alignment.assessment_id, indicator.pk)
        if alignment.assessment.kind == Assessment.Kind.FORMATIVE:
            demo.formative.add(line_item)
        else:
            framework = indicator.standard.framework
            if framework.pk not in published:
                published[framework.pk] = published_case_urns(framework)
            demo.objectives[line_item] = published[framework.pk][indicator.code]
    for scale in ProficiencyScale.objects.prefetch_related("levels"):
        demo.scales[scale.name] = [f"{{{_value(level.value)}:{level.label}}}" for level in scale.levels.all()]


def _note_levels(demo: DemoExport) -> None:
    """Naively: every enrolled student's cached level on each standard and indicator the section assesses."""
    taught = list(
        Assessment.indicators.through.objects.filter(assessment__kind=Assessment.Kind.SUMMATIVE).values_list(
            "assessment__section_id", "performanceindicator_id", "performanceindicator__standard_id"
        )
    )
    taught_indicators = {(section, indicator) for section, indicator, _ in taught}
    taught_standards = {(section, standard) for section, _, standard in taught}
    student_of = {s.user_id: s.pk for s in Student.objects.all()}
    indicator_levels = list(
        IndicatorResult.objects.filter(level__isnull=False).values_list("student_id", "indicator_id", "level__value")
    )
    standard_levels = list(
        StandardResult.objects.filter(level__isnull=False).values_list("student_id", "standard_id", "level__value")
    )
    enrolled = Enrollment.objects.filter(role=Enrollment.Role.STUDENT).values_list("section_id", "user_id")
    for section_id, user_id in enrolled:
        student_pk = student_of[user_id]
        for level_student, indicator_id, value in indicator_levels:
            if level_student == student_pk and (section_id, indicator_id) in taught_indicators:
                line_item = ids.indicator_level_line_item_id(section_id, indicator_id)
                demo.levels[ids.result_id(line_item, student_pk)] = _value(value)
        for level_student, standard_id, value in standard_levels:
            if level_student == student_pk and (section_id, standard_id) in taught_standards:
                line_item = ids.standard_level_line_item_id(section_id, standard_id)
                demo.levels[ids.result_id(line_item, student_pk)] = _value(value)


def _refuse_a_real_database() -> None:
    """pytest-django creates the test database only when a collected test is marked for the database; without
    that mark this fixture would write into the real one, so it checks first."""
    name = str(connection.settings_dict["NAME"])
    if "memory" not in name and not Path(name).name.startswith("test"):
        raise RuntimeError(f"refusing to write the demo district into {name}: mark the tests django_db")


@pytest.fixture(scope="module")
def demo_export(
    django_db_setup: None, django_db_blocker: object, small_plan: DistrictPlan, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoExport]:
    """The demo district (the same plan as ``demo_district``), exported; nothing stays in the database.

    Modules using it mark their tests ``django_db`` so that pytest-django sets up the test database."""
    out = tmp_path_factory.mktemp("gradebook")
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        _refuse_a_real_database()
        write_plan(small_plan, DEMO_TEST_PASSWORD)
        district = District.objects.get(identifier="NRSD")  # not the network's partner districts
        write_gradebook(out / "first.zip", district, as_zip=True)
        write_gradebook(out / "second.zip", district, as_zip=True)
        write_gradebook(out / "folder", district, as_zip=False)
        demo = DemoExport(
            export=read_folder(out / "folder"),
            folder=out / "folder",
            zips=((out / "first.zip").read_bytes(), (out / "second.zip").read_bytes()),
        )
        _note_expectations(demo)
        transaction.set_rollback(True)
    yield demo
