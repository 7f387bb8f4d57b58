"""Reports as PDFs: one at a time through ``printing.render_pdf``, or many at once.

A batch (a school's report cards) is laid out as ONE WeasyPrint document — every report starts on a new page
(``report.css``) — and each student's pages are then written as their own PDF with
``document.copy(pages).write_pdf()``. What a document costs before its first page (parsing the stylesheets,
loading fonts, building the cascade) is paid once per batch instead of once per student. The pages of one
student are found by the report's anchor (``id="report-<student pk>"``) on its first page.

``render_many`` spreads the batches over worker processes: the HTML is rendered by Django in the calling
process (templates need the database-loaded context), and the workers only run WeasyPrint.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import connections
from django.utils import translation

from proficio.printing.render import BASE_URL, PrintingError, page_css, render_html, render_pdf, url_fetcher
from proficio.reports.documents import ReportData

TEMPLATE = "reports/document.html"
BATCH_SIZE = 40  # students per WeasyPrint document: large enough to share the overhead, small for memory


def pdf_title(data: ReportData) -> str:
    return f"{data.title}: {data.name}"


def render_one(data: ReportData) -> bytes:
    """One student's report as a PDF, the plain way (one WeasyPrint document)."""
    with translation.override(settings.LANGUAGE_CODE):  # issued in the school's language, whoever asks
        return render_pdf(
            TEMPLATE,
            {"reports": [data]},
            title=pdf_title(data),
            lang=settings.LANGUAGE_CODE,
            school=data.school,
        )


@dataclass(frozen=True)
class Batch:
    """The HTML of several reports as one document, and each report's anchor and PDF title, in order."""

    html: str
    anchors: tuple[str, ...]
    titles: tuple[str, ...]


def batch_html(reports: Sequence[ReportData]) -> Batch:
    first = reports[0]
    with translation.override(settings.LANGUAGE_CODE):  # issued in the school's language, whoever asks
        html = render_html(
            TEMPLATE,
            {"reports": list(reports)},
            title=f"{first.title} ({len(reports)} students)",
            lang=settings.LANGUAGE_CODE,
            school=first.school,
        )
        titles = tuple(pdf_title(r) for r in reports)
    return Batch(html, tuple(f"report-{r.student.pk}" for r in reports), titles)


def write_batch(batch: Batch) -> list[bytes]:
    """Lay the batch out once; write each report's pages as its own PDF (in the batch's order)."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import FatalURLFetchingError

    fetcher = url_fetcher()
    try:
        document = HTML(string=batch.html, base_url=BASE_URL, url_fetcher=fetcher).render(
            stylesheets=[CSS(string=page_css("letter"), url_fetcher=fetcher)], pdf_tags=True
        )
    except FatalURLFetchingError as error:
        raise PrintingError(str(error)) from error.__cause__
    starts: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor in batch.anchors and anchor not in starts:
                starts[anchor] = number
    bounds = [starts[anchor] for anchor in batch.anchors] + [len(document.pages)]
    pdfs = []
    for index, title in enumerate(batch.titles):
        part = document.copy(document.pages[bounds[index] : bounds[index + 1]])
        part.metadata.title = title
        pdf = part.write_pdf(pdf_tags=True)
        assert isinstance(pdf, bytes)
        pdfs.append(pdf)
    return pdfs


def _chunks(items: Sequence[ReportData], size: int) -> Iterator[Sequence[ReportData]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def default_workers() -> int:
    return max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 8))


def render_many(
    reports: Sequence[ReportData],
    *,
    workers: int | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[ReportData, bytes]]:
    """Each report with its PDF, in order, laid out in batches over ``workers`` processes (1: in this one).

    ``progress(n)`` is called after each batch with the number of reports it finished."""
    workers = default_workers() if workers is None else max(1, workers)
    chunks = list(_chunks(reports, batch_size))
    if workers == 1 or len(chunks) == 1:
        for chunk in chunks:
            pdfs = write_batch(batch_html(chunk))
            if progress:
                progress(len(chunk))
            yield from zip(chunk, pdfs, strict=True)
        return
    # Forked workers inherit Django's settings and the static file finders; they never touch the database,
    # so close this process's connections first (a forked copy of a live connection must not be used).
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=min(workers, len(chunks))) as pool:
        pending = [(chunk, pool.apply_async(write_batch, (batch_html(chunk),))) for chunk in chunks]
        for chunk, result in pending:
            pdfs = result.get()
            if progress:
                progress(len(chunk))
            yield from zip(chunk, pdfs, strict=True)
