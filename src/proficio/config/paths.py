"""Where proficio keeps its local state (SQLite database, secret key, uploaded files)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parents[3]


def data_dir() -> Path:
    """The data directory: $PROFICIO_DATA_DIR, else ``var/`` in a source checkout, else ~/.local/share."""
    configured = os.environ.get("PROFICIO_DATA_DIR")
    if configured:
        path = Path(configured).expanduser()
    elif (_SOURCE_ROOT / "pyproject.toml").is_file():
        path = _SOURCE_ROOT / "var"
    else:
        path = Path.home() / ".local" / "share" / "proficio"
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(directory: Path) -> str:
    """$PROFICIO_SECRET_KEY, else a key generated on first run and kept (mode 0600) in the data directory.

    The key is never committed: it lives beside the database, outside the source tree's tracked files.
    Several processes may start at once on a fresh data directory (test workers, web workers): the key is
    written whole under a private name and linked into place, so exactly one key wins and no process ever
    reads a half-written file.
    """
    configured = os.environ.get("PROFICIO_SECRET_KEY")
    if configured:
        return configured
    key_file = directory / "secret_key"
    if not key_file.exists():
        draft = directory / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
        try:
            os.link(draft, key_file)
        except FileExistsError:
            pass  # another process linked its key first; everyone uses that one
        finally:
            draft.unlink()
    return key_file.read_text().strip()
