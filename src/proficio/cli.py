"""The ``proficio`` command: friendly wrappers around Django's management commands."""

from __future__ import annotations

import os
import sys

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
def serve(
    address: str = typer.Option("127.0.0.1:8000", help="host:port to listen on."),
) -> None:
    """Serve the web app (Django's server; put a real WSGI server in front for production)."""
    _call("runserver", address, use_reloader=False)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """Run any Django management command, e.g. ``proficio manage createsuperuser``."""
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["proficio manage", *ctx.args])


def main() -> None:  # pragma: no cover - console entry point
    app(prog_name="proficio")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
