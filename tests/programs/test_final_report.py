"""A school's final report: the three questions word for word, who answers them, what bad input does, and the PDF's
content (end-point scores, the completed grid, the answers) read back with pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.test import Client

from proficio.accounts.models import Role
from proficio.programs import final_report
from proficio.programs.models import (
    FinalReportAnswers,
    GbpAdministration,
    GbpDimension,
    GbpEdition,
    GbpScore,
    GbpStrand,
    GridActivity,
    GridStatus,
)
from proficio.roster.models import Network, School
from tests.insights.test_views import _client, _member
from tests.programs.test_network_pages import League, make_league

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _pdf_text(body: bytes, tmp_path: Path, *, layout: bool = False) -> str:
    """The PDF's words, spaces collapsed: in reading order, or (``layout``) line by line as laid out."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is missing (Debian's poppler-utils)")
    path = tmp_path / "report.pdf"
    path.write_bytes(body)
    args = [tool, "-layout", str(path), "-"] if layout else [tool, str(path), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def _administrations(school: School, labels: list[tuple[str, date, int]]) -> None:
    edition = GbpEdition.objects.create(name="GBP 1st edition")
    strand = GbpStrand.objects.create(edition=edition, position=1, title="Teaching & Learning")
    personal = GbpDimension.objects.create(strand=strand, code="1.1", title="Personalization", descriptors=[])
    GbpDimension.objects.create(strand=strand, code="1.2", title="Shared leadership", descriptors=[])
    for label, taken_on, level in labels:
        administration = GbpAdministration.objects.create(
            school=school, edition=edition, label=label, taken_on=taken_on
        )
        GbpScore.objects.create(administration=administration, dimension=personal, level=level)


def test_the_questions_are_the_reports_own_word_for_word_with_the_networks_name() -> None:
    league = Network(name="the NESSC League of Innovative Schools")
    assert [q for _, q in final_report.questions(league)] == [
        "What was the most valuable aspect of this initiative?",
        "What are your anticipated next steps to further support the implementation of personalized learning in "
        "your school?",
        "How can the NESSC League of Innovative Schools continue to support your continued school improvement?",
    ]


def _url(league: League) -> str:
    return f"/programs/schools/{league.world.school.pk}/final-report/"


@pytest.mark.parametrize("role", [Role.SCHOOL_LEADER, Role.LEADERSHIP_TEAM])
def test_the_schools_leaders_and_leadership_team_answer(role: Role) -> None:
    league = make_league()
    user = _member(league.world, role.value, role)
    data = {"most_valuable": "The coaching.", "next_steps": "A new transcript.", "continued_support": ""}
    response = _client(user).post(_url(league), data)
    assert response.status_code == 302
    answers = FinalReportAnswers.objects.get()
    assert (answers.school, answers.initiative, answers.updated_by) == (
        league.world.school,
        league.cohort_1.initiative,
        user,
    )
    assert (answers.most_valuable, answers.next_steps, answers.continued_support) == (
        "The coaching.",
        "A new transcript.",
        "",
    )


def test_a_coach_and_network_staff_read_the_answers_but_their_writes_are_404() -> None:
    league = make_league()
    FinalReportAnswers.objects.create(
        school=league.world.school, initiative=league.cohort_1.initiative, most_valuable="The coaching."
    )
    coach = _member(league.world, "coach", Role.COACH)
    for client in (_client(coach), _client(league.staff)):
        page = client.get(_url(league))
        assert page.status_code == 200
        assert "The coaching." in page.content.decode()
        assert client.post(_url(league), {"most_valuable": "Overwritten."}).status_code == 404
    assert FinalReportAnswers.objects.get().most_valuable == "The coaching."


def test_empty_or_overlong_answers_are_refused_and_change_nothing() -> None:
    league = make_league()
    client = _client(_member(league.world, "leader", Role.SCHOOL_LEADER))
    empty = client.post(_url(league), {"most_valuable": " ", "next_steps": "", "continued_support": ""})
    assert empty.status_code == 400
    assert "Answer at least one" in empty.content.decode()
    assert client.post(_url(league), {"most_valuable": "x" * 5001}).status_code == 400
    assert not FinalReportAnswers.objects.exists()


def test_a_school_in_no_cohort_has_no_final_report_to_answer() -> None:
    league = make_league()
    league.cohort_1.memberships.filter(school=league.world.school).delete()
    client = _client(_member(league.world, "leader", Role.SCHOOL_LEADER))
    assert "no final report" in client.get(_url(league)).content.decode()
    assert client.post(_url(league), {"most_valuable": "Coaching."}).status_code == 400
    assert not FinalReportAnswers.objects.exists()


def test_the_end_point_is_the_latest_labelled_so_else_the_latest() -> None:
    league = make_league()
    school = league.world.school
    _administrations(
        school,
        [("Baseline", date(2024, 9, 1), 1), ("End-point", date(2026, 5, 1), 3), ("Follow-up", date(2026, 9, 1), 2)],
    )
    chosen = final_report.end_point(school)
    assert chosen is not None and chosen.label == "End-point"
    GbpAdministration.objects.filter(label="End-point").update(label="Mid-point")
    chosen = final_report.end_point(school)
    assert chosen is not None and chosen.label == "Follow-up"


def _report_league() -> tuple[League, Client]:
    league = make_league()
    school = league.world.school
    _administrations(school, [("Baseline", date(2024, 9, 1), 1), ("End-point", date(2026, 5, 1), 3)])
    done = GridActivity.objects.create(
        network=league.network, number=1, criterion="Bandwidth for every classroom.", change="technical"
    )
    GridActivity.objects.create(
        network=league.network, number=2, criterion="Students lead their conferences.", change="adaptive"
    )
    GridStatus.objects.create(
        school=school, activity=done, status="complete", benchmark="Every room online.", evidence="The 2026 survey."
    )
    FinalReportAnswers.objects.create(
        school=school,
        initiative=league.cohort_1.initiative,
        most_valuable="The coaching, #1 by far <really>.",
        next_steps="A proficiency-based transcript.",
    )
    return league, _client(_member(league.world, "coach", Role.COACH))


def test_the_pdf_holds_the_end_point_scores_the_completed_grid_and_the_answers(tmp_path: Path) -> None:
    league, client = _report_league()
    response = client.get(f"/programs/schools/{league.world.school.pk}/final-report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "programs-final-report.pdf").write_bytes(response.content)  # for a human to look at
    text = _pdf_text(response.content, tmp_path)
    for expected in (
        "Final report: w high",
        "Personalized learning",
        "End-point, 1 May 2026",
        "1 of the 2 activities that apply to the school are complete.",
        "Bandwidth for every classroom.",
        "Every room online.",
        "The 2026 survey.",
        "Not started",
        "What was the most valuable aspect of this initiative?",
        "The coaching, #1 by far <really>.",
        "A proficiency-based transcript.",
        "Not answered yet.",
    ):
        assert expected in text, expected
    rows = _pdf_text(response.content, tmp_path, layout=True)
    assert "1.1 Personalization 3" in rows and "1.2 Shared leadership not rated" in rows
    assert "(1) Bandwidth for every classroom. Technical Complete" in rows
    assert "Baseline" not in text
    student = league.world.student.user
    assert student.get_full_name() not in text


def test_the_pdf_is_404_for_whoever_may_not_see_the_school() -> None:
    league, _ = _report_league()
    elsewhere = make_league("x")
    url = f"/programs/schools/{league.world.school.pk}/final-report.pdf"
    assert _client(elsewhere.staff).get(url).status_code == 404
    assert _client(league.world.teacher).get(url).status_code == 404
