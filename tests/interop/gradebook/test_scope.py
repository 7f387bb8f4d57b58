"""What an export covers: a session (with the terms inside it), chosen sections, never another district."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from proficio.evidence.models import Assessment
from proficio.interop.gradebook.scope import ExportScopeError
from proficio.roster.models import AcademicSession, Section
from tests.factories import World, make_world
from tests.interop.gradebook.helpers import add_student, export, score

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_world()


def _scored_section(world: World, session: AcademicSession, name: str) -> Section:
    section = Section.objects.create(course=world.section.course, session=session, name=name)
    student = add_student(world, name.replace(" ", "-").lower(), section)
    assessment = Assessment.objects.create(
        section=section, title=f"{name} essay", kind=Assessment.Kind.SUMMATIVE, assessed_on=session.start_date
    )
    assessment.indicators.set([world.indicator])
    score(world, 3, student=student, assessment=assessment)
    return section


def _classes(folder_export: object) -> set[str]:
    return {row["classSourcedId"] for row in folder_export.rows["lineItems.csv"]}  # type: ignore[attr-defined]


def test_a_session_takes_its_sections_and_those_of_its_terms(world: World, tmp_path: Path) -> None:
    year = world.section.session
    fall = AcademicSession.objects.create(
        district=world.district,
        title="Fall",
        kind=AcademicSession.Kind.TERM,
        parent=year,
        school_year=2026,
        start_date=date(2025, 8, 27),
        end_date=date(2026, 1, 20),
    )
    next_year = AcademicSession.objects.create(
        district=world.district,
        title="2026–27",
        kind=AcademicSession.Kind.SCHOOL_YEAR,
        school_year=2027,
        start_date=date(2026, 8, 26),
        end_date=date(2027, 6, 11),
    )
    score(world, 3)
    in_fall = _scored_section(world, fall, "Fall seminar")
    later = _scored_section(world, next_year, "Next year")
    this_year = _classes(export(world, tmp_path / "year", session=year))
    assert this_year == {f"proficio-section-{world.section.pk}", f"proficio-section-{in_fall.pk}"}
    assert _classes(export(world, tmp_path / "next", session=next_year)) == {f"proficio-section-{later.pk}"}
    assert len(_classes(export(world, tmp_path / "all"))) == 3


def test_chosen_sections_only(world: World, tmp_path: Path) -> None:
    score(world, 3)
    other = _scored_section(world, world.section.session, "Period 2")
    exported = export(world, tmp_path / "out", sections=Section.objects.filter(pk=other.pk))
    assert _classes(exported) == {f"proficio-section-{other.pk}"}
    assert {r["classSourcedId"] for r in exported.rows["results.csv"]} == {f"proficio-section-{other.pk}"}


def test_another_districts_session_is_refused(world: World, tmp_path: Path) -> None:
    elsewhere = make_world("x")
    with pytest.raises(ExportScopeError):
        export(world, tmp_path / "out", session=elsewhere.section.session)
    assert not (tmp_path / "out").exists()


def test_another_districts_sections_are_never_exported(world: World, tmp_path: Path) -> None:
    elsewhere = make_world("x")
    score(elsewhere, 3)
    exported = export(world, tmp_path / "out", sections=Section.objects.filter(pk=elsewhere.section.pk))
    assert "lineItems.csv" not in exported.rows and "results.csv" not in exported.rows


def test_a_district_without_summative_evidence_exports_only_categories(world: World, tmp_path: Path) -> None:
    world.assessment.indicators.clear()
    exported = export(world, tmp_path / "out")
    assert set(exported.rows) == {"categories.csv", "manifest.csv"}
    assert exported.manifest["file.categories"] == "bulk"
    assert exported.manifest["file.lineItems"] == exported.manifest["file.results"] == "absent"
