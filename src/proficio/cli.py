"""The ``proficio`` command: friendly wrappers around Django's management commands."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import typer

app = typer.Typer(help="proficio — proficiency-based learning.", no_args_is_help=True, add_completion=False)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proficio.config.settings")
    import django

    django.setup()


def _call(name: str, *args: str, **options: object) -> None:
    _django()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        call_command(name, *args, **options)
    except CommandError as error:
        typer.secho(f"Error: {error}", err=True, fg=typer.colors.RED)
        raise typer.Exit(1) from error


@app.command()
def migrate() -> None:
    """Create or upgrade the database tables."""
    _call("migrate", interactive=False)


@app.command()
def demo(
    seed: int = typer.Option(2026, help="Random seed; the same seed gives the same district."),
    students: int = typer.Option(1000, help="About how many students."),
    reset: bool = typer.Option(False, help="Erase the database first."),
    if_empty: bool = typer.Option(False, help="Do nothing when demo data already exists."),
) -> None:
    """Migrate, then generate the synthetic demo district."""
    _call("migrate", interactive=False, verbosity=0)
    _call("demo", seed=seed, students=students, reset=reset, if_empty=if_empty)


@app.command()
def recompute(
    framework: int | None = typer.Option(None, help="Only this framework (its id)."),
) -> None:
    """Recompute every proficiency result from evidence and policy (idempotent)."""
    _call("recompute", framework=framework)


@app.command()
def snapshot(
    term: str | None = typer.Option(None, help="Snapshot this term now, on demand (its id or title)."),
    district: int | None = typer.Option(None, help="Only this district (its id)."),
) -> None:
    """Snapshot the standard results of terms that just ended (or of --term) for growth figures (idempotent)."""
    argv = ["--term", term] if term else []
    argv += ["--district", str(district)] if district is not None else []
    _call("snapshot", *argv)


_MAP_OPTION = typer.Option(None, "--map", help="CFItemType=standard|indicator|objective|ignore (repeatable).")


@app.command("import-case")
def import_case(
    source: str = typer.Argument(..., help="A CFPackage JSON file, or its http(s) address."),
    district: int = typer.Option(..., help="The district (its id) the framework belongs to."),
    map_: list[str] | None = _MAP_OPTION,
    scale: int | None = typer.Option(None, help="Score on this proficiency scale (its id)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check and report, write nothing."),
    user: str | None = typer.Option(None, help="Record the import as this user's."),
) -> None:
    """Import a CASE 1.0/1.1 framework (all or nothing); a newer version of the same document updates it."""
    argv = [source, "--district", str(district), *[f"--map={m}" for m in map_ or []]]
    argv += ["--scale", str(scale)] if scale is not None else []
    argv += ["--dry-run"] if dry_run else []
    argv += ["--user", user] if user else []
    _call("import_case", *argv)


@app.command("export-case")
def export_case(
    framework: int = typer.Argument(..., help="The framework (its id)."),
    output: str | None = typer.Option(None, help="Write to this file instead of printing."),
) -> None:
    """Export a framework as a CASE 1.1 CFPackage (JSON)."""
    _call("export_case", str(framework), *(["--output", output] if output else []))


@app.command("import-oneroster")
def import_oneroster(
    source: str = typer.Argument(..., help="A OneRoster 1.1 or 1.2 CSV zip, or a folder of its files."),
    district: int | None = typer.Option(None, help="The district (its id); optional when orgs.csv names one."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check and report, write nothing."),
    user: str | None = typer.Option(None, help="Record the import as this user's."),
) -> None:
    """Import a OneRoster 1.1 or 1.2 roster (bulk or delta, all or nothing; re-imports are idempotent)."""
    argv = [source, *(["--district", str(district)] if district is not None else [])]
    argv += ["--dry-run"] if dry_run else []
    argv += ["--user", user] if user else []
    _call("import_oneroster", *argv)


@app.command("export-oneroster-gradebook")
def export_oneroster_gradebook(
    district: int = typer.Option(..., help="The district (its id)."),
    output: str = typer.Option(..., help="A .zip file, or a folder, to write."),
    session: int | None = typer.Option(None, help="Only this academic session (its id)."),
) -> None:
    """Export summative evidence and levels as a OneRoster 1.2 gradebook for the SIS."""
    argv = ["--district", str(district), "--output", output]
    argv += ["--session", str(session)] if session is not None else []
    _call("export_oneroster_gradebook", *argv)


@app.command("issue-report-cards")
def issue_report_cards(
    school: str = typer.Option(..., help="The school (its id or name)."),
    term: str = typer.Option(..., help="The term (its id or title, e.g. 'Semester 1')."),
    kind: str = typer.Option("report_card", help="report_card, progress_report or transcript."),
    workers: int | None = typer.Option(None, help="Rendering processes (default: one per core)."),
    user: str | None = typer.Option(None, help="Record the documents as issued by this user."),
) -> None:
    """Issue and archive a report card (or progress report, transcript) for every active student of a school."""
    argv = ["--school", school, "--term", term, "--kind", kind]
    argv += ["--workers", str(workers)] if workers is not None else []
    argv += ["--user", user] if user else []
    _call("issue_report_cards", *argv)


@app.command("refresh-flags")
def refresh_flags() -> None:
    """Raise, update and close every school's intervention flags (run after the nightly recompute)."""
    _call("refresh_flags")


@app.command("remind-plans")
def remind_plans() -> None:
    """Email each responsible staff member their intervention plans overdue for a check-in (run daily)."""
    _call("remind_plans")


@app.command("anonymize-student")
def anonymize_student(
    student_number: str = typer.Argument(..., help="The departed student's number."),
    reason: str = typer.Option(..., help="Why (kept on record; must not name the student)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would change, write nothing."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
) -> None:
    """Anonymise a student who has left, keeping the figures statistics count (docs/privacy.md)."""
    argv = [student_number, "--reason", reason]
    argv += ["--dry-run"] if dry_run else []
    argv += ["--yes"] if yes else []
    _call("anonymize_student", *argv)


@app.command()
def serve(
    address: str = typer.Option("127.0.0.1:8000", help="host:port (or unix:PATH with --production) to listen on."),
    production: bool = typer.Option(False, "--production", help="Run gunicorn (docs/deploy.md), not Django's."),
    workers: int | None = typer.Option(None, help="With --production: processes [$PROFICIO_WEB_WORKERS; 2×cores+1]."),
    threads: int = typer.Option(1, help="With --production: threads per worker process."),
    timeout: int | None = typer.Option(None, help="With --production: seconds a request may take [60]."),
    collectstatic: bool = typer.Option(True, help="With --production: collect static files before starting."),
    worker: bool = typer.Option(True, help="Without --production: run a job worker beside the server."),
) -> None:
    """Serve the web app: Django's development server, or gunicorn with WhiteNoise under --production.

    The development server starts one job worker (``proficio worker``) beside it, so imports and report
    batches run with nothing else to start; production runs its workers separately (docs/deploy.md)."""
    if not production:
        beside = _start_worker_beside() if worker else None
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so that the worker beside is stopped too
        try:
            _call("runserver", address, use_reloader=False)
        finally:
            if beside is not None:
                beside.terminate()
                beside.wait(timeout=30)
        return
    os.environ["PROFICIO_STATIC_MANIFEST"] = "1"  # before settings load, so every worker serves hashed files
    _django()
    from proficio.ops import server

    try:
        options = server.server_options(
            bind=address, workers=workers, threads=threads, timeout=timeout, environ=os.environ
        )
    except ValueError as error:
        typer.secho(f"Error: {error}", err=True, fg=typer.colors.RED)
        raise typer.Exit(2) from error
    for warning in server.prepare(collect_static=collectstatic):
        typer.secho(f"Warning: {warning}", err=True, fg=typer.colors.YELLOW)
    typer.echo(f"Serving on {address} with {options.workers} worker(s); SIGTERM stops it gracefully.", err=True)
    server.run(options)


def _start_worker_beside() -> subprocess.Popen[bytes]:
    typer.echo("Starting a job worker beside the server (proficio worker --concurrency 1).", err=True)
    command = [sys.executable, "-c", "from proficio.cli import main; main()", "worker", "--concurrency", "1"]
    return subprocess.Popen(command)


@app.command()
def worker(
    concurrency: int | None = typer.Option(None, help="Tasks run at once, each in its own process [cores]."),
    loglevel: str = typer.Option("INFO", help="Log level: DEBUG, INFO, WARNING or ERROR."),
    hostname: str = typer.Option("", help="This worker's name in the logs [celery@host]."),
) -> None:
    """Run background jobs (imports, report batches) from the queue; start any number, on any machines."""
    _django()
    from proficio.jobs import queue

    processes = concurrency or len(os.sched_getaffinity(0))
    where = "the folder queue" if queue.uses_embedded_queue() else "the broker at $PROFICIO_BROKER_URL"
    typer.echo(f"Job worker: {processes} process(es), taking tasks from {where}.", err=True)
    queue.app.worker_main(queue.worker_arguments(concurrency=processes, loglevel=loglevel, hostname=hostname))


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """Run any Django management command, e.g. ``proficio manage createsuperuser``."""
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["proficio manage", *ctx.args])


@app.command()
def backup(
    path: str = typer.Argument(..., help="A new folder to write the backup into."),
    media: bool = typer.Option(True, "--media/--no-media", help="Include the uploaded files (MEDIA_ROOT)."),
) -> None:
    """Back up the database and the uploaded files into a new folder (docs/operations.md)."""
    _django()
    from proficio.ops.backup import backup_command

    raise typer.Exit(backup_command(path=Path(path), include_media=media))


@app.command()
def restore(
    path: str = typer.Argument(..., help="A folder written by `proficio backup`."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
) -> None:
    """Replace the database (and the uploaded files) with a backup, after checking it (docs/operations.md)."""
    _django()
    from proficio.ops.backup import restore_command

    def ask(_: object) -> bool:
        return typer.confirm("Replace the current database and uploaded files with this backup?")

    raise typer.Exit(restore_command(path=Path(path), confirm=None if yes else ask))


def main() -> None:  # pragma: no cover - console entry point
    app(prog_name="proficio")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
