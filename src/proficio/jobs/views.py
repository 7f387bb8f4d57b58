"""A job's page and the status fragment of it that htmx polls, whatever the app.

An app's status template extends ``jobs/status.html`` (in the project's templates): it fills ``poll`` with
the URL of its status view, which the fragment polls every second until the job has finished, and ``result``
with what the finished job shows (``job.result`` holds its app's fields). Its page template includes the
status template.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from proficio.jobs import progress
from proficio.jobs.models import Job


def render_job(
    request: HttpRequest,
    template: str,
    job: Job | None,
    context: Callable[[HttpRequest, Job], dict[str, Any]],
) -> HttpResponse:
    """Render ``template`` (a job's page or its status fragment) for ``job``, found for the user who started it:
    ``None`` (someone else's job, or no such token) is a 404. The template sees ``job``, its live ``progress``
    and what ``context`` adds for the app."""
    if job is None:
        raise Http404("No such job.")
    return render(request, template, {**context(request, job), "job": job, "progress": progress.current(job.token)})
