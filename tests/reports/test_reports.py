"""Reports: what they say (levels per standard per course, work habits apart, comments, transcript dates, GPA
only when configured), the archive (immutable, versioned, hashed, audited) and who may read and issue them."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from proficio.accounts.models import Membership, Role
from proficio.audit.models import Action, AuditEvent
from proficio.evidence.models import Assessment, OutsideEvidence
from proficio.evidence.services import record_score
from proficio.reports import documents, jobs, services
from proficio.reports.models import GradePointConversion, ImmutableError, IssuedReport, ReportKind, TermComment
from proficio.roster.models import AcademicSession, Guardian, GuardianLink
from proficio.standards.models import ScaleLevel
from tests.factories import World, make_user, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w() -> World:
    world = make_world("r")
    world.assessment.indicators.add(world.other_indicator)
    for indicator, value in ((world.indicator, 3), (world.other_indicator, 4), (world.habit_indicator, 2)):
        record_score(
            student=world.student, indicator=indicator, value=value, scorer=world.teacher, assessment=world.assessment
        )
    return world


def _leader(w: World, username: str = "r.leader"):
    user = make_user(username)
    Membership.objects.create(user=user, role=Role.SCHOOL_LEADER, school=w.school)
    return user


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_report_card_levels_per_standard_per_course_with_habits_apart_and_comments(w: World, term) -> None:
    TermComment.objects.create(
        student=w.student, section=w.section, term=term, text="Sam argues with evidence.", author=w.teacher
    )
    (card,) = documents.build(ReportKind.REPORT_CARD, [w.student], term)
    (course,) = card.courses
    assert course.title == "English 9" and "Tess Teacher" in course.teachers
    assert [(line.code, line.number, line.proficient, line.evidence) for line in course.standards] == [
        ("ELA.1", "4", True, 2)  # the mean of 3 and 4 on this course's two indicators, by the engine's roll-up
    ]
    assert [(line.code, line.number, line.proficient) for line in course.habits] == [("WH.1", "2", False)]
    assert all(line.code != "WH.1" for line in course.standards)  # habits never mix with academic levels
    assert course.comment == "Sam argues with evidence." and course.comment_by == "Tess Teacher"
    assert card.as_of == term.end_date


def test_evidence_from_another_course_or_after_the_cut_off_is_not_counted(w: World, term) -> None:
    later = Assessment.objects.create(
        section=w.section, title="After term", kind=Assessment.Kind.SUMMATIVE, assessed_on=date(2026, 3, 1)
    )
    later.indicators.set([w.indicator])
    record_score(student=w.student, indicator=w.indicator, value=1, scorer=w.teacher, assessment=later)
    (card,) = documents.build(ReportKind.REPORT_CARD, [w.student], term)
    assert card.courses[0].standards[0].evidence == 2  # the March score is after Semester 1 ended
    (progress,) = documents.build(ReportKind.PROGRESS_REPORT, [w.student], term, today=date(2025, 9, 1))
    assert progress.as_of == date(2025, 9, 1)
    assert progress.courses[0].standards == []  # nothing assessed by then


def test_transcript_dates_courses_outside_learning_and_no_gpa_unless_configured(w: World) -> None:
    outside = OutsideEvidence.objects.create(
        student=w.student,
        kind=OutsideEvidence.Kind.INTERNSHIP,
        title="Newspaper internship",
        organization="Gazette",
        started_on=date(2025, 6, 1),
        completed_on=date(2025, 8, 1),
        hours=80,
        status=OutsideEvidence.Status.VERIFIED,
        verified_by=w.teacher,
        verified_at=timezone.now(),
    )
    outside.indicators.set([w.indicator])
    (transcript,) = documents.build(ReportKind.TRANSCRIPT, [w.student], None)
    (line,) = transcript.graduation_standards
    assert (line.code, line.proficient, line.met_on) == ("ELA.1", True, w.assessment.assessed_on)
    assert [c.title for c in transcript.courses_taken] == ["English 9"]
    assert [(o.title, o.hours, o.standards) for o in transcript.outside] == [("Newspaper internship", 80, "ELA.1")]
    assert transcript.gpa is None and transcript.gpa_note == ""

    for level in ScaleLevel.objects.filter(scale=w.framework.scale):
        GradePointConversion.objects.create(school=w.school, level=level, points=level.value)
    (transcript,) = documents.build(ReportKind.TRANSCRIPT, [w.student], None)
    assert transcript.gpa == Decimal("4.00")
    assert "Exceeds = 4" in transcript.gpa_note and "1 academic standards" in transcript.gpa_note


def test_met_on_is_when_the_standard_became_proficient_for_good(w: World) -> None:
    retake = Assessment.objects.create(
        section=w.section, title="Retake", kind=Assessment.Kind.SUMMATIVE, assessed_on=date(2025, 11, 5)
    )
    retake.indicators.set([w.indicator, w.other_indicator])
    for indicator in (w.indicator, w.other_indicator):
        record_score(student=w.student, indicator=indicator, value=1, scorer=w.teacher, assessment=retake)
    (transcript,) = documents.build(ReportKind.TRANSCRIPT, [w.student], None)
    assert transcript.graduation_standards[0].met_on is None  # fell below proficient: not met any more
    again = Assessment.objects.create(
        section=w.section, title="Third try", kind=Assessment.Kind.SUMMATIVE, assessed_on=date(2025, 12, 10)
    )
    again.indicators.set([w.indicator, w.other_indicator])
    for indicator in (w.indicator, w.other_indicator):
        record_score(student=w.student, indicator=indicator, value=4, scorer=w.teacher, assessment=again)
    (transcript,) = documents.build(ReportKind.TRANSCRIPT, [w.student], None)
    line = transcript.graduation_standards[0]
    if line.proficient:
        assert line.met_on == date(2025, 12, 10)


@pytest.mark.vendor_sensitive  # reads a JSON field back
def test_issuing_archives_immutable_hashed_versions(w: World, term) -> None:
    leader = _leader(w)
    first = services.issue(ReportKind.REPORT_CARD, w.student, term, user=leader)
    second = services.issue(ReportKind.REPORT_CARD, w.student, term, user=leader)
    transcript = services.issue(ReportKind.TRANSCRIPT, w.student, term, user=leader)
    assert (first.version, second.version, transcript.version, transcript.term) == (1, 2, 1, None)
    stored = IssuedReport.objects.get(pk=first.pk)
    assert bytes(stored.pdf).startswith(b"%PDF-")
    assert stored.sha256 == hashlib.sha256(bytes(stored.pdf)).hexdigest() and stored.size == len(bytes(stored.pdf))
    stored.version = 9
    with pytest.raises(ImmutableError):
        stored.save()
    with pytest.raises(ImmutableError):
        stored.delete()
    with pytest.raises(ImmutableError):
        IssuedReport.objects.filter(pk=first.pk).update(version=7)
    with pytest.raises(ImmutableError):
        IssuedReport.objects.filter(pk=first.pk).delete()
    assert IssuedReport.objects.get(pk=first.pk).version == 1
    issued = AuditEvent.objects.filter(action=Action.EXPORT_RUN, student=w.student)
    assert issued.count() == 3 and {e.details["version"] for e in issued} == {1, 2}


@pytest.mark.vendor_sensitive  # a lookup into a JSON key
def test_who_reads_downloads_and_issues(w: World, term) -> None:
    leader = _leader(w)
    report = services.issue(ReportKind.REPORT_CARD, w.student, term, user=leader)
    page = reverse("reports-student", args=[w.student.pk])
    download = reverse("reports-download", args=[w.student.pk, report.pk])
    issue = reverse("reports-issue", args=[w.student.pk])

    other = make_world("o")
    other_parent = make_user("o.parent")
    GuardianLink.objects.create(guardian=Guardian.objects.create(user=other_parent), student=other.student)
    for outsider in (other_parent, other.teacher, other.student.user):
        client = _client(outsider)
        assert client.get(page).status_code == 404
        assert client.get(download).status_code == 404

    student = _client(w.student.user)
    response = student.get(page)
    assert response.status_code == 200 and b"Report card" in response.content and b"Download PDF" in response.content
    assert b"Issue a document" not in response.content
    got = student.get(download)
    assert got.status_code == 200 and got["Content-Type"] == "application/pdf"
    assert got.content == bytes(report.pdf) and got["Cache-Control"] == "no-store"
    downloads = AuditEvent.objects.filter(action=Action.EXPORT_RUN, details__what="report card (PDF)")
    assert downloads.filter(actor=w.student.user).count() == 1

    teacher = _client(w.teacher)
    assert teacher.get(page).status_code == 200
    assert teacher.post(issue, {"kind": "report_card", "term": term.pk}).status_code == 404  # reads, cannot issue
    assert IssuedReport.objects.count() == 1

    leading = _client(leader)
    assert b"Issue a document" in leading.get(page).content
    response = leading.post(issue, {"kind": "report_card", "term": term.pk})
    assert response.status_code == 302
    assert IssuedReport.objects.filter(student=w.student).latest("version").version == 2
    assert leading.post(issue, {"kind": "report_card"}).status_code == 400  # a report card needs its term


def test_the_section_teacher_writes_term_comments(w: World, term) -> None:
    url = reverse("reports-section-comments", args=[w.section.pk])
    teacher = _client(w.teacher)
    page = teacher.get(url, {"term": term.pk})
    assert page.status_code == 200 and b"Sam Student" in page.content
    response = teacher.post(url, {"term": term.pk, f"comment-{w.student.pk}": "  Strong term.  "})
    assert response.status_code == 302
    comment = TermComment.objects.get(student=w.student, section=w.section, term=term)
    assert comment.text == "Strong term." and comment.author == w.teacher
    card = _client(w.student.user).get(reverse("reports-student", args=[w.student.pk]), {"term": term.pk})
    assert b"Strong term." in card.content and b"Habits of work" in card.content
    teacher.post(url, {"term": term.pk, f"comment-{w.student.pk}": ""})
    assert not TermComment.objects.exists()
    other_teacher = make_user("r.other")
    Membership.objects.create(user=other_teacher, role=Role.TEACHER, school=w.school)
    assert _client(other_teacher).get(url).status_code == 404


def test_a_leader_issues_a_whole_term_in_a_background_job(w: World, term) -> None:
    leader = _leader(w)
    url = reverse("reports-school", args=[w.school.pk])
    assert _client(w.teacher).get(url).status_code == 404
    client = _client(leader)
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "report_card", "term": term.pk})
    assert response.status_code == 302
    token = response["Location"].rstrip("/").split("/")[-1]
    job = jobs.find(token, leader)
    assert job is not None and job.finished and job.result["issued"] == 1 and not job.error
    status = client.get(reverse("reports-job-status", args=[token]))
    assert b"1 of 1 document issued" in status.content
    assert _client(w.teacher).get(reverse("reports-job", args=[token])).status_code == 404
    assert IssuedReport.objects.filter(student=w.student, term=term).count() == 1


def test_the_command_issues_a_school(w: World, term) -> None:
    call_command("issue_report_cards", "--school", w.school.name, "--term", "Semester 1", "--workers", "1")
    call_command("issue_report_cards", "--school", str(w.school.pk), "--term", str(term.pk), "--workers", "1")
    assert list(IssuedReport.objects.values_list("version", flat=True).order_by("version")) == [1, 2]
    assert AuditEvent.objects.filter(action=Action.EXPORT_RUN, student=w.student).count() == 2


def test_current_term_prefers_the_running_one() -> None:
    today = date(2026, 2, 1)

    def session(title: str, start: date, days: int) -> AcademicSession:
        return AcademicSession(title=title, start_date=start, end_date=start + timedelta(days=days))

    year, s1, s2 = (
        session("Y", date(2025, 8, 1), 300),
        session("S1", date(2025, 8, 1), 150),
        session("S2", date(2026, 1, 10), 150),
    )
    year.pk, s1.pk, s2.pk = 1, 2, 3
    assert services.current_term([year, s1, s2], today) is s2
    assert services.current_term([s1], today) is s1


def test_the_printed_report_card_is_lines_of_level_standard_and_evidence(w: World, term) -> None:
    """The printed form (reports/printed.py → report.typ): one line per standard — level with ✓ when proficient,
    then the standard and its evidence — the comment only where a teacher wrote one, habits as numbers of their
    scale."""
    from proficio.reports.render import printed

    (card,) = documents.build(ReportKind.REPORT_CARD, [w.student], term)
    data = printed(card)
    [course_section, habits_section, _how] = data["sections"]
    rows = next(block["rows"] for block in course_section["blocks"] if block["kind"] == "lines")
    level, standard = next(row for row in rows if "ELA.1 " in row[1])
    assert level == "4 Exceeds ✓" and standard.endswith("(2 pieces of evidence)")
    assert not any("Teacher's comment" in block.get("text", "") for block in course_section["blocks"])  # none written
    (habit,) = card.courses[0].habits
    [habit_rows] = [block["rows"] for block in habits_section["blocks"] if block["kind"] == "lines"]
    assert habit_rows == [["English 9", f"{habit.title} 2"]]  # below the expectation: no tick
    TermComment.objects.create(
        student=w.student, section=w.section, term=term, text="Sam argues with evidence.", author=w.teacher
    )
    (card,) = documents.build(ReportKind.REPORT_CARD, [w.student], term)
    texts = [block.get("text", "") for block in printed(card)["sections"][0]["blocks"]]
    assert "Teacher's comment (Tess Teacher): Sam argues with evidence." in texts
