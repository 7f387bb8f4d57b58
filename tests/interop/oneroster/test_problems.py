"""Every problem in a file is found in one run and reported where a person will look for it: the file, the
physical line (the header is line 1), the column and the value — and nothing is written."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from proficio.accounts.models import User
from proficio.interop.models import ImportRecord
from proficio.interop.oneroster.importer import import_oneroster
from proficio.interop.problems import ImportRefused, Problem

from .conftest import edit_csv, fingerprint, fixture_bytes, with_manifest

# Vendor-sensitive: the staging layer: COPY or executemany, jsonb or json_each, per vendor.
pytestmark = [pytest.mark.django_db, pytest.mark.vendor_sensitive]


def problems_of(path: Path) -> list[Problem]:
    before = fingerprint()
    with pytest.raises(ImportRefused) as refused:
        import_oneroster(path, district=None, user=None)
    assert fingerprint() == before
    assert ImportRecord.objects.filter(status=ImportRecord.Status.FAILED).count() == 1
    for problem in refused.value.problems:
        assert problem.file and (problem.line > 0 or problem.where), problem
    return refused.value.problems


def texts(path: Path) -> list[str]:
    return [str(p) for p in problems_of(path)]


def test_a_misspelt_role_reads_like_the_issue_asks(make_set: Callable[..., Path]) -> None:
    roles = edit_csv("roles.csv", change={"role-t-04": {"role": "techer"}})
    [problem] = problems_of(make_set({"roles.csv": roles}))
    assert (problem.file, problem.line, problem.column, problem.value) == ("roles.csv", 9, "role", "techer")
    assert str(problem).startswith("roles.csv line 9, column role: 'techer' — is not one of administrator, aide, ")


def test_every_bad_cell_in_a_file_is_reported_at_once(make_set: Callable[..., Path]) -> None:
    users = edit_csv(
        "users.csv",
        change={
            "usr-s-01": {"enabledUser": "yes"},
            "usr-s-02": {"givenName": ""},
            "usr-s-03": {"dateLastModified": "last Tuesday"},
            "usr-g-01": {"email": "rosa at example"},
        },
    )
    sessions = edit_csv("academicSessions.csv", change={"as-2026-t2": {"startDate": "20/01/2026", "schoolYear": "26"}})
    found = {
        (p.file, p.line, p.column)
        for p in problems_of(make_set({"users.csv": users, "academicSessions.csv": sessions}))
    }
    assert found == {
        ("users.csv", 10, "enabledUser"),
        ("users.csv", 11, "givenName"),
        ("users.csv", 12, "dateLastModified"),
        ("users.csv", 30, "email"),
        ("academicSessions.csv", 4, "startDate"),
        ("academicSessions.csv", 4, "schoolYear"),
    }


def test_text_that_is_not_utf8_is_located(make_set: Callable[..., Path]) -> None:
    latin = fixture_bytes("users.csv").decode().encode("latin-1")  # André, Hernández, Zoë, Ramírez, López
    found = problems_of(make_set({"users.csv": latin}))
    assert [(p.file, p.line) for p in found] == [("users.csv", n) for n in (7, 12, 16, 17, 21)]
    assert "is not valid UTF-8 (it may be saved as Windows-1252 or Latin-1)" in found[0].message


def test_a_utf8_bom_is_accepted(make_set: Callable[..., Path]) -> None:
    with_bom = {name: codecs.BOM_UTF8 + fixture_bytes(name) for name in ("users.csv", "manifest.csv", "orgs.csv")}
    assert import_oneroster(make_set(with_bom), district=None, user=None).counts["users"]["created"] == 38


def test_utf16_is_refused_in_words(make_set: Callable[..., Path]) -> None:
    utf16 = fixture_bytes("courses.csv").decode().encode("utf-16")
    assert texts(make_set({"courses.csv": utf16})) == [
        "courses.csv line 1: is saved as UTF-16; OneRoster files must be UTF-8 — save it again as 'CSV UTF-8'"
    ]


@pytest.mark.parametrize(("delimiter", "words"), [(";", "semicolons"), ("\t", "tabs")])
def test_a_wrong_delimiter_is_named(make_set: Callable[..., Path], delimiter: str, words: str) -> None:
    orgs = fixture_bytes("orgs.csv").decode().replace(",", delimiter)
    [problem] = problems_of(make_set({"orgs.csv": orgs}))
    assert (problem.file, problem.line) == ("orgs.csv", 1)
    assert problem.message == f"has its columns separated by {words}; OneRoster files use commas"


def test_missing_columns_and_ragged_rows(make_set: Callable[..., Path]) -> None:
    lines = fixture_bytes("classes.csv").decode().splitlines()
    no_title = "\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != 3) for line in lines[:1]) + "\n"
    courses = fixture_bytes("courses.csv").decode().splitlines()
    courses[3] += ",extra"
    found = texts(make_set({"classes.csv": no_title, "courses.csv": "\n".join(courses) + "\n"}))
    assert "classes.csv line 1, column title: is required but missing from the header" in found
    assert "courses.csv line 4: has 11 values but the header has 10 columns" in found


def test_duplicates_are_reported_with_the_first_line(make_set: Callable[..., Path]) -> None:
    enrollments = fixture_bytes("enrollments.csv").decode()
    enrollments += "enr-0003,,,cls-rms-sci7-2,org-rms,usr-s-04,student,false,,\n"  # same sourcedId
    enrollments += "enr-0999,,,cls-rms-math7-1,org-rms,usr-s-01,student,false,,\n"  # same class, person, role
    users = edit_csv("users.csv", change={"usr-s-02": {"username": "s100201"}})
    found = texts(make_set({"enrollments.csv": enrollments, "users.csv": users}))
    assert "enrollments.csv line 58, column sourcedId: 'enr-0003' — appears twice (also line 4)" in found
    assert (
        "enrollments.csv line 59, column userSourcedId: 'usr-s-01' — is enrolled in this class in the same role "
        "twice (also line 3)"
    ) in found
    assert "users.csv line 11, column username: 's100201' — appears twice (also line 10)" in found


def test_dangling_references_are_found_in_every_file(make_set: Callable[..., Path]) -> None:
    found = {
        (p.file, p.line, p.column, p.value)
        for p in problems_of(
            make_set(
                {
                    "classes.csv": edit_csv("classes.csv", change={"cls-rhs-bio-4": {"courseSourcedId": "crs-bio-x"}}),
                    "courses.csv": edit_csv("courses.csv", change={"crs-rhs-art": {"orgSourcedId": "org-nowhere"}}),
                    "users.csv": edit_csv("users.csv", change={"usr-g-10": {"agentSourcedIds": "usr-s-19,usr-s-99"}}),
                    "roles.csv": edit_csv("roles.csv", change={"role-s-19": {"userSourcedId": "usr-ghost"}}),
                    "enrollments.csv": edit_csv("enrollments.csv", change={"enr-0040": {"classSourcedId": "cls-gone"}}),
                    "demographics.csv": edit_csv("demographics.csv", change={"usr-s-15": {"sourcedId": "usr-s-51"}}),
                }
            )
        )
    }
    assert ("classes.csv", 7, "courseSourcedId", "crs-bio-x") in found
    assert ("courses.csv", 7, "orgSourcedId", "org-nowhere") in found
    assert ("users.csv", 39, "agentSourcedIds", "usr-s-99") in found
    assert ("roles.csv", 29, "userSourcedId", "usr-ghost") in found
    assert ("enrollments.csv", 41, "classSourcedId", "cls-gone") in found
    assert ("demographics.csv", 16, "sourcedId", "usr-s-51") in found


def test_the_manifest_must_match_the_files(make_set: Callable[..., Path]) -> None:
    found = texts(
        make_set(
            {
                "manifest.csv": with_manifest({"demographics": "absent", "userProfiles": "bulk"}),
                "roles.csv": None,
                "user.csv": "sourcedId\nx\n",
            }
        )
    )
    assert (
        "manifest.csv line 20, column value: 'bulk' — lists roles.csv as bulk, but the file is not in the set" in found
    )
    assert (
        "manifest.csv line 10, column value: lists demographics.csv as absent, but the file is in the set "
        "(say bulk or delta)"
    ) in found
    assert (
        "user.csv at the file set: is not a file OneRoster defines "
        "(check the spelling, e.g. users.csv, enrollments.csv)"
    ) in found


def test_a_set_without_a_manifest_is_refused(make_set: Callable[..., Path]) -> None:
    assert texts(make_set({"manifest.csv": None}))[0] == (
        "manifest.csv at the file set: is missing; a OneRoster set starts with manifest.csv"
    )


def test_a_delta_file_must_say_each_rows_status(make_set: Callable[..., Path]) -> None:
    found = problems_of(make_set({"manifest.csv": with_manifest({"courses": "delta"})}))
    assert {(p.file, p.column) for p in found} == {("courses.csv", "status")}
    assert len(found) == 7


def test_usernames_must_be_free(make_set: Callable[..., Path]) -> None:
    User.objects.create_user("mokafor", password="a-long-test-password")  # made by hand, not from the roster
    found = texts(make_set())
    assert found == [
        "users.csv line 3, column username: 'mokafor' — is already the username of another account in proficio"
    ]


def test_the_list_stops_at_the_cap_and_says_so(make_set: Callable[..., Path]) -> None:
    rows = "".join(f"enr-x{n},,,cls-rms-math7-1,org-rms,usr-s-01,studnet,false,,\n" for n in range(300))
    with pytest.raises(ImportRefused) as refused:
        import_oneroster(
            make_set({"enrollments.csv": fixture_bytes("enrollments.csv").decode() + rows}), district=None, user=None
        )
    assert len(refused.value.problems) == 200 and refused.value.truncated
    assert "(and more, not listed)" in str(refused.value)
