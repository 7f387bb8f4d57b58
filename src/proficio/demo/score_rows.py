"""Scores written in bulk by plain SQL: the demo's several hundred thousand scores, and their history rows.

Building a model instance per score and letting the ORM prepare every value cost the demo about 150 µs a
score, more than everything else together. Here each score is a tuple of values already adapted for the
database, inserted with ``executemany``; its ids are given by the writer (after the table's highest), so
that a correction can name the score it supersedes; and the audit history rows (django-simple-history's
``HistoricalScore``: a "+" row per score) are copied by the database itself, one ``INSERT … SELECT``.

Invariants:

- The rows are those ``bulk_create_with_history`` would write: same columns, same values, a history row per
  score with no user and no change reason. The score triggers (value on the scale, indicator aligned,
  correction in the same slot) check every row as they check any insert.
- The column lists are read from the models, and a column this module does not fill stops it with an error
  rather than writing a row without it.
- Plain SQL that SQLite and PostgreSQL both run; afterwards PostgreSQL's id sequences are moved past the
  given ids (SQLite's AUTOINCREMENT follows them by itself).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max, Model
from django.utils import timezone

from proficio.evidence.models import Score

SCORE_FIELDS = (
    "id",
    "student",
    "indicator",
    "assessment",
    "outside_evidence",
    "value",
    "feedback",
    "scorer",
    "scored_at",
    "supersedes",
    "reason",
)
HISTORY_FIELDS = ("history_date", "history_change_reason", "history_type", "history_user")
CHUNK = 4500  # rows between two progress calls

Row = tuple[Any, ...]
"""One score's values, in the order of ``SCORE_FIELDS``, as ``row`` builds them."""


def _columns(model: type[Model], names: Sequence[str]) -> list[str]:
    """The quoted columns of ``names``, which must be every concrete field of ``model``."""
    fields = model._meta.concrete_fields
    known = {field.name for field in fields}
    if known != set(names):
        raise RuntimeError(
            f"The demo's score writer fills {sorted(names)}, but {model._meta.db_table} has {sorted(known)}: "
            "teach proficio/demo/score_rows.py the change."
        )
    by_name = {field.name: field.column for field in fields}
    return [connection.ops.quote_name(str(by_name[name])) for name in names]


def next_id() -> int:
    """The first id free after every score (ids are given, not drawn, so corrections can name originals)."""
    highest = Score.objects.aggregate(highest=Max("id"))["highest"]
    return (highest or 0) + 1


def value(level: int) -> object:
    return connection.ops.adapt_decimalfield_value(Decimal(level), 5, 2)


def moments() -> Callable[[datetime], object]:
    """Adapts a moment for the database. SQLite stores a UTC moment as Django's adapter does, ``str`` of the
    naive UTC datetime, written here without the adapter's checks (a fifth of the writer's time otherwise)."""
    adapt = connection.ops.adapt_datetimefield_value
    if connection.vendor != "sqlite" or str(connection.timezone) != "UTC":
        return adapt  # type: ignore[no-any-return]

    def moment(at: datetime) -> object:
        return at.replace(tzinfo=None).isoformat(" ") if at.tzinfo is UTC else adapt(at)

    return moment


def insert(rows: Sequence[Row], progress: Callable[[int], None]) -> None:
    """Insert scores, many to a statement as the database allows, calling ``progress`` every ``CHUNK`` rows."""
    columns = _columns(Score, SCORE_FIELDS)
    per_statement = max(1, connection.ops.bulk_batch_size(columns, rows))
    marks = f"({', '.join(['%s'] * len(columns))})"
    head = f"INSERT INTO {connection.ops.quote_name(Score._meta.db_table)} ({', '.join(columns)}) VALUES "
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            whole = len(chunk) - len(chunk) % per_statement
            batches = [_flat(chunk[i : i + per_statement]) for i in range(0, whole, per_statement)]
            if batches:
                cursor.executemany(head + ", ".join([marks] * per_statement), batches)
            if whole < len(chunk):
                cursor.execute(head + ", ".join([marks] * (len(chunk) - whole)), _flat(chunk[whole:]))
            progress(len(chunk))


def _flat(rows: Sequence[Row]) -> list[Any]:
    return [value for row in rows for value in row]


def copy_history(first_id: int) -> None:
    """One history row ("+", now, no user, no reason) for each score from ``first_id`` on."""
    history: type[Model] = Score.history.model
    copied = _columns(Score, SCORE_FIELDS)
    into = _columns(history, [*SCORE_FIELDS, *HISTORY_FIELDS, "history_id"])[:-1]  # history_id: the table's own
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(into)}) "
        f"SELECT {', '.join(copied)}, %s, NULL, '+', NULL FROM {quote(Score._meta.db_table)} "
        f"WHERE {copied[0]} >= %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [connection.ops.adapt_datetimefield_value(timezone.now()), first_id])
        for statement in connection.ops.sequence_reset_sql(no_style(), [Score, history]):
            cursor.execute(statement)
