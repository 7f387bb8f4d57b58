"""The vocabulary decisions, one by one: grades, subjects, demographics, derived codes."""

from __future__ import annotations

from proficio.interop.oneroster.values import (
    content_area_of,
    grade_of,
    parse_date,
    race_ethnicity_of,
    short_code,
    split_list,
    student_number_of,
)


def test_grades_map_to_proficio_grades() -> None:
    assert grade_of(["KG"]) == 0 and grade_of(["PK"]) == -1 and grade_of(["09"]) == 9
    assert grade_of(["UG", "11"]) == 11  # the first grade proficio knows
    assert grade_of(["13", "PS"]) is None


def test_content_areas_come_from_sced_codes_then_subject_words() -> None:
    assert content_area_of([], ["02052"]) == "math"
    assert content_area_of(["Biology"], []) == "science"
    assert content_area_of(["Spanish II"], []) == "world_languages"
    assert content_area_of(["Mathematics", "Physics"], []) == "interdisciplinary"  # two areas
    assert content_area_of(["Study Hall"], []) == "interdisciplinary"


def test_hispanic_comes_first_then_two_or_more_then_the_race() -> None:
    assert race_ethnicity_of({"hispanicOrLatinoEthnicity": True, "white": True}) == "hispanic"
    assert race_ethnicity_of({"asian": True, "white": True}) == "two_or_more"
    assert race_ethnicity_of({"demographicRaceTwoOrMoreRaces": True}) == "two_or_more"
    assert race_ethnicity_of({"blackOrAfricanAmerican": True}) == "black"
    assert race_ethnicity_of({}) == ""


def test_dates_are_strict_and_lists_are_split() -> None:
    assert parse_date("2025-08-25") is not None
    assert parse_date("20250825") is None and parse_date("2025-02-30") is None
    assert split_list(" a, b,,c ") == ["a", "b", "c"]


def test_derived_codes_are_stable_and_fit() -> None:
    long_id = "5b0a7e1c-3f5d-4a7e-9d0c-8e2f4b6a1c3d"
    assert student_number_of("", long_id) == student_number_of("", long_id)
    assert len(student_number_of("", long_id)) <= 32
    assert student_number_of("100201", long_id) == "100201"
    assert short_code("MATH1", 32) == "MATH1"
