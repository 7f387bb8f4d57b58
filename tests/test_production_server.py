"""``proficio serve --production``: gunicorn with its worker count, WhiteNoise's hashed static files, and a clean
stop on SIGTERM, checked against a real server on a loopback port with a throwaway SQLite database."""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from email.message import Message
from pathlib import Path

import pytest
from gunicorn.config import Config

from proficio.ops import server

# Bounds, not expectations: a fresh data directory is migrated and its static files collected and compressed
# before the first request, on a CI machine that is running other tests beside this one.
MIGRATE_SECONDS = 120
START_SECONDS = 60
STOP_SECONDS = 30


def test_the_default_is_two_workers_per_core_plus_one() -> None:
    assert [server.default_workers(cores=n) for n in (1, 2, 4)] == [3, 5, 9]
    assert server.worker_count(option=None, environ={}, cores=2) == 5


def test_the_environment_overrides_the_default_and_the_option_overrides_both() -> None:
    environ = {server.WORKERS_ENV: " 3 "}
    assert server.worker_count(option=None, environ=environ, cores=8) == 3
    assert server.worker_count(option=7, environ=environ, cores=8) == 7
    assert server.worker_count(option=None, environ={server.WORKERS_ENV: ""}, cores=1) == 3


@pytest.mark.parametrize("bad", ["0", "-2", "many"])
def test_a_worker_count_that_is_not_a_positive_number_is_refused_by_name(bad: str) -> None:
    with pytest.raises(ValueError, match=server.WORKERS_ENV):
        server.worker_count(option=None, environ={server.WORKERS_ENV: bad}, cores=1)
    with pytest.raises(ValueError, match="--workers"):
        server.worker_count(option=0, environ={}, cores=1)


def test_the_timeout_comes_from_the_option_then_the_environment_then_the_default() -> None:
    def timeout(option: int | None, environ: dict[str, str]) -> int:
        return server.server_options(bind="x", workers=1, threads=1, timeout=option, environ=environ).timeout

    assert timeout(None, {}) == 60
    assert timeout(None, {server.TIMEOUT_ENV: "90"}) == 90
    assert timeout(45, {server.TIMEOUT_ENV: "90"}) == 45


def test_every_setting_is_one_gunicorn_accepts() -> None:
    """A gunicorn upgrade that renames or drops a setting fails here, not when a district restarts."""
    for threads, worker_class in ((1, "sync"), (4, "gthread")):
        settings = server.ServerOptions(bind="127.0.0.1:0", workers=2, threads=threads).gunicorn_settings()
        config = Config()
        for name, value in settings.items():
            config.set(name, value)
        assert config.worker_class_str == worker_class
        assert config.accesslog == "-"
        assert config.workers == 2
        assert config.max_requests == 0  # nothing leaks; jobs run in proficio worker, not here


def test_compressed_copies_are_made_once_and_again_only_when_the_source_changes(tmp_path: Path) -> None:
    source = tmp_path / "app.js"
    source.write_text("console.log('proficio');\n" * 200)
    storage = server.StaticFilesStorage(location=str(tmp_path))
    made = sorted(storage.create_compressor(quiet=True).compress(str(source)))
    assert made == [f"{source}.br", f"{source}.gz"]

    def refuse(data: bytes) -> bytes:
        raise AssertionError("an up-to-date copy was compressed again")

    reusing = storage.create_compressor(quiet=True)
    reusing.compress_gzip = reusing.compress_brotli = refuse
    assert sorted(reusing.compress(str(source))) == made

    source.write_text("console.log('changed');\n" * 200)
    later = time.time() + 5  # as collectstatic leaves a source it copied again
    os.utime(source, (later, later))
    assert sorted(storage.create_compressor(quiet=True).compress(str(source))) == made
    assert gzip.decompress(Path(f"{source}.gz").read_bytes()) == source.read_bytes()


def _environment(data: Path) -> dict[str, str]:
    # Production-like: none of the developer's PROFICIO_* settings, and not pytest's marker (which would
    # run background jobs inline and accept the test client's host name).
    dropped = {"DATABASE_URL", "PYTEST_VERSION", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PROFICIO_") and k not in dropped}
    environment.update(PROFICIO_DATA_DIR=str(data), DATABASE_URL=f"sqlite:///{data / 'proficio.sqlite3'}")
    return environment


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the server stopped with {process.returncode}:\n{log.read_text()}"
        try:
            _get(url)
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the server did not answer within {START_SECONDS} s:\n{log.read_text()}")


def _stop(process: subprocess.Popen[bytes]) -> int:
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=STOP_SECONDS)


def test_the_production_server_serves_pages_and_hashed_static_files_and_stops_on_sigterm(tmp_path: Path) -> None:
    environment = _environment(tmp_path)
    proficio = [sys.executable, "-m", "proficio.cli"]
    migrated = subprocess.run(
        [*proficio, "migrate"], env=environment, capture_output=True, text=True, timeout=MIGRATE_SECONDS
    )
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr

    base = f"http://127.0.0.1:{_free_port()}"
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        command = [*proficio, "serve", "--production", "--address", base.removeprefix("http://"), "--workers", "2"]
        process = subprocess.Popen(command, env=environment, stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_for(f"{base}/login/", process, log)
        status, headers, body = _get(f"{base}/login/")
        assert status == 200
        assert headers["Server"] == "gunicorn"

        stylesheet = re.search(r'href="/static/(proficio/site\.([0-9a-f]{12})\.css)"', body.decode())
        assert stylesheet, "the login page links the stylesheet by its hashed name"
        manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
        assert manifest["paths"]["proficio/site.css"] == stylesheet.group(1)
        status, headers, css = _get(f"{base}/static/{stylesheet.group(1)}")
        assert status == 200
        assert "immutable" in headers["Cache-Control"]
        assert headers["Content-Encoding"] == "gzip"  # the precompressed copy WhiteNoise made at start
        assert gzip.decompress(css) == (tmp_path / "static" / stylesheet.group(1)).read_bytes()
        assert "Content-Security-Policy" in headers
    finally:
        returncode = _stop(process)

    output_text = log.read_text()
    assert returncode == 0, output_text
    assert '"GET /login/ HTTP/1.1" 200' in output_text  # the access log, on standard output
    assert "not applied" not in output_text
    workers = [int(pid) for pid in re.findall(r"Booting worker with pid: (\d+)", output_text)]
    assert len(workers) == 2, output_text
    for pid in workers:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", int(base.rsplit(":", 1)[1])), timeout=2).close()
