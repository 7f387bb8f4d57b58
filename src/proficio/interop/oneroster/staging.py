"""Temporary tables that hold checked rows between reading a file and merging it into proficio's tables.

Large files (classes, users, roles, demographics, enrollments) are never kept in Python: each checked row
goes straight into a temporary table — through ``COPY … FROM STDIN`` on PostgreSQL (psycopg 3), batched
``executemany`` on SQLite — and the merge is then a handful of set-based SQL statements that resolve
sourcedIds to keys by joining, count what changes, and write only that. Python keeps sets of sourcedIds
for reference checks, never whole rows.

The tables live in the import's transaction: on PostgreSQL and SQLite alike a rollback removes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection

BATCH = 5000
PREFIX = "oneroster_"

Row = tuple[Any, ...]


def vendor() -> str:
    if connection.vendor not in ("postgresql", "sqlite"):  # pragma: no cover - proficio supports these two
        raise NotImplementedError(f"OneRoster import supports PostgreSQL and SQLite, not {connection.vendor}")
    return connection.vendor


def is_postgres() -> bool:
    return vendor() == "postgresql"


def differs(a: str, b: str) -> str:
    """SQL for 'a and b differ', where NULL equals NULL."""
    return f"({a} IS DISTINCT FROM {b})" if is_postgres() else f"({a} IS NOT {b})"


def same(a: str, b: str) -> str:
    """SQL for 'a equals b', where NULL equals NULL."""
    return f"({a} IS NOT DISTINCT FROM {b})" if is_postgres() else f"({a} IS {b})"


def any_differs(pairs: Sequence[tuple[str, str]]) -> str:
    return "(" + " OR ".join(differs(a, b) for a, b in pairs) + ")"


def run(sql: str, params: Sequence[Any] = ()) -> int:
    """Execute one statement; the number of rows it changed."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)


def rows(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def scalar(sql: str, params: Sequence[Any] = ()) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        return row[0] if row else None


def temp_table_as(name: str, select: str, params: Sequence[Any] = (), *, index: Sequence[str] = ()) -> str:
    """Create (or replace) a temporary table from a query; returns its name."""
    table = PREFIX + name
    run(f"DROP TABLE IF EXISTS {table}")
    run(f"CREATE TEMP TABLE {table} AS {select}", params)
    for number, columns in enumerate(index):
        run(f"CREATE INDEX {table}_i{number} ON {table} ({columns})")
    analyze(table)
    return table


def analyze(table: str) -> None:
    """Temporary tables are never analysed automatically; without statistics PostgreSQL plans joins badly."""
    if is_postgres():
        run(f"ANALYZE {table}")


class Stage:
    """One temporary table of staged rows. ``columns`` are (name, SQL type) pairs; ``line`` comes first."""

    def __init__(self, name: str, columns: Sequence[tuple[str, str]], *, index: Sequence[str] = ()) -> None:
        self.table = PREFIX + name
        self.columns = [("line", "INTEGER"), *columns]
        self.names = [name for name, _ in self.columns]
        self.index = index
        self.count = 0

    def create(self) -> None:
        run(f"DROP TABLE IF EXISTS {self.table}")
        body = ", ".join(f"{name} {kind}" for name, kind in self.columns)
        run(f"CREATE TEMP TABLE {self.table} ({body})")

    def finish(self) -> None:
        """Index and analyse after loading (faster than maintaining indexes row by row)."""
        for number, columns in enumerate(self.index):
            run(f"CREATE INDEX {self.table}_i{number} ON {self.table} ({columns})")
        analyze(self.table)

    @contextmanager
    def loader(self) -> Iterator[Callable[[Row], None]]:
        """A function that stages one row (a tuple in column order, ``line`` first)."""
        names = ", ".join(self.names)
        if is_postgres():
            # Errors inside COPY come straight from psycopg; wrapping makes them Django's DatabaseError.
            with (
                connection.wrap_database_errors,
                connection.cursor() as cursor,
                cursor.cursor.copy(f"COPY {self.table} ({names}) FROM STDIN") as copy,
            ):
                write = copy.write_row

                def add_pg(row: Row) -> None:
                    self.count += 1
                    write(row)

                yield add_pg
            return
        batch: list[Row] = []
        marks = ", ".join("%s" for _ in self.names)
        sql = f"INSERT INTO {self.table} ({names}) VALUES ({marks})"

        def add_sqlite(row: Row) -> None:
            self.count += 1
            batch.append(row)
            if len(batch) >= BATCH:
                _flush(sql, batch)

        yield add_sqlite
        _flush(sql, batch)


def _flush(sql: str, batch: list[Row]) -> None:
    if batch:
        with connection.cursor() as cursor:
            cursor.executemany(sql, batch)
        batch.clear()


def drop_all() -> None:
    """Drop this run's temporary tables (a rollback drops them anyway; a commit would keep them on SQLite)."""
    if is_postgres():
        names = rows(
            "SELECT relname FROM pg_class WHERE relnamespace = pg_my_temp_schema() AND relkind = 'r' "
            "AND relname LIKE %s",
            [PREFIX + "%"],
        )
    else:
        names = rows("SELECT name FROM sqlite_temp_master WHERE type = 'table' AND name LIKE %s", [PREFIX + "%"])
    for (name,) in names:
        run(f"DROP TABLE IF EXISTS {name}")


def analyze_targets(*tables: str) -> None:
    """Refresh the planner's statistics of proficio tables a run has just filled (PostgreSQL only).

    Autovacuum analyses a table some time after a bulk load; until then PostgreSQL believes a table that
    just received a million rows is empty and joins it row by row. ANALYZE samples a fixed number of rows,
    so it costs a fraction of a second even on large tables.
    """
    if is_postgres():
        for table in tables:
            run(f"ANALYZE {table}")
