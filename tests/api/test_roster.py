"""Schools, sections and students through the API: each role sees exactly what the web app lets it see."""

from __future__ import annotations

import pytest

from tests.api.conftest import Cast, ids, token_client

pytestmark = pytest.mark.django_db


def test_schools_are_those_the_caller_belongs_to(cast: Cast) -> None:
    school, other = cast.world.school.pk, cast.elsewhere.school.pk
    for user in (cast.world.teacher, cast.leader, cast.admin, cast.coach):
        assert ids(token_client(user).get("/api/v1/schools")) == [school]
    assert ids(token_client(cast.elsewhere.teacher).get("/api/v1/schools")) == [other]
    for user in (cast.world.student.user, cast.guardian):  # scoped by their records, not by an organisation
        assert ids(token_client(user).get("/api/v1/schools")) == []
    assert token_client(cast.elsewhere.teacher).get(f"/api/v1/schools/{school}").status_code == 404
    assert ids(token_client(cast.world.teacher).get(f"/api/v1/schools?district={cast.elsewhere.district.pk}")) == []


def test_a_teacher_reads_their_sections_and_not_a_colleagues(cast: Cast) -> None:
    client = token_client(cast.world.teacher)
    assert ids(client.get("/api/v1/sections")) == [cast.world.section.pk]
    assert client.get(f"/api/v1/sections/{cast.colleague_section.pk}").status_code == 404
    detail = client.get(f"/api/v1/sections/{cast.world.section.pk}").json()
    assert [s["id"] for s in detail["students"]] == [cast.world.student.pk]
    assert detail["teachers"] == [{"id": cast.world.teacher.pk, "name": "Tess Teacher"}]
    assert detail["school_id"] == cast.world.school.pk and detail["course"]["code"] == "ELA09"


def test_leaders_and_admins_read_every_section_of_their_school_with_its_students(cast: Cast) -> None:
    both = sorted([cast.world.section.pk, cast.colleague_section.pk])
    for user in (cast.leader, cast.admin):
        client = token_client(user)
        assert sorted(ids(client.get("/api/v1/sections"))) == both
        detail = client.get(f"/api/v1/sections/{cast.colleague_section.pk}").json()
        assert [s["id"] for s in detail["students"]] == [cast.colleague_student.pk]


def test_coaches_students_and_guardians_read_no_sections(cast: Cast) -> None:
    for user in (cast.coach, cast.world.student.user, cast.guardian):
        client = token_client(user)
        assert ids(client.get("/api/v1/sections")) == []
        assert client.get(f"/api/v1/sections/{cast.world.section.pk}").status_code == 404


def test_sections_filter_by_school_and_session(cast: Cast) -> None:
    client = token_client(cast.leader)
    assert len(ids(client.get(f"/api/v1/sections?school={cast.world.school.pk}"))) == 2
    assert ids(client.get(f"/api/v1/sections?school={cast.elsewhere.school.pk}")) == []
    assert ids(client.get(f"/api/v1/sections?course={cast.colleague_section.course_id}")) == [cast.colleague_section.pk]


def test_a_teacher_reads_their_own_students_only(cast: Cast) -> None:
    client = token_client(cast.world.teacher)
    assert ids(client.get("/api/v1/students")) == [cast.world.student.pk]
    assert client.get(f"/api/v1/students/{cast.colleague_student.pk}").status_code == 404
    assert client.get(f"/api/v1/students/{cast.elsewhere.student.pk}").status_code == 404


def test_a_coach_gets_no_named_students(cast: Cast) -> None:
    client = token_client(cast.coach)
    assert ids(client.get("/api/v1/students")) == []
    assert client.get(f"/api/v1/students/{cast.world.student.pk}").status_code == 404


def test_a_student_reads_themselves_and_a_guardian_only_linked_children(cast: Cast) -> None:
    sam = cast.world.student
    for user in (sam.user, cast.guardian):
        client = token_client(user)
        assert ids(client.get("/api/v1/students")) == [sam.pk]
        assert client.get(f"/api/v1/students/{cast.colleague_student.pk}").status_code == 404
    sam.guardian_links.update(is_active=False)
    assert ids(token_client(cast.guardian).get("/api/v1/students")) == []


def test_demographics_only_for_school_leaders_and_district_admins(cast: Cast) -> None:
    url = f"/api/v1/students/{cast.world.student.pk}"
    for user in (cast.leader, cast.admin):
        demographics = token_client(user).get(url).json()["demographics"]
        assert demographics["gender"] == "female" and demographics["english_learner"] is True
    for user in (cast.world.teacher, cast.world.student.user, cast.guardian):
        body = token_client(user).get(url).json()
        assert body["demographics"] is None and body["first_name"] == "Sam"


def test_students_filter_by_section_and_grade(cast: Cast) -> None:
    client = token_client(cast.admin)
    assert ids(client.get(f"/api/v1/students?section={cast.colleague_section.pk}")) == [cast.colleague_student.pk]
    assert ids(client.get("/api/v1/students?grade=9")) == [cast.world.student.pk]
    assert client.get("/api/v1/students?grade=13").status_code == 422
    assert ids(token_client(cast.world.teacher).get(f"/api/v1/students?section={cast.colleague_section.pk}")) == []
