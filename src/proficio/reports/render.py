"""Reports as PDFs, typeset by Typst (``printing.typeset``): one at a time, or a school's term at once.

A report is first made *printed data* (``printed.printed_report``: every line formatted and translated, in the
school's language, whoever asks), then typeset with ``printing/typst/report.typ``. Typst takes a few
milliseconds per report with its compiler reused, so a batch is simply each report typeset in turn.

``render_batches`` spreads the batches over worker processes and keeps them busy: the calling process gathers
the next batch's data and builds its printed data (that needs the database and Django's translations) while
the workers typeset earlier ones (Typst only, never the database), and yields each report with its PDF, in
order, as batches finish — the caller archives what it receives. The workers are spawned, not forked: Typst
runs a thread pool, which a forked child inherits broken (it hangs), and a spawned worker needs only
``printing.typeset``.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from proficio.printing.typeset import typeset, typeset_many
from proficio.reports.documents import ReportData
from proficio.reports.printed import printed_report

TEMPLATE = "report.typ"
BATCH_SIZE = 40  # reports per task handed to a worker: large enough to amortise the hand-over


def printed(data: ReportData) -> dict[str, Any]:
    """The report's printed data, in the school's language (reports are issued in it, whoever asks)."""
    with translation.override(settings.LANGUAGE_CODE):
        return printed_report(data, issued=timezone.localdate(), lang=settings.LANGUAGE_CODE)


def render_one(data: ReportData) -> bytes:
    return typeset(TEMPLATE, printed(data))


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
    """Each report with its PDF, in order, over ``workers`` processes.

    ``batches`` may be a generator: it is consumed here, in the calling process, one batch ahead of each
    worker, so gathering data overlaps typesetting. ``progress(n)`` is called after each batch with its size."""
    workers = default_workers() if workers is None else max(1, workers)
    if workers == 1:
        for chunk in batches:
            pdfs = typeset_many(TEMPLATE, [printed(data) for data in chunk])
            if progress:
                progress(len(chunk))
            yield from zip(chunk, pdfs, strict=True)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes=workers) as pool:
        pending: deque[tuple[Sequence[ReportData], multiprocessing.pool.AsyncResult[list[bytes]]]] = deque()

        def finish_oldest() -> Iterator[tuple[ReportData, bytes]]:
            chunk, result = pending.popleft()
            pdfs = result.get()
            if progress:
                progress(len(chunk))
            yield from zip(chunk, pdfs, strict=True)

        for chunk in batches:
            pending.append((chunk, pool.apply_async(typeset_many, (TEMPLATE, [printed(data) for data in chunk]))))
            if len(pending) > 2 * workers:  # each worker has a batch queued behind the one it is typesetting
                yield from finish_oldest()
        while pending:
            yield from finish_oldest()


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
