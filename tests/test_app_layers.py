"""Apps import downward only: ``accounts`` is the lowest app and imports no other, and ``home``, which puts the
home page together from every app's panels, is the highest, imported by none.

The imports are read from the source (every ``import`` and ``from … import`` of ``proficio.<app>``, including
those inside functions and under ``TYPE_CHECKING``), not from a list kept by hand, so a new module is checked
the day it is written. Migrations are left out: they name other apps in their dependencies, not by importing
them.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import proficio

SOURCE = Path(proficio.__file__).parent


def _imported_modules(tree: ast.AST) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
    return found


def imports_of(package: str) -> dict[str, list[str]]:
    """The proficio packages that ``proficio.<package>`` imports, each with where: ``{"roster": ["views.py:12"]}``.

    With ``package=""``, the whole source tree: what each imported package is imported from, across every app.
    """
    root = SOURCE / package
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.relative_to(root).parts:
            continue
        for module, line in _imported_modules(ast.parse(path.read_text(encoding="utf-8"))):
            parts = module.split(".")
            if parts[0] == "proficio" and len(parts) > 1 and parts[1] != package:
                found[parts[1]].append(f"{path.relative_to(SOURCE)}:{line}")
    return dict(found)


def test_the_imports_are_found() -> None:
    """The reader sees what the home page's assembly imports, so an empty answer below means something."""
    assert {"accounts", "roster", "standards", "evidence", "proficiency", "learners", "progress"} <= set(
        imports_of("home")
    )
    assert "accounts" in imports_of("roster")


def test_accounts_imports_no_other_app() -> None:
    """Users, roles and log-in sit under every app; the apps above read them, never the other way round."""
    assert imports_of("accounts") == {}


def test_nothing_imports_the_home_page() -> None:
    """The home page reads every app's panel; an app importing it back would tie it to the page above it."""
    importers = imports_of("").get("home", [])
    assert [where for where in importers if not where.startswith("home/")] == []
