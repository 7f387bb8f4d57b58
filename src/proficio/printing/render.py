"""Render a Django template to PDF bytes with WeasyPrint.

Every printed document extends ``printing/base.html`` and so shares one layout (``static/printing/print.css``):
Letter or A4 pages, the school's name and the document's title at the top of every page after the first,
"Page X of Y" and the printing date at the foot, DejaVu fonts from Debian (WeasyPrint embeds the glyphs it
uses, so the file looks the same everywhere), table header rows repeated on every page a table spans.

The PDF is tagged (headings, paragraphs and table cells are marked as such), so its text can be selected,
copied, extracted and read aloud; its metadata carries the title and language.

Rendering never reaches the network or reads files at large: the only URLs a document may load are our own
static files, read from disk through Django's static file finders, and ``data:`` URLs. Anything else stops
the render with ``PrintingError`` — a template that asks for more is a bug, and text people typed is
escaped by the template, so it cannot ask for anything.
"""

from __future__ import annotations

import mimetypes
import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import timezone, translation

if TYPE_CHECKING:
    from weasyprint.document import Document
    from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in a printed document resolve against this made-up origin; ".invalid" never resolves
# (RFC 2606), and the fetcher below answers for it from disk without asking the network.
BASE_URL = "https://proficio.invalid/"
PAGE_SIZES = {"letter": "letter", "a4": "A4"}


class PrintingError(RuntimeError):
    """The document could not be rendered (for example, it asked for a resource the fetcher refuses)."""


def _static_file(url: str) -> Path | None:
    """The file on disk behind one of our static URLs, or None for any other URL."""
    prefix = urljoin(BASE_URL, settings.STATIC_URL)
    if not url.startswith(prefix):
        return None
    relative = unquote(urlsplit(url).path)[len(urlsplit(prefix).path) :]
    parts = relative.split("/")
    if not relative or relative.startswith("/") or "\\" in relative or any(p in ("", ".", "..") for p in parts):
        return None
    try:
        found = finders.find(posixpath.normpath(relative))
    except SuspiciousFileOperation:
        return None
    if not isinstance(found, str):
        return None
    path = Path(found)
    return path if path.is_file() else None


def url_fetcher() -> URLFetcher:
    """A WeasyPrint URL fetcher that serves our static files from disk and ``data:`` URLs, and refuses the rest."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnly(URLFetcher):
        def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                return super().fetch(url, headers)  # decoded in memory (only "data" is an allowed protocol)
            path = _static_file(url)
            if path is None:
                raise PermissionError(f"printing loads only proficio's static files, not {url[:200]!r}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    return StaticFilesOnly(allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=True)


def page_css(page_size: str, *, landscape: bool = False) -> str:
    if page_size.lower() not in PAGE_SIZES:
        raise ValueError(f"page size must be one of {', '.join(PAGE_SIZES)}, not {page_size!r}")
    return f"@page {{ size: {PAGE_SIZES[page_size.lower()]}{' landscape' if landscape else ''}; }}"


def render_html(template_name: str, context: Mapping[str, Any], *, title: str, lang: str, school: str = "") -> str:
    """The document's HTML, in ``lang``; the template extends ``printing/base.html``."""
    with translation.override(lang):
        return render_to_string(
            template_name,
            {
                **context,
                "print_title": title,
                "print_lang": lang,
                "print_school": school,
                "print_created": timezone.localtime(),
            },
        )


def layout(html: str, *, page_size: str = "letter", landscape: bool = False) -> Document:
    """Lay ``html`` out as a tagged WeasyPrint document (our fetcher, the page size), ready to write as one PDF
    or as several (``document.copy(pages).write_pdf(pdf_tags=True)``)."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import FatalURLFetchingError

    fetcher = url_fetcher()
    try:
        return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
            stylesheets=[CSS(string=page_css(page_size, landscape=landscape), url_fetcher=fetcher)], pdf_tags=True
        )
    except FatalURLFetchingError as error:  # a BaseException: turn it into an ordinary error for Django
        raise PrintingError(str(error)) from error.__cause__


def write(document: Document) -> bytes:
    """The document (or a copy of some of its pages) as tagged PDF bytes."""
    pdf = document.write_pdf(pdf_tags=True)
    assert isinstance(pdf, bytes)
    return pdf


def html_to_pdf(html: str, *, page_size: str = "letter", landscape: bool = False) -> bytes:
    return write(layout(html, page_size=page_size, landscape=landscape))


def render_pdf(
    template_name: str,
    context: Mapping[str, Any],
    *,
    title: str,
    lang: str,
    school: str = "",
    page_size: str = "letter",
    landscape: bool = False,
) -> bytes:
    """Render ``template_name`` (which extends ``printing/base.html``) with ``context`` to a tagged PDF.

    ``title`` and ``lang`` become the PDF's title and language (and the document's heading and the page
    header); ``school`` heads every page; ``page_size`` is ``"letter"`` or ``"a4"``.
    """
    page_css(page_size)  # refuse a bad page size before spending time on the template
    return html_to_pdf(
        render_html(template_name, context, title=title, lang=lang, school=school),
        page_size=page_size,
        landscape=landscape,
    )
