"""Transactional tests (the browser journeys) log in, so the flush after them must get past the audit trail."""

from __future__ import annotations

import pytest
from django.test import Client

from proficio.audit.models import Action, AuditEvent
from tests.audit.helpers import PASSWORD
from tests.factories import make_world


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_that_logs_in_can_be_flushed(flushable_scores: None) -> None:
    world = make_world()
    assert Client().login(username=world.teacher.username, password=PASSWORD)
    assert AuditEvent.objects.filter(action=Action.LOGIN, actor=world.teacher).count() == 1
    # The teardown's flush (DELETE on SQLite, TRUNCATE on PostgreSQL) must succeed: ``flushable_scores`` lifts
    # the no-delete trigger for it, and puts it back before the next transactional test.
