"""A throwaway PostgreSQL database for a benchmark run: created empty, dropped afterwards.

Benchmarks are run as scripts (``python benchmarks/<name>.py``), so they import this module as a sibling.
``PROFICIO_BENCH_PG`` names the server (default: this machine's, user postgres, trust auth).
"""

from __future__ import annotations

import os
from typing import Any

PG_SERVER = os.environ.get("PROFICIO_BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def _admin_connection() -> Any:
    import psycopg

    return psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True)


def fresh_database(name: str) -> str:
    """Drop ``name`` if it exists, create it empty and return its URL."""
    with _admin_connection() as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute(f"CREATE DATABASE {name}")
    return f"{PG_SERVER}/{name}"


def drop_database(name: str, *, force: bool = False) -> None:
    """Close this process's connections and drop ``name``; ``force`` also ends other sessions on it."""
    from django.db import connections

    connections.close_all()
    with _admin_connection() as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}" + (" WITH (FORCE)" if force else ""))
