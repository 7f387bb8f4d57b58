"""Exports onto a read-only or full disk: a clear one-line error, nothing half-written, the last good file kept.

The exports that write files: ``proficio backup`` (a folder: pg_dump's file, the uploaded files, a manifest),
the OneRoster gradebook export from the command line (``proficio export-oneroster-gradebook``, a zip or folder
where the operator says) and from the web (``/interop/districts/<id>/gradebook.zip``, staged in
``PROFICIO_IMPORT_DIR`` before it is sent).

How the faults are made: this runs as root, and root ignores file permissions, so ``chmod`` cannot make a folder
read-only for it. Instead each target folder is a small tmpfs mounted here and unmounted afterwards: mounted
``ro`` for a read-only disk, or filled to the last byte with a filler file (after a good export was written
into it) for a full one. Mounting needs CAP_SYS_ADMIN, which root has on this project's machines; where it is
missing the script says so and fails.

Each case runs against a PostgreSQL server of this run's own (``private_servers.private_postgres``) holding a
small demo district, and checks: the command exits non-zero with a one-line message that names the problem
(no traceback), the web answers a 503 page that names it (no 500, no traceback), nothing is left half-written
in the folder, and the previous good backup or export there is unchanged (same checksum, still verifies).

Exit status 1 when a case fails; the last line says PASSED or FAILED.

    python benchmarks/fault_readonly_media.py           # 150 students
    python benchmarks/fault_readonly_media.py --smoke   # 40 students (CI's smoke step)
"""

from __future__ import annotations

import argparse
import errno
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from load import BIN, HOST, _django, production_environment, write_district
from load import Size as LoadSize
from private_servers import private_postgres

DATABASE = "proficio_fault_media"
TMPFS_SIZE = "32m"
REASONS = {"read-only": "Read-only file system", "full": "No space left on device"}


@dataclass(frozen=True)
class Case:
    name: str
    passed: bool
    status: str  # the exit code, or the HTTP status
    message: str  # the one line the operator or the person reads
    leftovers: int  # entries in the folder that should not be there
    previous: str  # "kept", "n/a", or what happened to it


# --- mounts ------------------------------------------------------------------------------------------------


@contextmanager
def tmpfs(path: Path, *, read_only: bool) -> Iterator[Path]:
    """A small tmpfs at ``path`` until the block ends (then unmounted, lazily if still busy)."""
    path.mkdir(parents=True, exist_ok=True)
    options = f"size={TMPFS_SIZE},mode=0755" + (",ro" if read_only else "")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True,
                          text=True, timeout=30, check=False)  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"cannot mount a tmpfs at {path} ({done.stderr.strip()}): this test needs root with "
                         "CAP_SYS_ADMIN, since root ignores chmod")  # fmt: skip
    try:
        yield path
    finally:
        if subprocess.run(["umount", str(path)], capture_output=True, timeout=30, check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30, check=False)


def fill(folder: Path) -> int:
    """Write a filler file until the disk refuses; the bytes written."""
    written = 0
    block = b"\0" * 65536
    with (folder / "filler").open("wb", buffering=0) as out:
        try:
            while True:
                written += out.write(block)
        except OSError as error:
            if error.errno != errno.ENOSPC:
                raise
        # The last partial block can leave a few bytes free; fill them one at a time.
        try:
            while True:
                written += out.write(b"\0")
        except OSError as error:
            if error.errno != errno.ENOSPC:
                raise
    return written


def checksum(path: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(p for p in ([path] if path.is_file() else path.rglob("*")) if p.is_file()):
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def leftovers(folder: Path, expected: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in expected | {"filler", "lost+found"})


# --- the command line --------------------------------------------------------------------------------------


def proficio(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "proficio"), *args], env=env, capture_output=True, text=True, timeout=300,
                          check=False)  # fmt: skip


def judged_cli(name: str, done: subprocess.CompletedProcess[str], reason: str, left: list[str], previous: str) -> Case:
    """Non-zero exit, one line on stderr naming the reason, no traceback, nothing left, the previous kept."""
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    message = lines[0] if lines else "(nothing on stderr)"
    one_line = len(lines) == 1 and "Traceback" not in done.stderr and reason in message
    passed = done.returncode != 0 and one_line and not left and previous in {"kept", "n/a"}
    return Case(name, passed, f"exit {done.returncode}", message, len(left), previous)


def backup_cases(env: dict[str, str], root: Path) -> list[Case]:
    from proficio.ops.backup import BackupError, read_backup

    cases = []
    with tmpfs(root / "backup-ro", read_only=True) as folder:
        done = proficio(env, "backup", str(folder / "tonight"))
        cases.append(judged_cli("backup into a read-only folder", done, REASONS["read-only"], leftovers(folder, set()),
                                "n/a"))  # fmt: skip
    with tmpfs(root / "backup-full", read_only=False) as folder:
        good = proficio(env, "backup", str(folder / "last-night"))
        if good.returncode != 0:
            raise SystemExit(f"the good backup failed:\n{good.stderr[-2000:]}")
        before = checksum(folder / "last-night")
        fill(folder)
        done = proficio(env, "backup", str(folder / "tonight"))
        try:
            read_backup(source=folder / "last-night", vendor="postgresql")
            previous = "kept" if checksum(folder / "last-night") == before else "CHANGED"
        except BackupError as error:
            previous = f"DAMAGED ({error})"
        left = leftovers(folder, {"last-night"})
        cases.append(judged_cli("backup onto a full disk", done, REASONS["full"], left, previous))
    return cases


def export_cases(env: dict[str, str], root: Path, district: int) -> list[Case]:
    cases = []
    argv = ["export-oneroster-gradebook", "--district", str(district), "--output"]
    with tmpfs(root / "export-ro", read_only=True) as folder:
        done = proficio(env, *argv, str(folder / "gradebook.zip"))
        cases.append(judged_cli("gradebook export (CLI) into a read-only folder", done, REASONS["read-only"],
                                leftovers(folder, set()), "n/a"))  # fmt: skip
    with tmpfs(root / "export-full", read_only=False) as folder:
        target = folder / "gradebook.zip"
        good = proficio(env, *argv, str(target))
        if good.returncode != 0:
            raise SystemExit(f"the good export failed:\n{good.stderr[-2000:]}")
        before = checksum(target)
        fill(folder)
        done = proficio(env, *argv, str(target))  # the same path: a failed export must not replace the last one
        previous = "kept" if checksum(target) == before else "REPLACED"
        cases.append(judged_cli("gradebook export (CLI) onto a full disk, over the last one", done, REASONS["full"],
                                leftovers(folder, {"gradebook.zip"}), previous))  # fmt: skip
    return cases


# --- the web -----------------------------------------------------------------------------------------------


def web_cases(district: int) -> list[Case]:
    """The web export, staged in PROFICIO_IMPORT_DIR, with that folder read-only, then full."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from proficio.accounts.models import Role, User

    admin = User.objects.filter(memberships__role=Role.DISTRICT_ADMIN).order_by("username").first()
    assert admin is not None
    client = Client(raise_request_exception=False, HTTP_HOST=HOST)
    client.force_login(admin)
    url = reverse("interop-export-gradebook", args=[district])
    folder = Path(settings.PROFICIO_IMPORT_DIR)
    cases = []
    for kind, read_only in (("read-only", True), ("full", False)):
        with tmpfs(folder, read_only=read_only):
            if not read_only:
                fill(folder)
            response = client.get(url)
            page = response.content.decode(errors="replace")
            left = leftovers(folder, set())
        reason = {"read-only": "its storage is read-only", "full": "its disk is full"}[kind]
        headline = next((line.strip() for line in page.splitlines() if reason in line), page[:120].strip())
        passed = response.status_code == 503 and reason in page and "Traceback" not in page and not left
        cases.append(Case(f"gradebook export (web), import folder {kind}", passed, f"HTTP {response.status_code}",
                          headline, len(left), "n/a"))  # fmt: skip
    return cases


# --- the run -----------------------------------------------------------------------------------------------


def report(cases: list[Case]) -> None:
    print(f"{'case':<62}{'result':<10}{'left':>5}  {'previous':<9} message")
    for case in cases:
        print(f"{case.name:<62}{case.status:<10}{case.leftovers:>5}  {case.previous:<9} {case.message}")
        if not case.passed:
            print(f"  FAILED: {case.name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="40 students (CI's smoke step)")
    args = parser.parse_args()
    students = 40 if args.smoke else 150
    workdir = Path(tempfile.mkdtemp(prefix="proficio-fault-media-"))
    passed = False
    try:
        with private_postgres() as pg:
            print(f"PostgreSQL: a private server on 127.0.0.1:{pg.port} (its own folder; the shared one untouched)")
            env = production_environment(pg.create_database(DATABASE), str(workdir / "data"))
            start = time.perf_counter()
            _django(env)
            shape = LoadSize(students, 2, 1, teachers=0, readers=0, leaders=0, seconds=0, pace=1.0,
                             warm_up_seconds=0, alone_seconds={})  # fmt: skip
            demo, written = write_district(shape)
            print(f"database: {DATABASE}, migrated and {written} ({time.perf_counter() - start:.1f} s in all)")
            district = _district_id(demo)
            started = time.perf_counter()
            cases = backup_cases(env, workdir) + export_cases(env, workdir, district) + web_cases(district)
            report(cases)
            print(f"{len(cases)} cases in {time.perf_counter() - started:.1f} s; mounts: tmpfs of {TMPFS_SIZE}, "
                  "read-only or filled")  # fmt: skip
            passed = all(case.passed for case in cases)
            from django.db import connections

            connections.close_all()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"read-only and full disks during exports: {'PASSED' if passed else 'FAILED'}")
    sys.exit(0 if passed else 1)


def _district_id(demo: Any) -> int:
    from proficio.roster.models import District

    district = District.objects.order_by("pk").first()
    assert district is not None
    return district.pk


if __name__ == "__main__":
    os.umask(0o022)
    main()
