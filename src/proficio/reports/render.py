"""Reports as PDFs: one at a time through ``printing.render_pdf``, or many at once.

Printed reports use their own compact markup (``reports/printed.html``): WeasyPrint's cost is about 1.4 ms per
laid-out line on a 2-core machine, whatever the line holds, and a table cell costs as much as a line, so lists
are paragraphs of lines rather than tables (docs/reports.md, "Batches").

A batch (a school's report cards) is laid out as ONE WeasyPrint document — every report starts on a new page
(``report.css``) — and each student's pages are then written as their own PDF with
``document.copy(pages).write_pdf()``. What a document costs before its first page (parsing the stylesheets,
loading fonts, building the cascade) is paid once per batch instead of once per student. The pages of one
student are found by the report's anchor (``id="report-<student pk>"``) on its first page.

``render_batches`` spreads the batches over worker processes and keeps them busy: the calling process gathers
the next batch's data and renders its HTML (Django templates need the database) while the workers lay out and
write the earlier ones (WeasyPrint only, never the database), and the caller archives results as they come.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import connections
from django.utils import translation

from proficio.printing.render import layout, render_html, render_pdf, write
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
    document = layout(batch.html)
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
        pdfs.append(write(part))
    return pdfs


def _chunks(items: Sequence[ReportData], size: int) -> Iterator[Sequence[ReportData]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def default_workers() -> int:
    return max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 8))


def render_batches(
    batches: Iterable[Sequence[ReportData]],
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[ReportData, bytes]]:
    """Each report with its PDF, in order, one WeasyPrint document per batch, over ``workers`` processes.

    ``batches`` may be a generator: it is consumed here, in the calling process, one batch ahead of each
    worker, so gathering data overlaps rendering. ``progress(n)`` is called after each batch with its size."""
    workers = default_workers() if workers is None else max(1, workers)
    if workers == 1:
        for chunk in batches:
            pdfs = write_batch(batch_html(chunk))
            if progress:
                progress(len(chunk))
            yield from zip(chunk, pdfs, strict=True)
        return
    # Forked workers inherit Django's settings and the static file finders; they never touch the database,
    # so close this process's connections first (a forked copy of a live connection must not be used).
    connections.close_all()
    # Freezing the heap first keeps the workers' garbage collector from walking everything this process holds
    # (Django, the district's data), which they inherit and never free: about 7 % of their time otherwise.
    gc.freeze()
    context = multiprocessing.get_context("fork")
    try:
        with context.Pool(processes=workers) as pool:
            pending: deque[tuple[Sequence[ReportData], multiprocessing.pool.AsyncResult[list[bytes]]]] = deque()

            def finish_oldest() -> Iterator[tuple[ReportData, bytes]]:
                chunk, result = pending.popleft()
                pdfs = result.get()
                if progress:
                    progress(len(chunk))
                yield from zip(chunk, pdfs, strict=True)

            for chunk in batches:
                pending.append((chunk, pool.apply_async(write_batch, (batch_html(chunk),))))
                if len(pending) > 2 * workers:  # each worker has a batch queued behind the one it is laying out
                    yield from finish_oldest()
            while pending:
                yield from finish_oldest()
    finally:
        gc.unfreeze()


def render_many(
    reports: Sequence[ReportData],
    *,
    workers: int | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[ReportData, bytes]]:
    """``render_batches`` over reports already gathered, cut into batches of ``batch_size``."""
    chunks = list(_chunks(reports, batch_size))
    yield from render_batches(chunks, workers=1 if len(chunks) == 1 else workers, progress=progress)
