"""Audit events are never changed or removed: refused by the model, the queryset and the database itself."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from proficio.audit.models import Action, AuditAppendOnlyError, AuditEvent
from proficio.audit.services import record
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def event() -> AuditEvent:
    return record(Action.EXPORT_RUN, actor=make_user("exporter"), details={"what": "test"})


def test_the_model_refuses_to_change_or_delete_an_event(event: AuditEvent) -> None:
    event.actor_label = "someone else"
    with pytest.raises(AuditAppendOnlyError):
        event.save()
    with pytest.raises(AuditAppendOnlyError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).actor_label == "exporter"


def test_the_queryset_refuses_bulk_changes(event: AuditEvent) -> None:
    with pytest.raises(AuditAppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(actor_label="someone else")
    with pytest.raises(AuditAppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.vendor_sensitive  # the audit triggers, by raw SQL
def test_the_database_refuses_raw_update_and_delete(event: AuditEvent) -> None:
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET actor_label = %s WHERE id = %s", ["forged", event.pk])
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [event.pk])
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
    assert AuditEvent.objects.get(pk=event.pk).actor_label == "exporter"


def test_new_events_can_still_be_added(event: AuditEvent) -> None:
    record(Action.EXPORT_RUN, actor=None)
    assert AuditEvent.objects.count() >= 2


def test_a_person_named_in_the_trail_cannot_be_deleted(event: AuditEvent) -> None:
    from django.db.models import ProtectedError

    assert event.actor is not None
    with pytest.raises(ProtectedError):
        event.actor.delete()
