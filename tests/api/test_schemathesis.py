"""The API keeps the promises of its own OpenAPI schema, checked by schemathesis against the live app.

The schema is fetched from the running WSGI application (``/api/v1/openapi.json``) and every operation is
called with generated requests — valid ones (positive) and ones that break the schema (negative) — as a
teacher of a small scored world, with a write token. Each response must not be a 5xx, must have a documented
status and content type, must match the documented body schema, and an invalid request must be refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from proficio.evidence.services import correct_score, record_score
from tests.api.conftest import Cast, secret_for
from tests.hypothesis_profiles import examples

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = examples(20)  # 20 under the thorough profile
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
FIGURES: dict[str, Any] = {}
"""Operations, examples and failures of the last run, for the report (pytest -s prints them too)."""


@pytest.fixture
def keep_test_connection() -> Iterator[None]:
    """Django closes "old" connections when a request starts and when it finishes; inside a test's transaction
    that would end the test's own. Django's test client lifts the same receivers; the WSGI calls need it too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def scored_world(cast: Cast) -> Cast:
    """Scores, a correction and results exist, so small generated ids find real records."""
    world = cast.world
    score = record_score(
        student=world.student, indicator=world.indicator, value=2, scorer=world.teacher, assessment=world.assessment
    )
    correct_score(score=score, value=3, scorer=world.teacher, reason="Misread the rubric.")
    record_score(
        student=world.student,
        indicator=world.habit_indicator,
        value=4,
        scorer=world.teacher,
        assessment=world.assessment,
    )
    return cast


def _exercise(operation: Any, mode: GenerationMode, headers: dict[str, str], counter: list[int]) -> None:
    """Call ``operation`` with up to EXAMPLES_PER_OPERATION generated requests; raise the first failure found."""
    checks = CHECKS + ([negative_data_rejection] if mode is GenerationMode.NEGATIVE else [])

    @given(case=operation.as_strategy(generation_mode=mode, headers=headers))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
    )
    def call(case: schemathesis.Case) -> None:
        counter[0] += 1
        response = case.call(headers=headers)
        case.validate_response(response, checks=checks, headers=headers)

    call()


def test_every_operation_keeps_its_schema(scored_world: Cast, keep_test_connection: None) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    headers = {"Authorization": f"Bearer {secret_for(scored_world.world.teacher)}"}
    operations, examples, failures = 0, [0], []
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _exercise(operation, mode, headers, examples)
            except (Exception, FailureGroup) as failure:  # every operation is tried; failures reported together
                failures.append(f"{operation.label} ({mode}): {failure}")
    FIGURES.update(operations=operations, examples=examples[0], failures=len(failures))
    print(f"\nschemathesis: {operations} operations, {examples[0]} examples, {len(failures)} failures")
    assert operations >= 23
    assert not failures, "\n\n".join(failures)
