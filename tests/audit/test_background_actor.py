"""Work done without a request (an import run by a background worker) is still attributed to the person who
started it, not to "system"."""

from __future__ import annotations

from typing import Any

import pytest

from proficio.audit.models import Action, AuditEvent
from proficio.audit.services import SYSTEM, acting_as, current_actor
from proficio.jobs import services as job_services
from proficio.jobs.models import Job
from proficio.jobs.runner import run_as_job
from proficio.standards.models import Standard
from tests.factories import World, make_world

pytestmark = pytest.mark.django_db


def _rename(world: World) -> None:
    standard = Standard.objects.get(pk=world.standard.pk)
    standard.title = "Reading, renamed"
    standard.save()


def _framework_changes() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=Action.FRAMEWORK_CHANGED).order_by("pk"))


def test_a_change_without_request_or_actor_is_the_systems() -> None:
    world = make_world()
    _rename(world)
    assert _framework_changes()[-1].actor is None and _framework_changes()[-1].actor_label == SYSTEM


def test_acting_as_names_the_person_and_ends_with_the_block() -> None:
    world = make_world()
    with acting_as(world.teacher):
        assert current_actor() == world.teacher
        _rename(world)
    assert current_actor() is None
    assert _framework_changes()[-1].actor == world.teacher


def test_an_import_job_attributes_its_framework_changes_to_whoever_started_it() -> None:
    world = make_world()
    job = job_services.create(kind="case", user=world.teacher)

    def work(job: Job, report: Any) -> None:
        _rename(world)

    run_as_job(job.token, work, failure="failed: {error}")
    job.refresh_from_db()
    assert job.finished and job.error == ""
    event = _framework_changes()[-1]
    assert event.actor == world.teacher and event.actor_label.endswith(f"({world.teacher.username})")
