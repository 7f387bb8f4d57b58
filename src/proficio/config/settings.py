"""Django settings, read from the environment.

PROFICIO_DEBUG=1            turn on debug pages (off by default)
DATABASE_URL=postgres://…   use PostgreSQL instead of the embedded SQLite file
PROFICIO_DATA_DIR           where the SQLite file, secret key and uploads live (default: ./var)
PROFICIO_SECRET_KEY         overrides the generated key
PROFICIO_ALLOWED_HOSTS      comma-separated host names (default: localhost,127.0.0.1)
PROFICIO_IMPORT_MAX_MB      largest import accepted, in MiB, uncompressed (default: 200)
PROFICIO_STATIC_MANIFEST=1  serve static files collected into $PROFICIO_DATA_DIR/static, with hashed names
                            (run `proficio manage collectstatic` first; `proficio serve --production` does)

Security (docs/security.md says why each default is what it is):

PROFICIO_HTTPS=1                  the site is served over HTTPS only: redirect http to https, send HSTS, mark
                                  the session and CSRF cookies Secure (off by default, so that
                                  http://127.0.0.1:8000 keeps working in development)
PROFICIO_HSTS_SECONDS             HSTS max-age when PROFICIO_HTTPS=1 (default: 31536000, one year; 0 = no HSTS)
PROFICIO_HSTS_INCLUDE_SUBDOMAINS  HSTS covers subdomains too (default: 1)
PROFICIO_HSTS_PRELOAD             send the HSTS preload flag (default: 1; it enrolls nothing by itself)
PROFICIO_BEHIND_PROXY=1           one trusted reverse proxy terminates TLS: believe its X-Forwarded-Proto, and
                                  take the client address for login throttling from the last X-Forwarded-For
PROFICIO_SESSION_HOURS            longest a log-in lasts, however active (default: 8)
PROFICIO_SESSION_IDLE_MINUTES     log out after this long without a request (default: 30; 0 = never)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url

from proficio.config.paths import data_dir, secret_key


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


PACKAGE_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = data_dir()
SECRET_KEY = secret_key(DATA_DIR)
DEBUG = _flag("PROFICIO_DEBUG")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("PROFICIO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")]
if "testserver" not in ALLOWED_HOSTS and os.environ.get("PYTEST_VERSION"):
    ALLOWED_HOSTS.append("testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves the API docs' Swagger UI from our static files: no CDN, no inline script (CSP)
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "proficio.accounts",
    "proficio.roster",
    "proficio.standards",
    "proficio.evidence",
    "proficio.proficiency",
    "proficio.interop",
    "proficio.audit",
    "proficio.api",
    "proficio.demo",
    "proficio.privacy",
    "proficio.printing",  # PDFs typeset by Typst (printing/typst/*.typ)
    "proficio.progress",  # a student's progress page and the family view
    "proficio.learners",  # learner profiles, goals, learning paths, "show what I know" requests
    "proficio.reports",  # progress reports, report cards, transcripts (HTML and PDF) and their archive
    "proficio.jobs",  # background jobs' state (run by Celery workers: proficio worker)
    "proficio.insights",  # leaders' insights: graduation readiness by cohort and student group
    "proficio.programs",  # networks and coaching programs: the Implementation Grid
    "proficio.home",  # the home page: a panel per role, each built by the app that owns its data
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "proficio.config.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "proficio.ops.unavailable.DatabaseUnavailableMiddleware",  # a 503 and a retry message while the DB is down
    "proficio.ops.disk.DiskRefusedMiddleware",  # a 503 naming a full or read-only disk, not a 500
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "proficio.progress.middleware.PreferredLanguageMiddleware",  # User.preferred_language, after auth + locale
    "django.contrib.messages.middleware.MessageMiddleware",
    "proficio.config.security.IdleSessionMiddleware",
    "proficio.accounts.two_factor.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "proficio.config.urls"
WSGI_APPLICATION = "proficio.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",  # LANGUAGE_CODE for <html lang>
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "proficio.accounts.context.account_links",
            ],
        },
    },
]


def _databases() -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL")
    if url:
        # Health checks: a persistent connection that a database restart has dropped is replaced, not reused.
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
        return {"default": config}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "proficio.sqlite3"),
            "OPTIONS": {
                # WAL lets readers run while a writer commits; IMMEDIATE avoids "database is locked"
                # upgrades from read to write inside a transaction.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Staff passwords guard many students' records, so they must be longer (docs/security.md).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "proficio.config.security.StaffMinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "proficio.accounts.throttle.ThrottledModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
TIME_ZONE = os.environ.get("PROFICIO_TIME_ZONE", "America/New_York")
USE_I18N = True
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
# Production (PROFICIO_STATIC_MANIFEST=1, which `proficio serve --production` sets): `collectstatic` writes
# content-hashed, compressed copies into STATIC_ROOT and WhiteNoise serves only those, cached for ever. Off by
# default, so that the development server and the tests serve the source files and need no collectstatic.
if _flag("PROFICIO_STATIC_MANIFEST"):
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "proficio.ops.server.StaticFilesStorage"},  # WhiteNoise's, compressed
    }
    WHITENOISE_USE_FINDERS = False
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"

# Imports (CASE, OneRoster): the size cap applies to every file read and to an archive's uncompressed total.
PROFICIO_IMPORT_MAX_BYTES = int(float(os.environ.get("PROFICIO_IMPORT_MAX_MB", "200")) * 1024 * 1024)
PROFICIO_IMPORT_DIR = DATA_DIR / "imports"

# Background jobs (proficio.jobs, run by Celery; docs/deploy.md). PROFICIO_BROKER_URL names Redis in production;
# unset, the queue is a folder in the data directory, which needs no server (proficio.jobs.queue says why).
# Tests run every job in the request.
PROFICIO_JOBS_INLINE = bool(os.environ.get("PYTEST_VERSION")) or _flag("PROFICIO_JOBS_INLINE")
PROFICIO_BROKER_URL = os.environ.get("PROFICIO_BROKER_URL", "").strip()
JOBS_DIR = DATA_DIR / "jobs"
CELERY_BROKER_URL = PROFICIO_BROKER_URL or "filesystem://"
if PROFICIO_BROKER_URL:
    # An unacknowledged task (its worker died) is delivered again after this long; keep it above the longest
    # task's run time, or a slow task is started twice (harmless, as tasks are idempotent, but wasted).
    REDELIVER_SECONDS = int(os.environ.get("PROFICIO_JOB_REDELIVER_SECONDS", "3600"))
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": REDELIVER_SECONDS}
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(JOBS_DIR / "queue"),
        "data_folder_out": str(JOBS_DIR / "queue"),
        "control_folder": str(JOBS_DIR / "control"),
        "processed_folder": str(JOBS_DIR / "processed"),
        "store_processed": False,
    }
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False  # broadcast commands need a server's fan-out
CELERY_TASK_ALWAYS_EAGER = PROFICIO_JOBS_INLINE
CELERY_TASK_ACKS_LATE = True  # a task leaves the queue only once it has finished...
CELERY_TASK_REJECT_ON_WORKER_LOST = True  # ...and goes back to it if its worker dies
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a worker holds one task per process, so others take the rest
CELERY_TASK_IGNORE_RESULT = True  # a job's state lives in jobs.Job, not in a result backend
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
_SHARED_CACHE = (
    {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}  # tests: every process its own, nothing on disk
    if os.environ.get("PYTEST_VERSION")
    else {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": PROFICIO_BROKER_URL}
    if PROFICIO_BROKER_URL.startswith(("redis://", "rediss://"))
    else {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(DATA_DIR / "cache")}
)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Seen by every process (Redis with a broker URL, else files): running jobs' progress (jobs.progress) and
    # figures worth computing once for all (insights.growth).
    "shared": _SHARED_CACHE,
}

# Login throttling (accounts/throttle.py): failures counted in the database, shared by every worker.
PROFICIO_LOGIN_THROTTLE = {"per_username": 5, "per_address": 20, "window_minutes": 15, "lockout_minutes": 15}
PROFICIO_BEHIND_PROXY = _flag("PROFICIO_BEHIND_PROXY")

# Two-factor (TOTP) for staff, optional per user (accounts/two_factor/).
OTP_TOTP_ISSUER = "proficio"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a device's secret key

# Sessions: an absolute lifetime, a cookie that dies with the browser, and an idle timeout
# (config/security.py: IdleSessionMiddleware).
SESSION_COOKIE_AGE = int(float(os.environ.get("PROFICIO_SESSION_HOURS", "8")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
PROFICIO_SESSION_IDLE_SECONDS = int(float(os.environ.get("PROFICIO_SESSION_IDLE_MINUTES", "30")) * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Transport: everything below is on only when the site is served over HTTPS (PROFICIO_HTTPS=1), so that the
# development server on http://127.0.0.1:8000 keeps working.
HTTPS = _flag("PROFICIO_HTTPS")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("PROFICIO_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and _flag("PROFICIO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = HTTPS and _flag("PROFICIO_HSTS_PRELOAD", default=True)
if PROFICIO_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Headers on every response.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (config/security.py). Named and shaped like Django 6's own setting, so the
# upgrade swaps the middleware and keeps the policy. No inline script or style anywhere: templates load
# static files only (tests/security/test_templates.py keeps it that way).
SECURE_CSP: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PROFICIO_LOG_LEVEL", "WARNING")},
}
