"""Issued reports are immutable in the database itself (reports/migrations/0002): raw SQL can neither change nor
delete one, on whichever engine runs; issuing again still adds a version; and nothing cascades onto them."""

from __future__ import annotations

import hashlib

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from proficio.reports import services
from proficio.reports.models import IssuedReport, ReportKind
from proficio.roster.models import AcademicSession
from tests.factories import World, make_user, make_world

pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]  # the issued-report triggers, by raw SQL; a flush

PDF = b"%PDF-1.7\n% a stand-in for an issued report card\n%%EOF\n"
TABLE = connection.ops.quote_name(IssuedReport._meta.db_table)


@pytest.fixture
def w() -> World:
    return make_world("ri")


@pytest.fixture
def report(w: World, term: AcademicSession) -> IssuedReport:
    return IssuedReport.objects.create(
        kind=ReportKind.REPORT_CARD,
        student=w.student,
        term=term,
        version=1,
        pdf=PDF,
        issued_by=make_user("ri.issuer"),
    )


def _raw(sql: str, params: list[object]) -> None:
    # Each statement in its own savepoint, so the test's transaction survives the refusal on PostgreSQL.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _unchanged(report: IssuedReport) -> None:
    stored = IssuedReport.objects.get(pk=report.pk)
    assert (stored.version, stored.sha256, bytes(stored.pdf)) == (1, hashlib.sha256(PDF).hexdigest(), PDF)


def test_the_database_refuses_a_raw_update(report: IssuedReport) -> None:
    forged = b"%PDF-1.7\n% forged\n%%EOF\n"
    with pytest.raises(IntegrityError, match="issued reports are immutable"):
        _raw(
            f"UPDATE {TABLE} SET pdf = %s, sha256 = %s, size = %s WHERE id = %s",
            [forged, hashlib.sha256(forged).hexdigest(), len(forged), report.pk],
        )
    with pytest.raises(IntegrityError):
        _raw(f"UPDATE {TABLE} SET version = %s WHERE id = %s", [7, report.pk])
    with pytest.raises(IntegrityError):  # even an update that changes nothing
        _raw(f"UPDATE {TABLE} SET version = version", [])
    _unchanged(report)


def test_the_database_refuses_a_raw_delete(report: IssuedReport) -> None:
    with pytest.raises(IntegrityError, match="issued reports are immutable"):
        _raw(f"DELETE FROM {TABLE} WHERE id = %s", [report.pk])
    with pytest.raises(IntegrityError):
        _raw(f"DELETE FROM {TABLE}", [])
    _unchanged(report)


def test_issuing_a_new_version_still_works(w: World, term: AcademicSession) -> None:
    leader = make_user("ri.leader")
    first = services.issue(ReportKind.REPORT_CARD, w.student, term, user=leader)
    second = services.issue(ReportKind.REPORT_CARD, w.student, term, user=leader)
    assert (first.version, second.version) == (1, 2)
    stored = {r.version: r for r in IssuedReport.objects.filter(student=w.student, kind=ReportKind.REPORT_CARD)}
    assert set(stored) == {1, 2}
    assert stored[1].sha256 == first.sha256 == hashlib.sha256(bytes(stored[1].pdf)).hexdigest()
    assert bytes(stored[2].pdf).startswith(b"%PDF-")


def test_no_cascade_reaches_an_issued_report(w: World, term: AcademicSession, report: IssuedReport) -> None:
    """Student, term and issuer are PROTECT: deleting any of them fails loudly and deletes nothing."""
    assert report.issued_by is not None
    for owner in (w.student, term, report.issued_by):
        with pytest.raises(ProtectedError) as refused, transaction.atomic():
            owner.delete()
        assert report in refused.value.protected_objects
    _unchanged(report)


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_with_an_issued_report_can_be_flushed(flushable_scores: None) -> None:
    world = make_world("rf")
    IssuedReport.objects.create(kind=ReportKind.TRANSCRIPT, student=world.student, version=1, pdf=PDF)
    # The teardown's flush (DELETE on SQLite, TRUNCATE on PostgreSQL) must succeed: ``flushable_scores`` lifts
    # the issued reports' no-delete trigger for it, and puts it back before the next transactional test.
