"""A student's progress page, the family page and the language switcher (issue 8, parts 3 and 4)."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from django.test import Client
from django.utils import translation

from proficio.accounts.models import Membership, Role, User
from proficio.audit.models import Action, AuditEvent
from proficio.evidence.models import Assessment
from proficio.evidence.services import record_score
from proficio.proficiency.explanations import indicator_explanation
from proficio.progress.sentences import translated
from proficio.roster.models import Guardian, GuardianLink, Student
from tests.factories import World, make_user, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    w = make_world("p")
    record_score(
        student=w.student,
        indicator=w.indicator,
        assessment=w.assessment,
        value=3,
        scorer=w.teacher,
        feedback="Strong claim, cite more.",
    )
    later = Assessment.objects.create(
        section=w.section, title="Research paper", kind=Assessment.Kind.SUMMATIVE, assessed_on=date(2025, 11, 3)
    )
    later.indicators.set([w.indicator])
    record_score(student=w.student, indicator=w.indicator, assessment=later, value=4, scorer=w.teacher)
    practice = Assessment.objects.create(
        section=w.section, title="Quote quiz", kind=Assessment.Kind.FORMATIVE, assessed_on=date(2025, 10, 8)
    )
    practice.indicators.set([w.other_indicator])
    record_score(
        student=w.student,
        indicator=w.other_indicator,
        assessment=practice,
        value=2,
        scorer=w.teacher,
        feedback="Use the page number.",
    )
    record_score(student=w.student, indicator=w.habit_indicator, assessment=w.assessment, value=3, scorer=w.teacher)
    return w


def _guardian(student: Student, username: str, *, active: bool = True) -> User:
    user = make_user(username, first_name="Gina", last_name="Guardian")
    GuardianLink.objects.create(guardian=Guardian.objects.create(user=user), student=student, is_active=active)
    Membership.objects.create(user=user, role=Role.GUARDIAN)
    return user


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(student: Student) -> str:
    return f"/students/{student.pk}/progress/"


def _views(student: Student) -> int:
    return AuditEvent.objects.filter(action=Action.STUDENT_VIEWED, student=student).count()


def test_the_student_sees_levels_explanations_and_evidence(world: World) -> None:
    response = _client(world.student.user).get(_url(world.student))
    assert response.status_code == 200
    html = response.content.decode()
    assert "My progress" in html
    assert "ELA.1.1" in html and "Reading" in html
    # The indicator's level and the engine's sentence, addressed to the student.
    assert "Your level for <em>Analyze</em> is 4 – Exceeds." in html
    # The counted evidence, with titles, dates and values; the formative feedback apart from it.
    assert "Argument essay" in html and "Research paper" in html and "Strong claim, cite more." in html
    assert "Oct. 1, 2025" in html and "Nov. 3, 2025" in html
    assert "Quote quiz" in html and "Use the page number." in html
    assert re.search(r"Work habits.*WH\.1\.1", html, re.S)
    # A growth chart with its text alternative, and its spec as JSON (not an inline script).
    spec = re.search(r'<script id="growth-\d+" type="application/json">(.*?)</script>', html, re.S)
    assert spec is not None and json.loads(spec.group(1))["mark"]["type"] == "line"
    assert "Growth on ELA.1: 2 summative scores over time." in html
    assert _views(world.student) == 0


def test_the_sentence_matches_the_explanation_service(world: World) -> None:
    html = _client(world.student.user).get(_url(world.student)).content.decode()
    sentence = indicator_explanation(world.student, world.indicator, for_student=True).sentence
    assert sentence.replace("*", "") in re.sub(r"</?em>", "", html).replace("&#x27;", "'").replace("&quot;", '"')


@pytest.mark.vendor_sensitive  # a JSON field
def test_missing_standards_for_graduation_are_listed(world: World) -> None:
    html = _client(world.student.user).get(_url(world.student)).content.decode()
    status = world.student.graduation_statuses.get()
    assert not status.met and "ELA.1" in status.missing
    assert "Still missing for graduation" in html
    assert re.search(r"Still missing for graduation.*?ELA\.1.*?Reading", html, re.S)


def test_a_guardian_reads_their_child_without_an_audit_event(world: World) -> None:
    guardian = _guardian(world.student, "p.guardian")
    response = _client(guardian).get(_url(world.student))
    assert response.status_code == 200
    assert "Sam&#x27;s level for <em>Analyze</em> is 4 – Exceeds." in response.content.decode()
    assert _views(world.student) == 0


@pytest.mark.vendor_sensitive  # audit details are JSON
def test_a_staff_reader_is_audited(world: World) -> None:
    response = _client(world.teacher).get(_url(world.student))
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=Action.STUDENT_VIEWED, student=world.student)
    assert event.actor == world.teacher and event.details["what"] == "progress"


def test_another_familys_child_and_a_former_guardian_get_404(world: World) -> None:
    other = make_world("q")
    stranger = _guardian(other.student, "q.guardian")
    assert _client(stranger).get(_url(world.student)).status_code == 404
    former = _guardian(world.student, "p.former", active=False)
    assert _client(former).get(_url(world.student)).status_code == 404
    assert _client(other.student.user).get(_url(world.student)).status_code == 404
    assert _views(world.student) == 0


def test_the_family_page_lists_active_children_only(world: World) -> None:
    guardian = _guardian(world.student, "p.guardian")
    sibling_user = make_user("p.sibling", first_name="Sia", last_name="Student")
    sibling = Student.objects.create(user=sibling_user, school=world.school, student_number="p-2", grade=10)
    GuardianLink.objects.create(guardian=guardian.guardian_profile, student=sibling, is_active=False)
    response = _client(guardian).get("/family/")
    assert response.status_code == 200
    html = response.content.decode()
    assert _url(world.student) in html and _url(sibling) not in html
    home = _client(guardian).get("/").content.decode()
    assert "/family/" in home and _url(world.student) in home
    assert _url(world.student) in _client(world.student.user).get("/").content.decode()
    assert _client(world.teacher).get("/family/").status_code == 404


def test_spanish_through_the_language_switcher(world: World) -> None:
    guardian = _guardian(world.student, "p.guardian")
    client = _client(guardian)
    response = client.post("/account/language/", {"language": "es", "next": _url(world.student)})
    assert response.status_code == 302 and response["Location"] == _url(world.student)
    guardian.refresh_from_db()
    assert guardian.preferred_language == "es"
    response = client.get(_url(world.student))
    html = response.content.decode()
    assert response["Content-Language"] == "es" and '<html lang="es">' in html
    assert "Progreso de Sam Student" in html and "Hábitos de trabajo" in html
    assert "Aún falta para graduarse" in html and "Artes del lenguaje en inglés" in html
    # The explanation itself, in Spanish, with the evidence's date in Spanish.
    assert "El nivel de Sam en <em>Analyze</em> es 4 – Supera." in html
    assert "Con las calificaciones de Sam (3, 4) pasa por 3 → 3.65 y termina en 3.65" in html
    assert "3 de noviembre de 2025" in html and "Research paper" in html
    # The site's own header and footer follow the language too.
    assert "Cerrar sesión" in html and "Saltar al contenido principal" in html and "Log out" not in html
    # Not a staff read, so not audited, in any language.
    assert _views(world.student) == 0


def test_the_switcher_refuses_unknown_languages_and_foreign_redirects(world: World) -> None:
    client = _client(world.student.user)
    assert client.post("/account/language/", {"language": "xx"}).status_code == 400
    response = client.post("/account/language/", {"language": "es", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"


def test_every_method_has_a_spanish_sentence(world: World) -> None:
    """Each calculation method's sentence is translated, for the student and for a parent."""
    from proficio.engine.catalogue import METHODS
    from proficio.engine.explain import EvidenceItem, explain_indicator
    from proficio.engine.policy import Policy
    from proficio.engine.scales import Scale

    scale = Scale.of([(1, "Does not meet"), (2, "Partially meets"), (3, "Meets"), (4, "Exceeds")], 3)
    items = [EvidenceItem(v, f"Task {i}", date(2025, 9, i + 1)) for i, v in enumerate([2, 3, 3, 4, 2])]
    with translation.override("es"):
        for method in METHODS:
            explanation = explain_indicator(items, scale, Policy(method=method), "Analyze")
            for name in ("", "Sam"):
                sentence = translated(explanation, "Analyze", name)
                assert "We " not in sentence and " scores" not in sentence, (method, sentence)
                assert "*Analyze*" in sentence
        latest = explain_indicator(items, scale, Policy(method="most_recent"), "Analyze")
        assert translated(latest, "Analyze", "Sam") == (
            "El nivel de Sam en *Analyze* es 2 – Cumple parcialmente. Usamos la evidencia más reciente de Sam: "
            "“Task 4” el 5 de septiembre, con una calificación de 2. Las calificaciones anteriores (2, 3, 3, 4) "
            "muestran cómo llegó Sam hasta ahí."
        )
        empty = explain_indicator([], scale, Policy(method="most_recent"), "Analyze")
        assert translated(empty, "Analyze", "").startswith("Tu nivel en *Analyze* aún no está decidido")


def test_the_guardians_home_is_in_their_language(world: World) -> None:
    guardian = _guardian(world.student, "p.guardian")
    guardian.preferred_language = "es"
    guardian.save()
    html = _client(guardian).get("/").content.decode()
    assert "Tus hijos" in html and "Progreso de Sam" in html and "Evidencia reciente" in html
    assert "Your children" not in html and "Recent evidence" not in html
