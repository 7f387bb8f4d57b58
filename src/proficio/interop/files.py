"""Reading uploaded files, zip archives and folders without trusting them.

An import file comes from outside: a zip may hold paths that climb out of the archive (``../../etc``),
symbolic links, archives inside archives, thousands of entries, or a few kilobytes that inflate to gigabytes
(a zip bomb). Everything here is checked twice — once from the archive's headers, before a byte is
inflated, and again while streaming, because headers can lie: a member may inflate to more than it
declares, and the total read can never pass the configured limit (``PROFICIO_IMPORT_MAX_BYTES``).

Nothing is ever extracted to disk: members are streamed straight to the parser.
"""

from __future__ import annotations

import hashlib
import io
import stat
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from django.conf import settings

from proficio.interop.records import sha256_of

ARCHIVE_SUFFIXES = (".zip", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz", ".zst", ".jar", ".cab")
ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"7z\xbc\xaf", b"Rar!")
IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
IGNORED_PREFIXES = ("__MACOSX/",)


@dataclass(frozen=True)
class Limits:
    """How much an import may read. ``max_ratio`` applies to members larger than ``ratio_floor`` only:
    a tiny file of repeated commas compresses very well and is harmless."""

    max_bytes: int = 200 * 1024 * 1024
    max_entries: int = 100
    max_ratio: int = 100
    ratio_floor: int = 1024 * 1024

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            max_bytes=int(getattr(settings, "PROFICIO_IMPORT_MAX_BYTES", cls.max_bytes)),
            max_entries=int(getattr(settings, "PROFICIO_IMPORT_MAX_ENTRIES", cls.max_entries)),
            max_ratio=int(getattr(settings, "PROFICIO_IMPORT_MAX_RATIO", cls.max_ratio)),
        )


@dataclass(frozen=True)
class Refusal:
    """Why one member (or the whole source, when ``member`` is empty) cannot be read."""

    member: str
    message: str


class UnsafeInput(Exception):
    """The upload, archive or folder cannot be read safely; nothing of it was parsed."""

    def __init__(self, refusals: list[Refusal]) -> None:
        self.refusals = refusals
        super().__init__("; ".join(f"{r.member or 'input'}: {r.message}" for r in refusals))


def _megabytes(n: int) -> str:
    if n < 1024 * 1024:
        return f"{n / 1024:,.0f} KB"
    return f"{n / (1024 * 1024):,.1f} MB"


@dataclass
class _Budget:
    """Bytes still allowed across every member read from one source."""

    limits: Limits
    used: int = 0

    def spend(self, n: int, member: str) -> None:
        self.used += n
        if self.used > self.limits.max_bytes:
            raise UnsafeInput(
                [Refusal(member, f"the files together are larger than the {_megabytes(self.limits.max_bytes)} limit")]
            )


class _BoundedReader(io.RawIOBase):
    """Streams a member and refuses, mid-read, to give more than it declared or than the budget allows."""

    def __init__(self, inner: IO[bytes], *, member: str, declared: int, compressed: int, budget: _Budget) -> None:
        self._inner = inner
        self._member = member
        self._declared = declared
        self._compressed = compressed
        self._budget = budget
        self._read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            data = self._inner.read(len(buffer))
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            # A CRC mismatch at the end of a member also lands here: its header lied about its content.
            raise UnsafeInput([Refusal(self._member, f"is damaged in the archive ({error})")]) from error
        n = len(data)
        if n:
            self._read += n
            if self._read > self._declared:
                raise UnsafeInput([Refusal(self._member, "inflates to more bytes than the archive says it holds")])
            limits = self._budget.limits
            if (
                self._compressed
                and self._read > limits.ratio_floor
                and self._read > self._compressed * limits.max_ratio
            ):
                raise UnsafeInput([Refusal(self._member, "compression ratio typical of a zip bomb")])
            self._budget.spend(n, self._member)
            buffer[:n] = data
        return n

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            super().close()


def _unsafe_name(name: str) -> str | None:
    """Why a member name is not acceptable, or None when it is a plain relative path."""
    if "\x00" in name:
        return "its name contains a NUL character"
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "its path is absolute, outside the archive"
    parts = name.replace("\\", "/").split("/")
    if any(part == ".." for part in parts):
        return "its path climbs out of the archive ('..')"
    return None


def _is_ignored(name: str) -> bool:
    base = PurePosixPath(name).name
    return name.startswith(IGNORED_PREFIXES) or base in IGNORED_NAMES or base.startswith("._")


class SourceFiles:
    """A set of named files (a zip archive or a folder) that can each be streamed once, safely."""

    display_name: str
    sizes: dict[str, int]

    def __init__(self, display_name: str, limits: Limits) -> None:
        self.display_name = display_name
        self.limits = limits
        self.sizes = {}
        self._budget = _Budget(limits)

    def names(self) -> list[str]:
        return sorted(self.sizes)

    def open(self, name: str) -> io.BufferedReader:
        """A buffered stream of the member; refuses nested archives by their first bytes."""
        raw = self._open_raw(name)
        stream: io.BufferedReader = io.BufferedReader(raw, buffer_size=1 << 16)  # type: ignore[arg-type]
        head = stream.peek(8)[:8]
        if any(head.startswith(magic) for magic in ARCHIVE_MAGIC):
            stream.close()
            raise UnsafeInput([Refusal(name, "is itself an archive; nested archives are not accepted")])
        return stream

    def sha256(self) -> str:
        raise NotImplementedError

    def close(self) -> None:
        return None

    def _open_raw(self, name: str) -> _BoundedReader:
        raise NotImplementedError

    def __enter__(self) -> SourceFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ZipSource(SourceFiles):
    """A zip archive, checked entry by entry from its central directory before anything is inflated."""

    def __init__(self, path: Path, limits: Limits) -> None:
        super().__init__(path.name, limits)
        self.path = path
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as error:
            raise UnsafeInput([Refusal("", f"is not a readable zip archive ({error})")]) from error
        try:
            self._members = self._check(self._zip.infolist())
        except UnsafeInput:
            self._zip.close()
            raise
        self.sizes = {name: info.file_size for name, info in self._members.items()}

    def _check(self, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
        limits = self.limits
        refusals: list[Refusal] = []
        if len(infos) > limits.max_entries:
            raise UnsafeInput([Refusal("", f"holds {len(infos):,} entries; at most {limits.max_entries} are accepted")])
        files: list[zipfile.ZipInfo] = []
        total = 0
        for info in infos:
            name = info.filename
            why = _unsafe_name(name)
            if why:
                refusals.append(Refusal(name, why))
                continue
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                refusals.append(Refusal(name, "is a symbolic link; links are not accepted"))
                continue
            if info.is_dir() or _is_ignored(name):
                continue
            if info.flag_bits & 0x1:
                refusals.append(Refusal(name, "is encrypted"))
                continue
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                refusals.append(Refusal(name, "uses a compression method other than deflate"))
                continue
            if name.lower().endswith(ARCHIVE_SUFFIXES):
                refusals.append(Refusal(name, "is itself an archive; nested archives are not accepted"))
                continue
            if info.file_size > limits.ratio_floor and info.file_size > max(info.compress_size, 1) * limits.max_ratio:
                refusals.append(
                    Refusal(
                        name,
                        f"would inflate {info.file_size // max(info.compress_size, 1):,} times — a ratio typical "
                        "of a zip bomb",
                    )
                )
                continue
            total += info.file_size
            files.append(info)
        if total > limits.max_bytes:
            refusals.append(
                Refusal("", f"inflates to {_megabytes(total)}, above the {_megabytes(limits.max_bytes)} limit")
            )
        members = self._flatten(files, refusals)
        if refusals:
            raise UnsafeInput(refusals)
        return members

    @staticmethod
    def _flatten(files: list[zipfile.ZipInfo], refusals: list[Refusal]) -> dict[str, zipfile.ZipInfo]:
        """Files sit at the top of the archive, or all inside one folder (as desktop zip tools make them)."""
        paths = [PurePosixPath(info.filename.replace("\\", "/")) for info in files]
        prefix: tuple[str, ...] = ()
        if paths and all(len(p.parts) == 2 for p in paths) and len({p.parts[0] for p in paths}) == 1:
            prefix = paths[0].parts[:1]
        members: dict[str, zipfile.ZipInfo] = {}
        for info, path in zip(files, paths, strict=True):
            parts = path.parts[len(prefix) :]
            if len(parts) != 1:
                refusals.append(Refusal(info.filename, "is inside a sub-folder; the files belong at the top level"))
                continue
            if parts[0] in members:
                refusals.append(Refusal(info.filename, "appears twice in the archive"))
                continue
            members[parts[0]] = info
        return members

    def _open_raw(self, name: str) -> _BoundedReader:
        info = self._members[name]
        return _BoundedReader(
            self._zip.open(info),
            member=name,
            declared=info.file_size,
            compressed=info.compress_size,
            budget=self._budget,
        )

    def sha256(self) -> str:
        return sha256_of([self.path])

    def close(self) -> None:
        self._zip.close()


class FolderSource(SourceFiles):
    """A folder of CSV files (as an SIS export unpacks), read without following links or entering sub-folders."""

    def __init__(self, path: Path, limits: Limits) -> None:
        super().__init__(path.name, limits)
        self.path = path
        refusals: list[Refusal] = []
        entries = sorted(path.iterdir())
        if len(entries) > limits.max_entries:
            raise UnsafeInput(
                [Refusal("", f"holds {len(entries):,} entries; at most {limits.max_entries} are accepted")]
            )
        total = 0
        for entry in entries:
            name = entry.name
            if entry.is_symlink():
                refusals.append(Refusal(name, "is a symbolic link; links are not accepted"))
            elif _is_ignored(name):
                continue
            elif entry.is_dir():
                refusals.append(Refusal(name, "is a sub-folder; the files belong at the top level"))
            elif not entry.is_file():
                refusals.append(Refusal(name, "is not a regular file"))
            elif name.lower().endswith(ARCHIVE_SUFFIXES):
                refusals.append(Refusal(name, "is itself an archive; nested archives are not accepted"))
            else:
                size = entry.stat().st_size
                total += size
                self.sizes[name] = size
        if total > limits.max_bytes:
            refusals.append(Refusal("", f"holds {_megabytes(total)}, above the {_megabytes(limits.max_bytes)} limit"))
        if refusals:
            raise UnsafeInput(refusals)

    def _open_raw(self, name: str) -> _BoundedReader:
        entry = self.path / name
        if entry.is_symlink():  # replaced by a link since it was listed
            raise UnsafeInput([Refusal(name, "is a symbolic link; links are not accepted")])
        size = self.sizes[name]
        return _BoundedReader(entry.open("rb"), member=name, declared=size, compressed=0, budget=self._budget)

    def sha256(self) -> str:
        return sha256_of(self.path / name for name in self.names())


def open_source(path: Path, limits: Limits | None = None) -> SourceFiles:
    """Open a zip archive or a folder for import; raises UnsafeInput before reading anything unsafe."""
    limits = limits or Limits.from_settings()
    if path.is_symlink():
        raise UnsafeInput([Refusal("", "is a symbolic link; give the real path")])
    if path.is_dir():
        return FolderSource(path, limits)
    if not path.is_file():
        raise UnsafeInput([Refusal("", "does not exist")])
    if path.stat().st_size > limits.max_bytes:
        raise UnsafeInput([Refusal("", f"is larger than the {_megabytes(limits.max_bytes)} limit")])
    return ZipSource(path, limits)


@dataclass
class SavedUpload:
    path: Path
    size: int
    sha256: str = field(default="")


def save_upload(chunks: Iterable[bytes], directory: Path, *, name: str, limits: Limits | None = None) -> SavedUpload:
    """Write an uploaded file's chunks (e.g. Django's ``UploadedFile.chunks()``) into ``directory``, refusing
    it as soon as it passes the size limit. The stored name keeps only the upload's final name component."""
    limits = limits or Limits.from_settings()
    safe = PurePosixPath(name.replace("\\", "/")).name.strip() or "upload"
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in safe)[:120]
    target = directory / safe
    digest = hashlib.sha256()
    size = 0
    try:
        with target.open("xb") as handle:
            for chunk in chunks:
                size += len(chunk)
                if size > limits.max_bytes:
                    raise UnsafeInput([Refusal(safe, f"is larger than the {_megabytes(limits.max_bytes)} limit")])
                digest.update(chunk)
                handle.write(chunk)
    except UnsafeInput:
        target.unlink(missing_ok=True)
        raise
    return SavedUpload(path=target, size=size, sha256=digest.hexdigest())
