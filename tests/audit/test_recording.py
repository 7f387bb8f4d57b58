"""Each audited action writes exactly one event, naming who did it, whom it concerns, where, and from where."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from simple_history.middleware import HistoryRequestMiddleware

from proficio.audit.models import Action
from proficio.evidence.services import correct_score, record_score
from proficio.interop.models import ImportRecord
from proficio.interop.records import finish_record, start_record
from proficio.standards.models import CalculationPolicy, PerformanceIndicator, ScaleLevel, Standard
from tests.audit.helpers import BROWSER, PASSWORD, admin_of, client_for, events_since, last_id, leader_of
from tests.factories import World, make_world

pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]  # audit details are a JSON field
IP = "203.0.113.7"


@pytest.fixture
def world() -> World:
    return make_world()


def _score_url(world: World) -> str:
    return f"/assessments/{world.assessment.pk}/scores/"


def test_a_score_recorded_on_the_scoring_screen(world: World) -> None:
    client = client_for(world.teacher, ip=IP)
    mark = last_id()
    data = {"student": world.student.pk, "indicator": world.indicator.pk, "value": "3"}
    assert client.post(_score_url(world), data).status_code == 200
    [event] = events_since(mark)
    assert event.action == Action.SCORE_CREATED
    assert event.actor == world.teacher and event.actor_label == "Tess Teacher (w.teacher)"
    assert event.student == world.student
    assert (event.school, event.district) == (world.school, world.district)
    assert (event.ip_address, event.user_agent) == (IP, BROWSER)
    assert event.object_type == "evidence.score" and event.details["value"] == "3"


def test_a_correction_records_old_and_new_value_and_the_reason(world: World) -> None:
    client = client_for(world.teacher, ip=IP)
    client.post(_score_url(world), {"student": world.student.pk, "indicator": world.indicator.pk, "value": "2"})
    mark = last_id()
    data = {"student": world.student.pk, "indicator": world.indicator.pk, "value": "4", "reason": "Wrong row."}
    assert client.post(_score_url(world), data).status_code == 200
    [event] = events_since(mark)
    assert event.action == Action.SCORE_CORRECTED
    assert event.actor == world.teacher and event.student == world.student and event.ip_address == IP
    assert event.details["old_value"] == "2" and event.details["value"] == "4"
    assert event.details["reason"] == "Wrong row."


def test_scores_written_by_the_service_alone_name_the_scorer(world: World) -> None:
    mark = last_id()
    score = record_score(
        student=world.student, indicator=world.indicator, assessment=world.assessment, value=3, scorer=world.teacher
    )
    correct_score(score=score, value=Decimal(4), scorer=world.teacher, reason="Regraded.")
    created, corrected = events_since(mark)
    assert [created.action, corrected.action] == [Action.SCORE_CREATED, Action.SCORE_CORRECTED]
    assert created.actor == corrected.actor == world.teacher
    assert created.ip_address is None and created.school == world.school


def test_a_policy_change_says_what_changed(world: World) -> None:
    policy = CalculationPolicy.objects.get(framework=world.framework)
    mark = last_id()
    policy.method = "highest"
    policy.parameters = {}
    policy.save()
    [event] = events_since(mark)
    assert event.action == Action.POLICY_CHANGED
    assert event.actor is None and event.actor_label == "system"  # no request: a script or the shell
    assert event.district == world.district and event.school is None
    assert event.details["changes"]["method"] == ["decaying_average", "highest"]
    assert event.details["version"] == policy.version


def test_framework_parts_created_changed_and_deleted(world: World) -> None:
    mark = last_id()
    standard = Standard.objects.create(
        framework=world.framework,
        code="SCI.1",
        title="Inquiry",
        statement="Asks.",
        kind=Standard.Kind.CONTENT_AREA,
        content_area="science",
    )
    indicator = PerformanceIndicator.objects.create(standard=standard, code="SCI.1.1", statement="Questions.")
    indicator.statement = "Asks questions."
    indicator.save()
    level = ScaleLevel.objects.get(scale=world.framework.scale, value=4)
    level.label = "Beyond"
    level.save()
    indicator.delete()
    events = events_since(mark)
    assert [e.action for e in events] == [Action.FRAMEWORK_CHANGED] * 5
    assert [e.details["change"] for e in events] == ["created", "created", "updated", "updated", "deleted"]
    assert all(e.district == world.district for e in events)
    assert events[3].object_label == "w academic: 4 – Beyond"


def test_a_policy_changed_during_a_request_names_the_user_and_address(world: World) -> None:
    """Receivers borrow the request simple_history's middleware keeps for the thread (the admin site, the API)."""
    admin = admin_of(world)
    policy = CalculationPolicy.objects.get(framework=world.framework)
    request = RequestFactory().post("/anywhere/", REMOTE_ADDR=IP, HTTP_USER_AGENT=BROWSER)
    request.user = admin

    def change_policy(request: HttpRequest) -> HttpResponse:
        policy.minimum_evidence = 2
        policy.save()
        return HttpResponse()

    mark = last_id()
    HistoryRequestMiddleware(change_policy)(request)
    [event] = events_since(mark)
    assert event.action == Action.POLICY_CHANGED and event.actor == admin
    assert (event.ip_address, event.user_agent) == (IP, BROWSER)
    assert event.details["changes"] == {"minimum_evidence": [1, 2]}


def test_each_finished_import_is_recorded_once(world: World) -> None:
    admin = admin_of(world)
    mark = last_id()
    running = start_record(
        ImportRecord.Kind.CASE, source_name="riverside.json", sha256="0" * 64, user=admin, district=world.district
    )
    assert events_since(mark) == []  # still running
    finish_record(running, status=ImportRecord.Status.FAILED)
    running.save()  # saved again later: still one event
    refused = start_record(ImportRecord.Kind.ONEROSTER, source_name="roster.zip", sha256="1" * 64)
    finish_record(refused, status=ImportRecord.Status.DRY_RUN)
    first, second = events_since(mark)
    assert first.action == second.action == Action.IMPORT_RUN
    assert first.actor == admin and first.district == world.district and first.details["status"] == "failed"
    assert first.object_label == "CASE framework import of riverside.json"
    assert second.actor is None and second.details["status"] == "dry_run"


def test_a_web_import_is_recorded_with_the_uploaders_address(world: World) -> None:
    from tests.interop.test_web import _package

    admin = admin_of(world)
    mark = last_id()
    client_for(admin, ip=IP).post("/interop/case/", {"district": world.district.pk, "package": _package()})
    [event] = events_since(mark, Action.IMPORT_RUN)
    assert event.actor == admin and event.ip_address == IP and event.details["status"] == "dry_run"


def test_the_gradebook_download_is_recorded(world: World) -> None:
    admin = admin_of(world)
    client = client_for(admin, ip=IP)
    mark = last_id()
    response = client.get(f"/interop/districts/{world.district.pk}/oneroster-gradebook.zip")
    assert response.status_code == 200
    b"".join(response.streaming_content)  # type: ignore[attr-defined]
    [event] = events_since(mark)
    assert event.action == Action.EXPORT_RUN and event.actor == admin
    assert event.district == world.district and event.ip_address == IP
    assert event.object_type == "roster.district"


def test_a_refused_download_records_nothing(world: World) -> None:
    client = client_for(leader_of(world))
    mark = last_id()
    assert client.get(f"/interop/districts/{world.district.pk}/oneroster-gradebook.zip").status_code == 404
    assert events_since(mark, Action.EXPORT_RUN) == []


def test_command_line_exports_are_recorded(world: World, tmp_path: Path) -> None:
    mark = last_id()
    call_command("export_case", world.framework.pk, stdout=io.StringIO())
    call_command(
        "export_oneroster_gradebook",
        "--district",
        world.district.pk,
        "--output",
        tmp_path / "g.zip",
        stdout=io.StringIO(),
    )
    case, gradebook = events_since(mark)
    assert case.action == gradebook.action == Action.EXPORT_RUN
    assert case.actor is None and case.actor_label.startswith("command line")
    assert case.object_type == "standards.framework" and case.district == world.district
    assert gradebook.district == world.district and gradebook.details["what"] == "OneRoster gradebook"


def test_logging_in_is_recorded(world: World) -> None:
    mark = last_id()
    client = Client(REMOTE_ADDR=IP, HTTP_USER_AGENT=BROWSER)
    response = client.post("/login/", {"username": "w.teacher", "password": PASSWORD})
    assert response.status_code == 302
    [event] = events_since(mark)
    assert event.action == Action.LOGIN and event.actor == world.teacher
    assert (event.ip_address, event.user_agent) == (IP, BROWSER)
    assert (event.school, event.district) == (world.school, world.district)


def test_a_failed_log_in_records_the_name_tried_never_the_password(world: World) -> None:
    mark = last_id()
    client = Client(REMOTE_ADDR=IP)
    secret = "correct-horse-battery-staple"
    client.post("/login/", {"username": "w.teacher", "password": secret})
    client.post("/login/", {"username": "nobody-here", "password": secret})
    known, unknown = events_since(mark)
    assert known.action == unknown.action == Action.LOGIN_FAILED
    assert known.actor is None and known.ip_address == IP
    assert known.details == {"username": "w.teacher"} and known.object_label == "w.teacher"
    assert known.school == world.school  # the account tried belongs to this school: its leader sees the attempt
    assert unknown.school is None and unknown.object_id == ""
    for event in (known, unknown):
        stored = f"{event.details} {event.object_label} {event.actor_label} {event.user_agent}"
        assert secret not in stored


def test_a_staff_view_of_one_students_evidence_is_recorded(world: World) -> None:
    record_score(
        student=world.student, indicator=world.indicator, assessment=world.assessment, value=3, scorer=world.teacher
    )
    client = client_for(world.teacher, ip=IP)
    mark = last_id()
    url = f"/sections/{world.section.pk}/students/{world.student.pk}/indicators/{world.indicator.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    [event] = events_since(mark)
    assert event.action == Action.STUDENT_VIEWED and event.actor == world.teacher
    assert event.student == world.student and event.school == world.school and event.ip_address == IP
    assert "ELA.1.1" in event.details["what"]


def test_the_class_gradebook_is_not_a_view_of_one_student(world: World) -> None:
    client = client_for(world.teacher)
    mark = last_id()
    assert client.get(f"/sections/{world.section.pk}/gradebook/").status_code == 200
    assert events_since(mark, Action.STUDENT_VIEWED) == []
