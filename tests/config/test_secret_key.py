"""The generated secret key: one per data directory, private, and the same for processes that start at once."""

from __future__ import annotations

import stat
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from proficio.config.paths import secret_key


def test_a_fresh_directory_gets_a_private_key_that_is_kept(tmp_path: Path) -> None:
    key = secret_key(tmp_path)
    assert len(key) >= 50
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    assert secret_key(tmp_path) == key
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no draft left behind


def test_processes_starting_together_agree_on_one_key(tmp_path: Path) -> None:
    with ProcessPoolExecutor(max_workers=4) as pool:
        keys = set(pool.map(secret_key, [tmp_path] * 16))
    assert keys == {(tmp_path / "secret_key").read_text().strip()}
