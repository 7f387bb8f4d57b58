"""The production web server: gunicorn in front of proficio's WSGI app, static files served by WhiteNoise.

``proficio serve --production`` calls ``prepare`` and then ``run``; ``proficio serve`` alone stays Django's
development server (``make demo``). docs/deploy.md is the operator's side of this module.

Invariants:

- The worker count is ``--workers``, else ``$PROFICIO_WEB_WORKERS``, else 2 × usable cores + 1 (the cores this
  process may run on, which a container or ``taskset`` can make fewer than the machine has).
- Static files are collected (hashed names, compressed copies) before the first worker starts, and the
  manifest storage is on (``PROFICIO_STATIC_MANIFEST=1``) in the master and so in every worker it forks.
- The master holds no database connection when it forks: each worker opens its own.
- SIGTERM stops the server gracefully: workers finish the requests they are serving (up to the graceful
  timeout), then the process exits with status 0.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import brotli
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

WORKERS_ENV = "PROFICIO_WEB_WORKERS"
TIMEOUT_ENV = "PROFICIO_WEB_TIMEOUT"
MANIFEST_ENV = "PROFICIO_STATIC_MANIFEST"

# One line per request: the usual combined format plus how long it took, in milliseconds.
ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'


# Brotli's default quality (11) takes about 90 s of CPU for our 20 MB of static files; 5 takes about 1 s for
# files 12 % larger, still smaller than gzip's. The files are compressed when the server starts.
BROTLI_QUALITY = 5


class _Compressor(Compressor):
    """WhiteNoise's compressor, at a quicker brotli quality, skipping files whose compressed copies are fresh.

    WhiteNoise gives a compressed copy its source's modification time, and ``collectstatic`` rewrites a source
    only when it changed, so equal times mean the copy is of the current content: a restart recompresses only
    what changed.
    """

    @staticmethod
    def compress_brotli(data: bytes) -> bytes:
        return bytes(brotli.compress(data, quality=BROTLI_QUALITY))

    def compress(self, path: str) -> list[str]:
        source = os.stat(path).st_mtime
        wanted = [path + suffix for suffix, on in ((".gz", self.use_gzip), (".br", self.use_brotli)) if on]
        fresh = [name for name in wanted if os.path.exists(name) and abs(os.stat(name).st_mtime - source) < 1e-3]
        if fresh and fresh == wanted:
            return fresh
        return list(super().compress(path))


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed, compressed storage, minus the rewriting of JavaScript source-map comments.

    The vendored libraries (vega-lite, vega-embed) end with ``//# sourceMappingURL=…`` for maps that are not
    shipped, and Django's storage refuses to collect a file whose reference it cannot resolve. Stylesheets'
    ``url()`` and ``@import`` references are still rewritten to hashed names.
    """

    patterns = tuple((glob, rules) for glob, rules in ManifestStaticFilesStorage.patterns if glob != "*.js")

    def create_compressor(self, **kwargs: Any) -> Compressor:
        return _Compressor(**kwargs)


def usable_cores() -> int:
    """The CPUs this process may run on (its affinity mask), at least one."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def default_workers(*, cores: int) -> int:
    """Gunicorn's rule of thumb for sync workers: two per core, plus one to cover a worker blocked on I/O."""
    return 2 * max(1, cores) + 1


def _positive(value: str | int, *, name: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from None
    if number < 1:
        raise ValueError(f"{name} must be at least 1, not {number}")
    return number


def worker_count(*, option: int | None, environ: Mapping[str, str], cores: int) -> int:
    """``--workers`` if given, else ``$PROFICIO_WEB_WORKERS`` if set, else ``default_workers``."""
    if option is not None:
        return _positive(option, name="--workers")
    configured = environ.get(WORKERS_ENV, "").strip()
    if configured:
        return _positive(configured, name=WORKERS_ENV)
    return default_workers(cores=cores)


@dataclass(frozen=True, kw_only=True)
class ServerOptions:
    """What ``proficio serve --production`` hands gunicorn; ``gunicorn_settings`` is the exact mapping."""

    bind: str
    workers: int
    threads: int = 1
    # Long enough for the heaviest page (a school's dashboard, a framework export); report batches and
    # imports run as background jobs, not in the request.
    timeout: int = 60
    graceful_timeout: int = 30
    keepalive: int = 5

    def gunicorn_settings(self) -> dict[str, Any]:
        shared_memory = Path("/dev/shm")
        return {
            "bind": [self.bind],
            "workers": self.workers,
            "threads": self.threads,
            "worker_class": "gthread" if self.threads > 1 else "sync",
            "timeout": self.timeout,
            "graceful_timeout": self.graceful_timeout,
            "keepalive": self.keepalive,
            "accesslog": "-",
            "errorlog": "-",
            "access_log_format": ACCESS_LOG_FORMAT,
            "proc_name": "proficio",
            # Workers' heartbeat files on tmpfs: a slow or full disk must not make the master think they hung.
            "worker_tmp_dir": str(shared_memory) if shared_memory.is_dir() else None,
            # Nothing here uses gunicornc, and two servers on one machine would share its default path.
            "control_socket_disable": True,
            # Recycling workers would kill the background jobs that run in their threads (proficio.jobs).
            "max_requests": 0,
        }


def server_options(
    *, bind: str, workers: int | None, threads: int, timeout: int | None, environ: Mapping[str, str]
) -> ServerOptions:
    """The options from the command line, falling back on the environment, then on the defaults."""
    configured_timeout = environ.get(TIMEOUT_ENV, "").strip()
    if timeout is None and configured_timeout:
        timeout = _positive(configured_timeout, name=TIMEOUT_ENV)
    extra: dict[str, int] = {"timeout": _positive(timeout, name="--timeout")} if timeout is not None else {}
    return ServerOptions(
        bind=bind,
        workers=worker_count(option=workers, environ=environ, cores=usable_cores()),
        threads=_positive(threads, name="--threads"),
        **extra,
    )


def unapplied_migrations() -> int:
    """How many migrations the database still lacks (the server starts anyway, as ``runserver`` does)."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def prepare(*, collect_static: bool) -> list[str]:
    """Collect static files and look at the database; returns warnings for the operator. Django must be set
    up, with ``PROFICIO_STATIC_MANIFEST=1`` in the environment before it was."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    if collect_static:
        call_command("collectstatic", interactive=False, verbosity=0)
    warnings = []
    missing = unapplied_migrations()
    if missing:
        warnings.append(f"{missing} migration(s) not applied: run `proficio migrate` before serving traffic.")
    if settings.DEBUG:
        warnings.append("PROFICIO_DEBUG is on: error pages show code and settings. Unset it in production.")
    connections.close_all()
    return warnings


def run(options: ServerOptions) -> None:
    """Serve until SIGTERM (graceful) or SIGINT/SIGQUIT (quick); gunicorn exits the process when it stops."""
    from gunicorn.app.base import BaseApplication

    class _Gunicorn(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
        def load_config(self) -> None:
            for name, value in options.gunicorn_settings().items():
                self.cfg.set(name, value)

        def load(self) -> Any:
            from proficio.config.wsgi import application

            return application

    _Gunicorn().run()
