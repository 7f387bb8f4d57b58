"""Live progress of running jobs (imports, report batches), shared between the worker that runs a job and the
web process whose status page polls it.

Progress cannot go through the database: an import's single transaction holds it (SQLite allows one writer)
and its rows are invisible to other connections until it commits. It goes through the ``shared`` cache instead
(settings.CACHES): Redis in production, files in the data folder on the embedded default, so any process on
the machines that share it sees it. An entry lives a day at most, so an abandoned job's progress goes away.
Work that nobody watches (the command line) reports to ``no_progress`` or a progress bar of its own; the
callback type is the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.core.cache import caches

ProgressCallback = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)``; ``total`` is 0 while unknown."""

CACHE = "shared"
LIFETIME_SECONDS = 24 * 3600


@dataclass
class Progress:
    stage: str = "starting"
    done: int = 0
    total: int = 0


def _key(token: str) -> str:
    return f"job-progress:{token}"


def reporter(key: str) -> ProgressCallback:
    """A callback that publishes progress under ``key`` (a running job's token)."""

    def report(stage: str, done: int, total: int) -> None:
        caches[CACHE].set(_key(key), asdict(Progress(stage, done, total)), LIFETIME_SECONDS)

    return report


def current(key: str) -> Progress | None:
    found = caches[CACHE].get(_key(key))
    return Progress(**found) if isinstance(found, dict) else None


def forget(key: str) -> None:
    caches[CACHE].delete(_key(key))


def no_progress(stage: str, done: int, total: int) -> None:
    """The callback to use when nobody is watching."""
