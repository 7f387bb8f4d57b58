"""A CASE 1.1 package becomes a framework: standards, indicators, objectives, scales, criteria, exemplars."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from proficio.interop.case.importer import import_case
from proficio.interop.models import CaseAssociation, CaseDocument, CaseItem, ImportRecord
from proficio.roster.models import District
from proficio.standards.models import CalculationPolicy, Exemplar, Framework, LearningObjective, Standard
from tests.interop.case.conftest import by_code, encode

pytestmark = pytest.mark.django_db


def _import(package: dict[str, Any], district: District, **options: Any) -> Framework:
    outcome = import_case(encode(package), source_name="riverside.json", district=district, user=None, **options)
    assert outcome.framework is not None
    return outcome.framework


def test_it_builds_the_standards_tree(riverside: dict[str, Any], district: District) -> None:
    framework = _import(riverside, district)
    tree = {
        s.code: {i.code: [o.code for o in i.objectives.all()] for i in s.indicators.all()}
        for s in framework.standards.all()
    }
    assert tree == {
        "CEC.1": {"CEC.1.1": ["CEC.1.1.a", "CEC.1.1.b"], "CEC.1.2": ["CEC.1.2.a"]},
        "MATH.1": {"MATH.1.1": ["MATH.1.1.a"], "MATH.1.2": []},
        "WH.1": {"WH.1.1": []},
    }
    assert [s.code for s in framework.standards.order_by("position")] == ["CEC.1", "MATH.1", "WH.1"]
    assert framework.title == "Riverside Unified Graduation Standards"
    assert framework.identifier == riverside["CFDocument"]["identifier"]
    assert framework.version == 1 and framework.is_current
    assert str(framework.adopted_on) == "2024-06-01"


def test_it_reads_kinds_titles_and_codes(riverside: dict[str, Any], district: District) -> None:
    framework = _import(riverside, district)
    kinds = {s.code: (s.kind, s.content_area, s.required_for_graduation, s.title) for s in framework.standards.all()}
    assert kinds == {
        "CEC.1": ("cross_curricular", "", True, "Clear and effective communicator"),
        "MATH.1": ("content_area", "math", True, "Mathematical problem solver"),
        "WH.1": ("work_habit", "", False, "Responsibility"),
    }
    cec = framework.standards.get(code="CEC.1")
    assert cec.identifier == by_code(riverside, "CEC.1")["identifier"]


def test_statements_keep_markdown_and_characters_beyond_the_bmp(riverside: dict[str, Any], district: District) -> None:
    framework = _import(riverside, district)
    cec = framework.standards.get(code="CEC.1")
    assert cec.statement == by_code(riverside, "CEC.1")["fullStatement"]
    assert "**communicate clearly and effectively**" in cec.statement
    solve = LearningObjective.objects.get(indicator__standard__framework=framework, code="MATH.1.1.a")
    assert solve.statement == by_code(riverside, "MATH.1.1.a")["fullStatement"]
    assert "𝑥² + 5𝑥 + 6 = 0" in solve.statement
    cite = LearningObjective.objects.get(indicator__standard__framework=framework, code="CEC.1.1.b")
    assert cite.statement.endswith("paraphrased 📚.")


def test_it_builds_scales_from_the_rubric_levels(riverside: dict[str, Any], district: District) -> None:
    framework = _import(riverside, district)
    academic = [(level.value, level.label, level.is_threshold) for level in framework.scale.levels.all()]
    assert academic == [
        (Decimal("1"), "Does Not Meet", False),
        (Decimal("2"), "Partially Meets", False),
        (Decimal("3"), "Meets", True),
        (Decimal("4"), "Exceeds", False),
    ]
    assert framework.scale.district == district and framework.scale.purpose == "academic"
    habits = framework.work_habit_scale
    assert habits is not None and habits.purpose == "work_habit"
    assert [level.label for level in habits.levels.all()] == ["Rarely", "Sometimes", "Usually", "Consistently"]
    assert habits.threshold is not None and habits.threshold.value == 3  # the academic threshold, as no name says


def test_rubric_levels_become_scoring_criteria(riverside: dict[str, Any], district: District) -> None:
    framework = _import(riverside, district)
    indicator = Standard.objects.get(framework=framework, code="CEC.1").indicators.get(code="CEC.1.1")
    criteria = list(indicator.criteria.all())
    assert [c.level.value for c in criteria] == [1, 2, 3, 4]
    assert all(c.level.scale == framework.scale for c in criteria)
    assert criteria[2].description.startswith("Independently: write arguments")
    habit = Standard.objects.get(framework=framework, code="WH.1").indicators.get()
    assert {c.level.scale for c in habit.criteria.all()} == {framework.work_habit_scale}


def test_exemplar_associations_become_exemplars_at_their_level(riverside: dict[str, Any], district: District) -> None:
    framework = _import(riverside, district)
    exemplars = Exemplar.objects.filter(indicator__standard__framework=framework).order_by("level__value")
    assert [(e.indicator.code, e.level.value, e.title) for e in exemplars] == [
        ("CEC.1.1", 3, "Argument essay on school start times (Meets)"),
        ("CEC.1.1", 4, "Argument essay on local water rights (Exceeds)"),
    ]
    assert exemplars[0].text == "https://exemplars.riverside.example/cec-1-1/start-times-meets.pdf"


@pytest.mark.vendor_sensitive  # JSON fields
def test_it_keeps_the_case_package_for_export(riverside: dict[str, Any], district: District) -> None:
    framework = _import(riverside, district)
    document = CaseDocument.objects.get(framework=framework)
    assert document.case_version == "1.1" and document.document == riverside["CFDocument"]
    assert document.rubrics == riverside["CFRubrics"] and document.definitions == riverside["CFDefinitions"]
    assert CaseItem.objects.filter(document=document).count() == 12
    kinds = sorted(CaseAssociation.objects.filter(document=document).values_list("association_type", flat=True))
    assert kinds.count("isChildOf") == 12
    assert {"exactMatchOf", "isRelatedTo", "isPeerOf", "exemplar"} <= set(kinds)
    crosswalk = CaseAssociation.objects.get(document=document, association_type="exactMatchOf")
    assert crosswalk.destination_uri.startswith("https://casenetwork.imsglobal.org/uri/")


@pytest.mark.vendor_sensitive  # JSON fields
def test_it_records_the_import(riverside: dict[str, Any], district: District) -> None:
    outcome = import_case(encode(riverside), source_name="riverside.json", district=district, user=None)
    record = ImportRecord.objects.get()
    assert record == outcome.record and record.status == ImportRecord.Status.COMMITTED
    assert record.kind == "case" and record.framework == outcome.framework and len(record.sha256) == 64
    assert record.counts["standards"] == 3 and record.counts["indicators"] == 5 and record.counts["objectives"] == 4
    assert record.counts["scoring_criteria"] == 20 and record.counts["exemplars"] == 2
    assert record.counts["scale"] == "created Riverside Unified Graduation Standards scale"
    assert record.changes["previous_version"] is None and len(record.changes["added"]) == 12
    assert CalculationPolicy.objects.filter(framework=outcome.framework).exists()


def test_it_reports_progress(riverside: dict[str, Any], district: District) -> None:
    stages: list[str] = []
    import_case(
        encode(riverside),
        source_name="riverside.json",
        district=district,
        user=None,
        progress=lambda stage, done, total: stages.append(stage),
    )
    assert stages[0] == "reading" and stages[-1] == "done" and "writing standards" in stages


def test_a_given_scale_is_used(riverside: dict[str, Any], district: District, make_scale: Any) -> None:
    scale = make_scale(district, "District 1–4")
    make_scale(district, "Another 1–4")
    framework = _import(riverside, district, scale=scale)
    assert framework.scale == scale


def test_a_district_scale_with_the_rubric_values_is_reused(
    riverside: dict[str, Any], district: District, make_scale: Any
) -> None:
    scale = make_scale(district, "District 1–4")
    framework = _import(riverside, district)
    assert framework.scale == scale
