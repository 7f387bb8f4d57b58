"""The Celery application that runs proficio's background jobs, configured from Django's settings (``CELERY_*``).

Two brokers, chosen by ``PROFICIO_BROKER_URL``:

- **Redis** (``redis://…``) in production: any number of ``proficio worker`` processes on any machines take
  tasks from it. Tasks are acknowledged *late* (after they finish) and rejected back to the queue when their
  worker dies, so a worker killed in the middle of a report batch loses nothing: the unacknowledged task is
  delivered again once its visibility timeout has passed, and the tasks are idempotent (the archive keeps one
  document per student per batch).
- **A folder** (kombu's filesystem transport, ``DATA_DIR/jobs/queue``) when it is unset: the embedded default
  needs no server beyond the process, so ``make demo`` still runs on SQLite alone, and ``proficio serve``
  starts one worker beside the development server. It serves one machine only, and a message is taken off the
  folder when a worker picks it up, so a worker killed mid-task loses that task (its page then says it
  stalled). It was chosen over an in-process worker because the web process and the worker stay separate
  processes, exactly as in production: the same code path, only the transport differs.
"""

from __future__ import annotations

import os
from pathlib import Path

from celery import Celery
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proficio.config.settings")

TASK_PACKAGES = ["proficio.interop", "proficio.reports"]

app = Celery("proficio")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(TASK_PACKAGES)


def queue_folders() -> list[Path]:
    """The embedded queue's folders (made if missing); empty when the broker is a server."""
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {})
    names = ("data_folder_in", "data_folder_out", "control_folder", "processed_folder")
    folders = [Path(options[name]) for name in names if name in options]
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    return folders


def uses_embedded_queue() -> bool:
    return str(settings.CELERY_BROKER_URL).startswith("filesystem://")


def worker_arguments(*, concurrency: int, loglevel: str = "INFO", hostname: str = "") -> list[str]:
    """``celery worker``'s arguments for ``proficio worker``: no gossip, mingle or heartbeats, which
    proficio does not use and the folder transport cannot carry."""
    arguments = [
        "worker",
        f"--loglevel={loglevel}",
        f"--concurrency={concurrency}",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    return arguments + ([f"--hostname={hostname}"] if hostname else [])
