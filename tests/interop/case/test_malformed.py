"""No malformed package ever leaves data behind, and every problem it causes says where it is.

Hypothesis mutates the good Riverside package — dropping required fields, giving fields the wrong type,
pointing references nowhere, closing isChildOf loops, reusing identifiers, garbling dates, truncating the
bytes, breaking the UTF-8 — and each import must be refused with the database exactly as before, except
for one more ImportRecord, marked failed, listing located problems.
"""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proficio.interop.case import spec
from proficio.interop.case.importer import import_case
from proficio.interop.models import ImportRecord
from proficio.interop.problems import ImportRefused
from proficio.roster.models import District
from tests.hypothesis_profiles import examples
from tests.interop.case.conftest import RIVERSIDE, encode, row_counts

pytestmark = pytest.mark.django_db

GOOD: dict[str, Any] = json.loads(RIVERSIDE.read_text(encoding="utf-8"))
BOUNDED = settings(
    max_examples=examples(30),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
Path = tuple[str | int, ...]


def _objects() -> list[tuple[Path, tuple[str, ...]]]:
    """Every object of the good package with the fields CASE requires of it."""
    found: list[tuple[Path, tuple[str, ...]]] = [(("CFDocument",), spec.DOCUMENT_REQUIRED)]
    found += [(("CFItems", i), spec.ITEM_REQUIRED) for i in range(len(GOOD["CFItems"]))]
    for j in range(len(GOOD["CFAssociations"])):
        found.append((("CFAssociations", j), (*spec.ASSOCIATION_REQUIRED, "originNodeURI", "destinationNodeURI")))
        found.append((("CFAssociations", j, "originNodeURI"), ("identifier", "uri")))
    for r, rubric in enumerate(GOOD["CFRubrics"]):
        found.append((("CFRubrics", r), spec.RUBRIC_REQUIRED))
        for c, criterion in enumerate(rubric["CFRubricCriteria"]):
            found.append((("CFRubrics", r, "CFRubricCriteria", c), spec.CRITERION_REQUIRED))
            for n in range(len(criterion["CFRubricCriterionLevels"])):
                found.append(
                    (("CFRubrics", r, "CFRubricCriteria", c, "CFRubricCriterionLevels", n), spec.LEVEL_REQUIRED)
                )
    return found


OBJECTS = _objects()
FIELDS = [(path, name) for path, names in OBJECTS for name in names]
DATED = [path for path, names in OBJECTS if "lastChangeDateTime" in names]
ITEM_IDS = [item["identifier"] for item in GOOD["CFItems"]]
PARENT = {
    a["originNodeURI"]["identifier"]: j
    for j, a in enumerate(GOOD["CFAssociations"])
    if a["associationType"] == "isChildOf"
}


def _descendants(identifier: str) -> list[str]:
    children = {
        a["originNodeURI"]["identifier"]
        for a in GOOD["CFAssociations"]
        if a["associationType"] == "isChildOf" and a["destinationNodeURI"]["identifier"] == identifier
    }
    return [identifier, *(d for child in sorted(children) for d in _descendants(child))]


def _at(package: dict[str, Any], path: Path) -> Any:
    target: Any = package
    for step in path:
        target = target[step]
    return target


Mutation = Callable[[dict[str, Any]], bytes]


def _edit(change: Callable[[dict[str, Any]], None]) -> Mutation:
    def mutate(package: dict[str, Any]) -> bytes:
        change(package)
        return encode(package)

    return mutate


drop_required = st.sampled_from(FIELDS).map(lambda f: _edit(lambda p: _at(p, f[0]).pop(f[1])))
wrong_type = st.tuples(st.sampled_from(FIELDS), st.sampled_from([12, 3.5, True, [], ["x"], {}, {"a": 1}])).map(
    lambda t: _edit(lambda p: _at(p, t[0][0]).__setitem__(t[0][1], t[1]))
)


def _dangle(choice: int, ghost: str) -> Callable[[dict[str, Any]], None]:
    def change(package: dict[str, Any]) -> None:
        references: list[dict[str, Any]] = [
            a["destinationNodeURI"] for a in package["CFAssociations"] if a["associationType"] == "isChildOf"
        ]
        references += [a["originNodeURI"] for a in package["CFAssociations"] if a["associationType"] == "exemplar"]
        references += [c["CFItemURI"] for r in package["CFRubrics"] for c in r["CFRubricCriteria"]]
        references[choice % len(references)]["identifier"] = ghost

    return change


dangling = st.tuples(st.integers(0, 1000), st.uuids().map(str)).map(lambda t: _edit(_dangle(*t)))


def _loop(item: str, pick: int) -> Callable[[dict[str, Any]], None]:
    def change(package: dict[str, Any]) -> None:
        below = _descendants(item)
        target = package["CFItems"][ITEM_IDS.index(below[pick % len(below)])]
        association = package["CFAssociations"][PARENT[item]]
        association["destinationNodeURI"] = {"title": "loop", "identifier": target["identifier"], "uri": target["uri"]}

    return change


cycles = st.tuples(st.sampled_from(ITEM_IDS), st.integers(0, 50)).map(lambda t: _edit(_loop(*t)))


def _duplicate(collection: str, first: int, second: int) -> Callable[[dict[str, Any]], None]:
    def change(package: dict[str, Any]) -> None:
        objects = package[collection]
        a, b = first % len(objects), second % len(objects)
        if a == b:
            b = (a + 1) % len(objects)
        objects[b]["identifier"] = objects[a]["identifier"]

    return change


duplicates = st.tuples(st.sampled_from(["CFItems", "CFAssociations"]), st.integers(0, 100), st.integers(0, 100)).map(
    lambda t: _edit(_duplicate(*t))
)
BAD_DATES = ["yesterday", "2025-13-01T00:00:00Z", "14/05/2025", "", "2025-05-14T25:61:00", "May 14, 2025", "2025-5-1"]
bad_dates = st.tuples(st.sampled_from(DATED), st.sampled_from(BAD_DATES)).map(
    lambda t: _edit(lambda p: _at(p, t[0]).__setitem__("lastChangeDateTime", t[1]))
)
GOOD_BYTES = encode(GOOD)
truncated = st.integers(0, len(GOOD_BYTES.rstrip()) - 2).map(lambda n: lambda _p: GOOD_BYTES[:n])
BAD_UTF8 = [b"\xff", b"\xfe\xfe", b"\xc3\x28", b"\xe2\x82", b"\xf0\x28\x8c\xbc", b"\xed\xa0\x80", b"\xc0\xaf"]
invalid_utf8 = st.tuples(st.integers(0, len(GOOD_BYTES)), st.sampled_from(BAD_UTF8)).map(
    lambda t: lambda _p: GOOD_BYTES[: t[0]] + t[1] + GOOD_BYTES[t[0] :]
)
wide = st.sampled_from(["utf-16", "utf-16-le", "utf-32"]).map(lambda e: lambda _p: GOOD_BYTES.decode().encode(e))
noise = st.binary(max_size=60).map(lambda b: lambda _p: b)


def assert_refused_cleanly(mutate: Mutation, district: District) -> None:
    data = mutate(copy.deepcopy(GOOD))
    before, records = row_counts(), ImportRecord.objects.count()
    with pytest.raises(ImportRefused) as refused:
        import_case(data, source_name="mutated.json", district=district, user=None)
    assert row_counts() == before
    assert ImportRecord.objects.count() == records + 1
    record = ImportRecord.objects.order_by("-pk").first()
    assert record is not None and record.status == ImportRecord.Status.FAILED
    assert refused.value.problems and len(record.problems) == len(refused.value.problems)
    for problem in refused.value.problems:
        assert problem.file == "mutated.json" and problem.message
        assert problem.line > 0 or problem.where, problem


@pytest.fixture
def district(db: None) -> District:
    return District.objects.create(name="Mutation district")


@BOUNDED
@given(mutate=drop_required)
def test_a_missing_required_field_leaves_nothing_behind(district: District, mutate: Mutation) -> None:
    assert_refused_cleanly(mutate, district)


@BOUNDED
@given(mutate=wrong_type)
def test_a_wrongly_typed_field_leaves_nothing_behind(district: District, mutate: Mutation) -> None:
    assert_refused_cleanly(mutate, district)


@BOUNDED
@given(mutate=dangling)
def test_a_dangling_reference_leaves_nothing_behind(district: District, mutate: Mutation) -> None:
    assert_refused_cleanly(mutate, district)


@BOUNDED
@given(mutate=cycles)
def test_a_cycle_leaves_nothing_behind(district: District, mutate: Mutation) -> None:
    assert_refused_cleanly(mutate, district)


@BOUNDED
@given(mutate=duplicates)
def test_a_duplicate_identifier_leaves_nothing_behind(district: District, mutate: Mutation) -> None:
    assert_refused_cleanly(mutate, district)


@BOUNDED
@given(mutate=bad_dates)
def test_a_bad_date_leaves_nothing_behind(district: District, mutate: Mutation) -> None:
    assert_refused_cleanly(mutate, district)


@BOUNDED
@given(mutate=st.one_of(truncated, invalid_utf8, wide, noise))
def test_broken_bytes_leave_nothing_behind(district: District, mutate: Mutation) -> None:
    assert_refused_cleanly(mutate, district)


@BOUNDED
@given(
    mutations=st.lists(st.one_of(drop_required, wrong_type, dangling, duplicates, bad_dates), min_size=2, max_size=5)
)
def test_several_problems_at_once_are_all_located(district: District, mutations: list[Mutation]) -> None:
    def mutate(package: dict[str, Any]) -> bytes:
        for mutation in mutations:
            # an earlier mutation may have removed what this one edits; the package is broken already
            with contextlib.suppress(KeyError, TypeError, AttributeError, IndexError):
                mutation(package)
        return encode(package)

    assert_refused_cleanly(mutate, district)


def test_the_good_package_imports(district: District) -> None:
    """The mutations start from a package that imports cleanly, so it is the mutation that is refused."""
    assert import_case(GOOD_BYTES, source_name="good.json", district=district, user=None).framework is not None
