"""The student data export as a PDF: the same people as the JSON download, audited the same way, and a file
whose text can be extracted, whose fonts travel with it and whose first page renders."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from proficio.audit.models import Action, AuditEvent
from proficio.evidence.services import correct_score
from tests.authz.world import AuthzWorld, build_world

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
REASON = "Read the second page of the essay."


def _url(world: AuthzWorld) -> str:
    return f"/students/{world.a.student.pk}/export.pdf"


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is missing (Debian's poppler-utils; scripts/system-packages.sh installs it)")
    return path


ALLOWED = ("student", "guardian", "school_leader", "district_admin")
DENIED = ("teacher", "advisor", "coach", "classmate", "former_guardian", "admin_elsewhere", "anonymous")


def _world() -> AuthzWorld:
    world = build_world()
    score = world.a.student.scores.order_by("pk").first()
    assert score is not None
    correct_score(score=score, value=4, scorer=world.a.teacher, reason=REASON)
    return world


@dataclass(frozen=True)
class Exported:
    path: Path
    name: str
    indicator: str


@pytest.fixture(scope="module")
def exported(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """One PDF for the tests that read it back (building the world is the slow part), rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = _world()
        response = world.client("student").get(_url(world))
        assert response.status_code == 200
        path = tmp_path_factory.mktemp("export") / "export.pdf"
        path.write_bytes(response.content)
        user = world.a.student.user
        result = Exported(path, f"{user.first_name} {user.last_name}", world.a.indicator.code)
        transaction.set_rollback(True)
    return result


def test_the_student_their_family_and_their_school_get_a_pdf_and_each_download_is_audited() -> None:
    world = _world()
    for role in ALLOWED:
        response = world.client(role).get(_url(world))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf", role
        assert response.content.startswith(b"%PDF-")
        number = world.a.student.student_number
        assert response["Content-Disposition"] == f'attachment; filename="student-{number}.pdf"'
        assert response["Cache-Control"] == "no-store"
        event = AuditEvent.objects.filter(action=Action.EXPORT_RUN).latest("pk")
        assert event.student == world.a.student and event.actor == world.users[role]
        assert event.details["what"] == "student data (PDF)"
    assert AuditEvent.objects.filter(action=Action.EXPORT_RUN).count() == len(ALLOWED)


def test_nobody_else_may_download_it() -> None:
    world = _world()
    for role in DENIED:
        status = world.client(role).get(_url(world)).status_code
        assert status == (302 if role == "anonymous" else 404), role
    assert world.client("district_admin").get("/students/999999/export.pdf").status_code == 404
    assert not AuditEvent.objects.filter(action=Action.EXPORT_RUN).exists()


def test_the_text_can_be_extracted(exported: Exported) -> None:
    pdf = exported.path
    text = subprocess.run(
        [_poppler("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert exported.name in text
    assert exported.indicator in text  # the indicator of a score
    assert "Superseded by no." in text and "Corrects no." in text  # the corrected score and its correction
    assert REASON.split()[0] in text
    info = subprocess.run([_poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info
    assert f"Title:           Student data export: {exported.name}" in info


def test_every_font_is_embedded(exported: Exported) -> None:
    listing = subprocess.run(
        [_poppler("pdffonts"), str(exported.path)], capture_output=True, text=True, check=True
    ).stdout
    header, _rule, *fonts = listing.splitlines()
    assert fonts, listing
    emb = header.index("emb")  # columns are fixed-width; font names have no spaces, so the column lines up
    for font in fonts:
        assert font[emb : emb + 3] == "yes", listing


def test_page_one_renders(exported: Exported, tmp_path: Path) -> None:
    subprocess.run(
        [_poppler("pdftoppm"), "-png", "-r", "60", "-f", "1", "-l", "1", str(exported.path), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    (page,) = tmp_path.glob("page*.png")
    assert page.read_bytes().startswith(b"\x89PNG") and page.stat().st_size > 5_000
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(page, ARTIFACTS / "student-export-pdf-page-1.png")  # for a human to look at
