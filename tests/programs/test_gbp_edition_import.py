"""Loading a Global Best Practices edition from CSV: the shipped editions load whole; a file with any problem names
its file, line and field, and writes nothing."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from proficio.programs.gbp_edition_import import (
    FIRST_EDITION,
    SECOND_EDITION,
    EditionRefused,
    Problem,
    load_edition,
)
from proficio.programs.models import GbpDimension, GbpEdition, GbpStrand

pytestmark = pytest.mark.django_db

HEADER = "strand_position,strand_title,code,title,descriptor_1,descriptor_2,descriptor_3,descriptor_4\n"
GOOD_ROW = "1,Teaching & Learning,1.1,Personalized learning,a,b,c,d\n"


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "edition.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path, *, levels: int = 4, name: str = "Test edition") -> list[Problem]:
    with pytest.raises(EditionRefused) as refused:
        load_edition(path, name=name, levels=levels)
    assert not GbpEdition.objects.filter(name=name).exists()
    assert not GbpDimension.objects.filter(strand__edition__name=name).exists()
    return refused.value.problems


def test_the_first_edition_loads_four_strands_and_twenty_dimensions_with_four_descriptors_each() -> None:
    edition = load_edition(FIRST_EDITION, name="GBP 1st", levels=4)
    assert edition.levels == 4
    assert list(edition.strands.values_list("title", flat=True)) == [
        "Teaching & Learning",
        "Organizational Design",
        "School Leadership",
        "District Leadership",
    ]
    dimensions = GbpDimension.objects.filter(strand__edition=edition)
    assert dimensions.count() == 20
    assert all(len(d.descriptors) == 4 and all(d.descriptors) for d in dimensions)
    shared = dimensions.get(code="3.2")
    assert shared.title == "Shared leadership" and shared.descriptors[0].startswith("Beginning")


def test_the_second_edition_has_the_same_twenty_codes_and_two_district_dimensions_more() -> None:
    first = load_edition(FIRST_EDITION, name="GBP 1st", levels=4)
    second = load_edition(SECOND_EDITION, name="GBP 2nd", levels=4)
    codes = {
        e.pk: set(GbpDimension.objects.filter(strand__edition=e).values_list("code", flat=True))
        for e in (first, second)
    }
    assert codes[second.pk] - codes[first.pk] == {"4.5", "4.6"}
    assert codes[first.pk] <= codes[second.pk]
    assert GbpDimension.objects.get(strand__edition=second, code="4.5").strand.title == "District Leadership"


def test_a_missing_column_is_named_on_line_one(tmp_path: Path) -> None:
    path = _file(tmp_path, "strand_position,strand_title,code,title,descriptor_1,descriptor_2,descriptor_3\n")
    assert _problems(path) == [Problem(str(path), 1, "descriptor_4", "this column is missing")]


def test_a_descriptor_column_beyond_the_levels_is_refused(tmp_path: Path) -> None:
    path = _file(tmp_path, HEADER + GOOD_ROW)
    [problem] = _problems(path, levels=3)
    assert (problem.file, problem.line, problem.field) == (str(path), 1, "descriptor_4")


def test_every_bad_value_is_named_by_line_and_field_and_nothing_is_written(tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        HEADER
        + GOOD_ROW
        + "x,Teaching & Learning,1.2,Standards,a,b,c,d\n"  # not a position
        + "1,Teaching & Learning,,Pathways,a,b,c,d\n"  # no code
        + "1,Teaching & Learning,1.4,Assessment,a,b,,d\n"  # a level without its descriptor
        + "1,Teaching and Learning,1.5,Instruction,a,b,c,d\n"  # the strand's title differs
        + "2,Organizational Design,1.1,Schedule,a,b,c,d\n",  # a code twice
    )
    problems = _problems(path)
    assert [(p.file, p.line, p.field) for p in problems] == [
        (str(path), 3, "strand_position"),
        (str(path), 4, "code"),
        (str(path), 5, "descriptor_3"),
        (str(path), 6, "strand_title"),
        (str(path), 7, "code"),
    ]
    assert "'1.1' is already on line 2" in problems[-1].message
    assert "'Teaching & Learning' on line 2" in problems[-2].message
    assert not GbpStrand.objects.exists()


def test_a_row_with_more_values_than_columns_is_refused(tmp_path: Path) -> None:
    path = _file(tmp_path, HEADER + "1,Teaching & Learning,1.1,Personalized learning,a,b,c,d,e\n")
    [problem] = _problems(path)
    assert (problem.line, problem.field) == (2, "row")


def test_an_empty_file_a_header_alone_and_a_file_not_in_utf8_are_refused(tmp_path: Path) -> None:
    assert [p.field for p in _problems(_file(tmp_path, ""))] == ["header"]
    assert [(p.line, p.field) for p in _problems(_file(tmp_path, HEADER))] == [(2, "row")]
    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + "1,Enseñanza,1.1,Personalización,a,b,c,d\n").encode("latin-1"))
    [problem] = _problems(latin)
    assert (problem.file, problem.field) == (str(latin), "file")
    assert [p.field for p in _problems(tmp_path / "nowhere.csv")] == ["file"]


def test_a_name_already_taken_is_refused_and_the_first_edition_is_untouched(tmp_path: Path) -> None:
    load_edition(FIRST_EDITION, name="GBP", levels=4)
    with pytest.raises(EditionRefused) as refused:
        load_edition(SECOND_EDITION, name="GBP", levels=4)
    assert refused.value.problems[0].field == "name"
    assert GbpDimension.objects.filter(strand__edition__name="GBP").count() == 20


def test_the_command_loads_an_edition_and_summarises_it() -> None:
    out = StringIO()
    call_command("load_gbp_edition", str(SECOND_EDITION), name="GBP 2nd", levels=4, stdout=out)
    assert "Loaded GBP 2nd" in out.getvalue() and "4 strands, 22 dimensions, 4 levels" in out.getvalue()
    assert "4. District Leadership: 6 dimensions" in out.getvalue()


def test_the_command_lists_every_problem_and_loads_nothing(tmp_path: Path) -> None:
    path = _file(tmp_path, HEADER + "1,,1.1,,a,b,c,d\n")
    with pytest.raises(CommandError) as error:
        call_command("load_gbp_edition", str(path), name="Broken", levels=4)
    message = str(error.value)
    assert "Nothing was loaded: 2 problem(s)" in message
    assert f"{path}, line 2, strand_title: is empty" in message and f"{path}, line 2, title: is empty" in message
    assert not GbpEdition.objects.exists()
