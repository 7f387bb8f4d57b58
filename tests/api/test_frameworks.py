"""Frameworks, standards and indicators: read by anyone in the district, by nobody outside it."""

from __future__ import annotations

import pytest

from proficio.standards.models import Standard
from tests.api.conftest import Cast, ids, token_client

pytestmark = pytest.mark.django_db


def test_everyone_in_the_district_reads_its_framework(cast: Cast) -> None:
    framework = cast.world.framework.pk
    for user in (cast.world.teacher, cast.leader, cast.admin, cast.coach, cast.world.student.user, cast.guardian):
        assert ids(token_client(user).get("/api/v1/frameworks")) == [framework], user


def test_nobody_reads_another_districts_framework_standards_or_indicators(cast: Cast) -> None:
    client = token_client(cast.elsewhere.teacher)
    assert client.get(f"/api/v1/frameworks/{cast.world.framework.pk}").status_code == 404
    assert client.get(f"/api/v1/standards/{cast.world.standard.pk}").status_code == 404
    assert client.get(f"/api/v1/indicators/{cast.world.indicator.pk}").status_code == 404
    assert ids(client.get(f"/api/v1/standards?framework={cast.world.framework.pk}")) == []


def test_a_framework_carries_its_scales(cast: Cast) -> None:
    body = token_client(cast.world.teacher).get(f"/api/v1/frameworks/{cast.world.framework.pk}").json()
    levels = body["scale"]["levels"]
    assert [level["value"] for level in levels] == [1, 2, 3, 4]
    assert [level["label"] for level in levels if level["is_threshold"]] == ["Meets"]
    assert body["work_habit_scale"]["purpose"] == "work_habit"


def test_standards_and_indicators_filter_down_the_tree(cast: Cast) -> None:
    client = token_client(cast.world.student.user)
    standards = client.get(f"/api/v1/standards?framework={cast.world.framework.pk}&kind=work_habit").json()["items"]
    assert [s["code"] for s in standards] == ["WH.1"]
    assert client.get("/api/v1/standards?kind=nonsense").status_code == 422
    reading = client.get(f"/api/v1/standards/{cast.world.standard.pk}").json()
    assert reading["indicator_ids"] == [cast.world.indicator.pk, cast.world.other_indicator.pk]
    indicators = client.get(f"/api/v1/indicators?standard={cast.world.standard.pk}").json()["items"]
    assert [i["code"] for i in indicators] == ["ELA.1.1", "ELA.1.2"]
    assert indicators[0]["framework_id"] == cast.world.framework.pk


def test_every_standard_kind_is_a_valid_filter(cast: Cast) -> None:
    client = token_client(cast.world.teacher)
    for kind in Standard.Kind.values:
        assert client.get(f"/api/v1/standards?kind={kind}").status_code == 200
