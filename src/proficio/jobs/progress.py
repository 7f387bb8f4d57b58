"""Live progress of running jobs (imports, report batches), shared in memory between the worker thread and the
status page that polls it.

Progress cannot go through the database: an import's single transaction holds it (SQLite allows one writer)
and its rows are invisible to other connections until it commits. Work that nobody watches (the command line)
reports to ``no_progress`` or a progress bar of its own; the callback type is the same.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

ProgressCallback = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)``; ``total`` is 0 while unknown."""


@dataclass
class Progress:
    stage: str = "starting"
    done: int = 0
    total: int = 0


_lock = threading.Lock()
_running: dict[str, Progress] = {}


def reporter(key: str) -> ProgressCallback:
    """A callback that publishes progress under ``key`` (a running job's token)."""

    def report(stage: str, done: int, total: int) -> None:
        with _lock:
            _running[key] = Progress(stage, done, total)

    return report


def current(key: str) -> Progress | None:
    with _lock:
        return _running.get(key)


def forget(key: str) -> None:
    with _lock:
        _running.pop(key, None)


def no_progress(stage: str, done: int, total: int) -> None:
    """The callback to use when nobody is watching."""
