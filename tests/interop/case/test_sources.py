"""Packages are read from files or http(s) URLs, never beyond the size limit."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.test import override_settings

from proficio.interop.case.importer import load_case_source
from proficio.interop.problems import ImportRefused
from tests.interop.case.conftest import FIXTURES, RIVERSIDE


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def server() -> Iterator[str]:
    """A local web server publishing the fixture folder (no network needed)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(FIXTURES)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_it_reads_a_file() -> None:
    data, name = load_case_source(RIVERSIDE)
    assert data == RIVERSIDE.read_bytes() and name == str(RIVERSIDE)


def test_it_fetches_a_url(server: str) -> None:
    data, name = load_case_source(f"{server}/{RIVERSIDE.name}")
    assert data == RIVERSIDE.read_bytes() and name.endswith(RIVERSIDE.name)


def test_a_missing_url_is_explained(server: str) -> None:
    with pytest.raises(ImportRefused, match="the server answered 404"):
        load_case_source(f"{server}/missing.json")


@override_settings(PROFICIO_IMPORT_MAX_BYTES=2000)
def test_the_size_limit_applies_to_files_and_urls(server: str) -> None:
    with pytest.raises(ImportRefused, match="the limit is 2,000 bytes"):
        load_case_source(RIVERSIDE)
    with pytest.raises(ImportRefused, match="the limit is 2,000 bytes"):
        load_case_source(f"{server}/{RIVERSIDE.name}")


@pytest.mark.parametrize("source", ["ftp://example.org/p.json", "file:///etc/passwd"])
def test_other_schemes_are_refused(source: str) -> None:
    with pytest.raises(ImportRefused, match="only files and http"):
        load_case_source(source)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="no such file"):
        load_case_source(tmp_path / "none.json")
