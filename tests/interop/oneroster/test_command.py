"""``manage.py import_oneroster``: a progress bar and a table of counts, or every problem on its own line."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from proficio.roster.models import District, Enrollment

from .conftest import edit_csv

# Vendor-sensitive: the staging layer: COPY or executemany, jsonb or json_each, per vendor.
pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_oneroster", *args, stdout=out)
    return out.getvalue()


def test_it_imports_and_prints_the_counts(riverbend_zip: Path) -> None:
    output = run(str(riverbend_zip))
    assert "Imported into Riverbend Unified School District" in output
    assert "checking enrollments.csv" in output and "writing enrollments" in output
    assert "Import record #" in output
    assert Enrollment.objects.count() == 55


def test_a_dry_run_says_so_and_writes_nothing(riverbend_zip: Path) -> None:
    output = run(str(riverbend_zip), "--dry-run")
    assert "Checked (dry run — nothing written)" in output
    assert not District.objects.exists()


def test_a_refusal_lists_every_problem_on_its_own_line(make_set: Callable[..., Path]) -> None:
    roles = edit_csv("roles.csv", change={"role-t-04": {"role": "techer"}, "role-c-01": {"roleType": "main"}})
    with pytest.raises(CommandError) as error:
        run(str(make_set({"roles.csv": roles})))
    lines = str(error.value).splitlines()
    assert lines[0] == "2 problem(s); nothing was imported:"
    assert lines[1].startswith("  roles.csv line 9, column role: 'techer' — is not one of administrator, aide,")
    assert lines[2] == "  roles.csv line 10, column roleType: 'main' — is not one of primary, secondary"


def test_it_names_unknown_districts_and_users(riverbend_zip: Path) -> None:
    with pytest.raises(CommandError, match="There is no district with id 999"):
        run(str(riverbend_zip), "--district", "999")
    with pytest.raises(CommandError, match="There is no user 'ghost'"):
        run(str(riverbend_zip), "--user", "ghost")


def test_a_user_without_the_right_is_refused(riverbend_zip: Path) -> None:
    run(str(riverbend_zip))
    with pytest.raises(CommandError, match="jnakamura may not import rosters for Riverbend"):
        run(str(riverbend_zip), "--user", "jnakamura", "--district", str(District.objects.get().pk))
