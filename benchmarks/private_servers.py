"""A PostgreSQL server and a Redis server of a fault test's own, started as child processes and always removed.

Fault tests stop, restart and kill the servers they run against, so they never use the machine's shared
servers (127.0.0.1:5432 and :6379): each ``with`` block below starts a server of its own on a free loopback
port, with its files in a new temporary folder, and hands back an object to stop, start and kill it by::

    with private_postgres() as pg:            # initdb into a new folder, postgres on a free port
        url = pg.create_database("faults")    # postgres://postgres@127.0.0.1:PORT/faults
        pg.restart()                          # a fast shutdown (sessions cut, transactions rolled back), then start
        pg.kill()                             # SIGKILL to the postmaster and its backends, as a crash does
        pg.start()
    with private_redis() as redis:            # redis-server on a free port, nothing saved to disk
        redis.kill()
        redis.start()                         # the same port: clients reconnect to the same URL

Benchmarks are run as scripts (``python benchmarks/<name>.py``), so they import this module as a sibling; run
directly, it starts and stops one server of each kind and prints what it did.

Invariants:
- nothing here connects to, signals or stops a process it did not start: each server runs in its own process
  group (its own session), and only that group is signalled;
- PostgreSQL runs as the ``postgres`` OS user when this process is root (PostgreSQL refuses to run as root),
  listens on 127.0.0.1 only and keeps its Unix socket in its own folder;
- every wait has a deadline (``ServerError`` past it), and when the ``with`` block ends, however it ends, the
  server's processes are gone and its folder is removed.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

HOST = "127.0.0.1"
START_SECONDS = 60.0
STOP_SECONDS = 30.0
POSTGRES_USER = "postgres"  # the OS user the server runs as, and the database superuser (trust auth)


class ServerError(RuntimeError):
    """A private server that could not be set up, started or stopped in time; the message says which."""


def free_port() -> int:
    """A loopback port no one listens on now (the kernel's choice: never 5432 or 6379, which are in use)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for(ready: Callable[[], bool], process: subprocess.Popen[bytes], what: str, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"{what} stopped on starting (status {process.returncode}):\n{_tail(log)}")
        if ready():
            return
        time.sleep(0.1)
    raise ServerError(f"{what} was not ready within {START_SECONDS:.0f} s:\n{_tail(log)}")


def _tail(log: Path) -> str:
    try:
        return log.read_text(errors="replace")[-2000:]
    except OSError:
        return "(no log)"


def _end(process: subprocess.Popen[bytes] | None, first: signal.Signals) -> None:
    """Send ``first`` to the process's group, wait, then SIGKILL the group; the group is gone afterwards."""
    if process is None:
        return
    for sig, seconds in ((first, STOP_SECONDS), (signal.SIGKILL, STOP_SECONDS)):
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            continue
        # The leader has exited; anything still in its group (a backend finishing up) is ended too.
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        return
    raise ServerError(f"process {process.pid} did not exit after SIGKILL")


class PrivatePostgres:
    """A PostgreSQL server of this process's own (see the module's docstring); made by ``private_postgres``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.log = folder / "postgres.log"
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None
        self._user = _postgres_user() if os.geteuid() == 0 else None

    @property
    def server(self) -> str:
        """The server's URL without a database name."""
        return f"postgres://{POSTGRES_USER}@{HOST}:{self.port}"

    @property
    def url(self) -> str:
        """The URL of the server's ``postgres`` database."""
        return f"{self.server}/postgres"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def init(self) -> None:
        """Create the cluster (trust authentication for local connections, as a throwaway server may)."""
        self.data.mkdir()
        self._own(self.folder, self.data)
        command = ["initdb", "-D", str(self.data), "-U", POSTGRES_USER, "--auth=trust", "--no-sync",
                   "--encoding=UTF8", "--locale=C.UTF-8"]  # fmt: skip
        uid, gid, groups, env = self._as_user()
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False,
                              user=uid, group=gid, extra_groups=groups, env=env)  # fmt: skip
        if done.returncode != 0:
            raise ServerError(f"initdb failed:\n{done.stdout[-1500:]}{done.stderr[-1500:]}")

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        if self.running:
            return
        command = [
            "postgres", "-D", str(self.data), "-p", str(self.port), "-k", str(self.folder),
            "-c", f"listen_addresses={HOST}", "-c", "fsync=off", "-c", "max_connections=60",
        ]  # fmt: skip
        uid, gid, groups, env = self._as_user()
        with self.log.open("ab") as out:
            self._process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                             user=uid, group=gid, extra_groups=groups, env=env)  # fmt: skip
        _wait_for(self._accepts, self._process, f"PostgreSQL on port {self.port}", self.log)

    def stop(self) -> None:
        """A fast shutdown: open sessions are cut and their transactions rolled back, then a clean checkpoint."""
        _end(self._process, signal.SIGINT)
        self._process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def kill(self) -> None:
        """SIGKILL to the postmaster and its backends at once, as a crash would; ``start`` recovers from it."""
        _end(self._process, signal.SIGKILL)
        self._process = None

    def create_database(self, name: str) -> str:
        """Create the database ``name`` (dropping one of that name first) and return its URL."""
        import psycopg

        with psycopg.connect(self.url, autocommit=True, connect_timeout=10) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        return f"{self.server}/{name}"

    def _accepts(self) -> bool:
        import psycopg

        try:
            with psycopg.connect(self.url, connect_timeout=2):
                return True
        except psycopg.Error:
            return False

    def _as_user(self) -> tuple[int | None, int | None, list[int] | None, dict[str, str] | None]:
        """Popen's user, group, extra groups and environment: the postgres user's when this process is root."""
        if self._user is None:
            return None, None, None, None
        uid, gid = self._user
        return uid, gid, [], dict(os.environ) | {"HOME": str(self.folder)}

    def _own(self, *paths: Path) -> None:
        if self._user is not None:
            for path in paths:
                os.chown(path, *self._user)


def _postgres_user() -> tuple[int, int]:
    try:
        entry = pwd.getpwnam(POSTGRES_USER)
    except KeyError:
        raise ServerError(f"there is no {POSTGRES_USER!r} OS user to run PostgreSQL as (it refuses root)") from None
    return entry.pw_uid, entry.pw_gid


@contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    """A new PostgreSQL cluster, running, until the block ends; then its processes and folder are gone."""
    folder = Path(tempfile.mkdtemp(prefix="proficio-private-pg-"))
    server = PrivatePostgres(folder)
    try:
        server.init()
        server.start()
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(folder, ignore_errors=True)


class PrivateRedis:
    """A Redis server of this process's own, saving nothing to disk; made by ``private_redis``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.log = folder / "redis.log"
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start the server (again, on the same port) and wait until it answers PING."""
        if self.running:
            return
        command = ["redis-server", "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no",
                   "--dir", str(self.folder)]  # fmt: skip
        with self.log.open("ab") as out:
            self._process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        _wait_for(self._pongs, self._process, f"Redis on port {self.port}", self.log)

    def stop(self) -> None:
        _end(self._process, signal.SIGTERM)
        self._process = None

    def kill(self) -> None:
        """SIGKILL: everything it held (queues, results) is lost, as after a crash with persistence off."""
        _end(self._process, signal.SIGKILL)
        self._process = None

    def _pongs(self) -> bool:
        try:
            with socket.create_connection((HOST, self.port), timeout=2) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(64).startswith(b"+PONG")
        except OSError:
            return False


@contextmanager
def private_redis() -> Iterator[PrivateRedis]:
    """A new Redis server, running, until the block ends; then its process and folder are gone."""
    folder = Path(tempfile.mkdtemp(prefix="proficio-private-redis-"))
    server = PrivateRedis(folder)
    try:
        server.start()
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _self_check() -> None:
    """Start, kill and restart one server of each kind, and say how long each step took."""
    import psycopg

    started = time.perf_counter()
    with private_postgres() as pg:
        url = pg.create_database("private_check")
        with psycopg.connect(url, connect_timeout=5) as connection:
            connection.execute("SELECT 1")
        pg.kill()
        pg.start()
        with private_redis() as redis:
            redis.kill()
            redis.start()
            line = f"private servers: PostgreSQL on port {pg.port} and Redis on port {redis.port} started, killed "
    print(f"{line}and started again, then removed, in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    if "--help" in sys.argv:
        print(__doc__)
    else:
        _self_check()
