"""A student's standing: their cached levels and graduation status on the framework their district uses now."""

from __future__ import annotations

import pytest

from proficio.evidence.services import record_score
from proficio.proficiency.standing import Standing, standing_of
from proficio.progress.panels import student_detail
from proficio.progress.services import progress_for
from proficio.standards.models import Framework
from tests.factories import World, make_scale, make_world

pytestmark = pytest.mark.django_db


def _scored() -> World:
    world = make_world()
    record_score(
        student=world.student, indicator=world.indicator, value=3, scorer=world.teacher, assessment=world.assessment
    )
    return world


def test_it_reads_the_results_and_graduation_on_the_current_framework() -> None:
    world = _scored()
    standing = standing_of(world.student)
    assert standing.framework == world.framework
    assert set(standing.results) == {world.standard.pk}
    assert standing.results[world.standard.pk].framework == world.framework
    assert standing.graduation is not None and standing.graduation.framework == world.framework


def test_a_district_without_a_framework_gives_no_standing() -> None:
    world = _scored()
    Framework.objects.filter(pk=world.framework.pk).update(is_current=False)
    assert standing_of(world.student) == Standing(None)


def test_of_two_current_frameworks_it_reads_the_first_by_title() -> None:
    world = _scored()
    Framework.objects.create(title="zz later framework", district=world.district, scale=make_scale("later"))
    assert standing_of(world.student).framework == world.framework


def test_the_home_panel_and_the_progress_page_show_the_same_levels() -> None:
    world = _scored()
    page = progress_for(world.student, for_student=True)
    panel = student_detail(world.student)
    on_page = {row.standard.pk: row.result for group in page.groups for row in group["standards"]}
    on_panel = {line.standard.pk: line.result for group in panel.standard_groups for line in group.standards}
    assert on_page == on_panel and on_panel[world.standard.pk] is not None
