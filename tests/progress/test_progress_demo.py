"""The progress page on a demo district: the batched explanations agree with the explanation service on every
indicator, and the page's queries do not grow with the number of indicators."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from proficio.demo.writer import DemoResult
from proficio.proficiency.explanations import indicator_explanation
from proficio.progress.charts import growth_charts
from proficio.progress.sentences import indicator_explanations
from proficio.progress.services import progress_for
from proficio.roster.models import Student
from proficio.standards.models import PerformanceIndicator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_demo_district")]


def test_batched_explanations_match_the_service_on_every_indicator(demo_district: DemoResult) -> None:
    student = Student.objects.filter(scores__isnull=False).select_related("user", "school").distinct().first()
    assert student is not None
    indicators = list(
        PerformanceIndicator.objects.filter(standard__framework__district=student.school.district_id)
        .filter(standard__framework__is_current=True)
        .select_related("standard")
    )
    for for_student in (True, False):
        batched = indicator_explanations(student, indicators, for_student=for_student)
        for indicator in indicators:
            single = indicator_explanation(student, indicator, for_student=for_student)
            assert batched[indicator.pk].sentence == single.sentence, indicator.code
    assert any(" is " in batched[i.pk].sentence and "not decided" not in batched[i.pk].sentence for i in indicators)


def test_the_page_reads_in_a_fixed_number_of_queries(demo_district: DemoResult) -> None:
    student = Student.objects.filter(scores__isnull=False).select_related("user", "school").distinct().first()
    assert student is not None
    progress_for(student, for_student=True)  # warms the framework shape cache
    with CaptureQueriesContext(connection) as queries:
        progress = progress_for(student, for_student=True)
        charts = growth_charts(progress)
    assert len(queries) <= 15
    assert charts and all(chart["alternative"] and chart["spec"]["mark"]["type"] == "line" for chart in charts)
    assert sum(len(row.indicators) for group in progress.groups for row in group["standards"]) > 100
