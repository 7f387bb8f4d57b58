"""Before a framework is imported, the dry run shows how its item types map and the tree proficio will hold."""

from __future__ import annotations

from typing import Any

import pytest

from proficio.interop.case.importer import import_case
from proficio.roster.models import District
from tests.interop.case.conftest import encode

pytestmark = pytest.mark.django_db


def test_the_dry_run_shows_the_proposed_tree_and_how_each_type_was_mapped(
    riverside: dict[str, Any], district: District
) -> None:
    for item in riverside["CFItems"]:  # a framework that is only a hierarchy
        item.pop("CFItemType", None)
        item.pop("CFItemTypeURI", None)
    outcome = import_case(encode(riverside), source_name="r.json", district=district, user=None, dry_run=True)
    [row] = outcome.changes["mapping"]
    assert row["type"] == "(no CFItemType)" and row["how"] == "by depth"
    assert set(row["to"]) == {"standard", "indicator", "objective"}
    tree = outcome.changes["tree"]
    assert {node["level"] for node in tree} == {"standard"}
    indicators = [child for node in tree for child in node["children"]]
    assert indicators and {child["level"] for child in indicators} == {"indicator"}
    objectives = [leaf for child in indicators for leaf in child["children"]]
    assert objectives and all(leaf["level"] == "objective" and leaf["code"] for leaf in objectives)
    assert sum(1 + len(c["children"]) for node in tree for c in node["children"]) + len(tree) == (
        outcome.counts["standards"] + outcome.counts["indicators"] + outcome.counts["objectives"]
    )
    assert outcome.record.changes["tree"] == tree  # on the record, which the upload page renders
