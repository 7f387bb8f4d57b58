"""proficio.printing: a template becomes a tagged PDF with its title and language, and rendering loads
nothing but our own static files."""

from __future__ import annotations

import re
import zlib

import pytest

from proficio.printing.render import BASE_URL, PrintingError, html_to_pdf, page_css, render_pdf, url_fetcher


def _pdf_text(pdf: bytes) -> bytes:
    """The file with its compressed streams inflated, so the catalog and metadata can be searched."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            parts.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_a_template_becomes_a_tagged_pdf_with_title_and_language() -> None:
    pdf = render_pdf("printing/base.html", {}, title="Boletín de calificaciones", lang="es", school="Northfield")
    assert pdf.startswith(b"%PDF-")
    inflated = _pdf_text(pdf)
    assert b"/StructTreeRoot" in inflated and b"/MarkInfo" in inflated  # tagged
    assert b"/Lang (es)" in inflated
    title = "Boletín de calificaciones".encode("utf-16-be")
    assert b"/Title" in inflated and (title.hex().upper().encode() in inflated.upper() or title in inflated)


def test_page_size_is_letter_or_a4() -> None:
    assert "letter" in page_css("letter") and "A4 landscape" in page_css("A4", landscape=True)
    with pytest.raises(ValueError):
        page_css("tabloid")
    with pytest.raises(ValueError):
        render_pdf("printing/base.html", {}, title="x", lang="en", page_size="legal")


def test_the_fetcher_serves_our_static_files_from_disk() -> None:
    response = url_fetcher().fetch(f"{BASE_URL}static/printing/print.css")
    assert response.content_type == "text/css" and b"@page" in response.read()
    assert url_fetcher().fetch("data:text/plain,hello").read() == b"hello"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/logo.png",
        "http://127.0.0.1:8000/static/printing/print.css",
        "file:///etc/passwd",
        f"{BASE_URL}static/../../../../etc/passwd",
        f"{BASE_URL}static/%2e%2e/%2e%2e/settings.py",
        f"{BASE_URL}static/printing/missing.css",
        f"{BASE_URL}media/outside-evidence/upload.pdf",
        "ftp://example.com/x",
    ],
)
def test_the_fetcher_refuses_everything_else(url: str) -> None:
    with pytest.raises(PermissionError):
        url_fetcher().fetch(url)


def test_a_document_that_asks_for_an_outside_resource_is_not_rendered(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("printing tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    with pytest.raises(PrintingError):
        html_to_pdf('<p>Hello</p><img src="https://example.com/tracker.png" alt="">')
    with pytest.raises(PrintingError):
        html_to_pdf('<link rel="stylesheet" href="file:///etc/passwd"><p>Hello</p>')
