"""``manage.py check --deploy`` is clean with production settings, and development still works over http."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

MANAGE = Path(__file__).resolve().parents[2] / "manage.py"


def _run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # A clean environment: no PROFICIO_* from the developer's shell, and not the browser tests'
    # DJANGO_ALLOW_ASYNC_UNSAFE (which the deploy check rightly refuses).
    dropped = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PROFICIO_") and k not in dropped}
    environment.update(PROFICIO_DATA_DIR=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, str(MANAGE), *args], env=environment, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "PROFICIO_HTTPS": "1",
    "PROFICIO_SECRET_KEY": secrets.token_urlsafe(50),
    "PROFICIO_ALLOWED_HOSTS": "proficio.example.org",
}

SHOW_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
)


def test_the_deploy_check_reports_nothing_in_production(tmp_path: Path) -> None:
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_turns_on_https_everything(tmp_path: Path) -> None:
    result = _run(["shell", "-c", SHOW_SETTINGS], tmp_path, **PRODUCTION)
    assert result.stdout.strip().splitlines()[-1].split() == ["False", "True", "True", "True", "31536000"], (
        result.stderr
    )


def test_the_hsts_max_age_is_configurable(tmp_path: Path) -> None:
    result = _run(["shell", "-c", SHOW_SETTINGS], tmp_path, **PRODUCTION, PROFICIO_HSTS_SECONDS="3600")
    assert result.stdout.strip().splitlines()[-1].split()[-1] == "3600", result.stderr


def test_development_keeps_plain_http_and_debug_off(tmp_path: Path) -> None:
    """Without PROFICIO_HTTPS, http://127.0.0.1:8000 must work: no redirect, no HSTS, cookies not Secure."""
    result = _run(["shell", "-c", SHOW_SETTINGS], tmp_path)
    assert result.stdout.strip().splitlines()[-1].split() == ["False", "False", "False", "False", "0"], result.stderr
