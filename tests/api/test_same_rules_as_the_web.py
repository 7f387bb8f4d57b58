"""On the demo district, every role's API lists are exactly the web app's scoped querysets — no more, no less."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from proficio.accounts.models import User
from proficio.demo.writer import DemoResult
from proficio.evidence.models import Score
from proficio.roster.models import School, Section, Student
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


def _all_ids(client: Client, url: str) -> set[int]:
    found: set[int] = set()
    offset = 0
    while True:
        page: dict[str, Any] = client.get(url, {"limit": 200, "offset": offset}).json()
        found |= {item["id"] for item in page["items"]}
        offset += page["limit"]
        if offset >= page["total"]:
            return found


def test_every_roles_lists_match_the_web_apps_rules(demo_district: DemoResult) -> None:
    checked = 0
    for role, usernames in demo_district.usernames.items():
        user = User.objects.get(username=usernames[0])
        client = token_client(user, "read")
        students = set(Student.objects.for_user(user).values_list("pk", flat=True))
        for url, model in (("/api/v1/schools", School), ("/api/v1/sections", Section)):
            assert _all_ids(client, url) == set(model.objects.for_user(user).values_list("pk", flat=True)), role
        assert _all_ids(client, "/api/v1/students") == students, role
        scores = set(Score.objects.filter(student_id__in=students).values_list("pk", flat=True))
        assert _all_ids(client, "/api/v1/scores") == scores, role
        # coaches and network staff see schools, never named students
        assert bool(students) == (role not in {"coach", "network_staff"}), role
        checked += 1
    assert checked == 9
