"""``import_case`` and ``export_case``, run as an administrator would."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from proficio.accounts.models import Membership, Role, User
from proficio.interop.models import ImportRecord
from proficio.roster.models import District
from proficio.standards.models import Framework
from tests.interop.case.conftest import MAPLE_RIDGE, RIVERSIDE, encode
from tests.interop.case.test_reimport import revised

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_it_imports_and_prints_the_counts(district: District) -> None:
    out = run("import_case", str(RIVERSIDE), "--district", str(district.pk))
    framework = Framework.objects.get()
    assert out.startswith(
        f"Imported Riverside Unified Graduation Standards as version 1 (framework id {framework.pk})."
    )
    assert "3 standards, 5 indicators, 4 objectives, 0 ignored items, 20 scoring criteria, 2 exemplars" in out
    assert "a new framework (12 items)" in out


@pytest.mark.vendor_sensitive  # JSON fields
def test_it_lists_the_changes_of_a_new_version(district: District, riverside: dict[str, Any], tmp_path: Path) -> None:
    run("import_case", str(RIVERSIDE), "--district", str(district.pk))
    newer = tmp_path / "riverside-v2.json"
    newer.write_bytes(encode(revised(riverside)))
    out = run("import_case", str(newer), "--district", str(district.pk))
    assert "as version 2" in out and "Changes against version 1:" in out
    assert "  + CEC.1.3 (indicator) Listen actively" in out
    assert "  - MATH.1.2 (indicator)" in out
    assert "  ~ CEC.1.1.c (objective) code: 'CEC.1.1.b' → 'CEC.1.1.c'" in out
    assert "  * CFRubrics changed" in out


def test_every_problem_is_printed_on_its_own_line(
    district: District, riverside: dict[str, Any], tmp_path: Path
) -> None:
    del riverside["CFDocument"]["creator"]
    riverside["CFItems"][2]["lastChangeDateTime"] = "yesterday"
    broken = tmp_path / "broken.json"
    broken.write_bytes(encode(riverside))
    with pytest.raises(CommandError) as error:
        run("import_case", str(broken), "--district", str(district.pk))
    lines = str(error.value).splitlines()
    assert lines[0] == "2 problem(s); nothing was imported:"
    assert lines[1].startswith(f"  {broken} line 2 at CFDocument.creator, column creator: required field")
    assert lines[2].startswith(f"  {broken} line ") and "CFItems[2].lastChangeDateTime" in lines[2]
    assert "'yesterday'" in lines[2]
    assert not Framework.objects.exists()


def test_an_unmapped_type_says_how_to_map_it(district: District) -> None:
    with pytest.raises(CommandError, match="--map 'Strand=standard"):
        run("import_case", str(MAPLE_RIDGE), "--district", str(district.pk))


def test_it_takes_a_mapping_and_a_scale(district: District, make_scale: Any) -> None:
    scale = make_scale(district, "Science 1–4")
    make_scale(district, "Another")
    out = run(
        "import_case",
        str(MAPLE_RIDGE),
        "--district",
        str(district.pk),
        "--map",
        "Strand=ignore",
        "--scale",
        str(scale.pk),
    )
    assert "2 standards, 5 indicators, 0 objectives, 2 ignored items" in out
    assert Framework.objects.get().scale == scale


def test_a_dry_run_writes_nothing(district: District) -> None:
    out = run("import_case", str(RIVERSIDE), "--district", str(district.pk), "--dry-run")
    assert out.startswith("Dry run — nothing was written. The import would create a new framework version.")
    assert not Framework.objects.exists() and ImportRecord.objects.get().status == ImportRecord.Status.DRY_RUN


def test_the_user_must_be_allowed(district: District) -> None:
    teacher = User.objects.create_user(username="tess", password="a-long-test-password")
    with pytest.raises(CommandError, match="district administrators and school leaders"):
        run("import_case", str(RIVERSIDE), "--district", str(district.pk), "--user", "tess")
    Membership.objects.create(user=teacher, role=Role.DISTRICT_ADMIN, district=district)
    run("import_case", str(RIVERSIDE), "--district", str(district.pk), "--user", "tess")
    assert ImportRecord.objects.get().user == teacher


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--district", "999"], "no district with id 999"),
        (["--map", "Strand"], "write TYPE=TARGET"),
        (["--threshold", "three"], "is not a number"),
        (["--user", "nobody"], "no user 'nobody'"),
    ],
)
def test_bad_arguments_are_explained(district: District, args: list[str], message: str) -> None:
    argv = ["--district", str(district.pk), *args] if args[0] != "--district" else args
    with pytest.raises(CommandError, match=message):
        run("import_case", str(RIVERSIDE), *argv)


def test_a_missing_file_is_explained(district: District, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        run("import_case", str(tmp_path / "nothing.json"), "--district", str(district.pk))


@pytest.mark.vendor_sensitive  # JSON fields
def test_export_writes_a_package(district: District, tmp_path: Path) -> None:
    run("import_case", str(RIVERSIDE), "--district", str(district.pk))
    framework = Framework.objects.get()
    printed = json.loads(run("export_case", str(framework.pk)))
    target = tmp_path / "out.json"
    run("export_case", str(framework.pk), "--output", str(target))
    assert json.loads(target.read_text(encoding="utf-8")) == printed
    assert "𝑥²" in target.read_text(encoding="utf-8")
    with pytest.raises(CommandError, match="no framework with id 999"):
        run("export_case", "999")
