"""Streaming one OneRoster CSV file: encoding, delimiter and header checks, then rows with their line numbers.

Rows are never gathered into a list: a million-row ``enrollments.csv`` passes through one row at a time.
Lines are counted physically (the header is line 1; a quoted value spanning lines advances the count), so a
problem points where a person opening the file in an editor will look.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from proficio.interop.problems import Problem, ProblemList

MAX_LINE = 1 << 20  # one physical line may not pass 1 MiB (bounds memory for a file with no line breaks)
MAX_ENCODING_PROBLEMS = 5  # per file; after that one line says there are more
PROGRESS_EVERY = 20_000
OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


class _LineTooLong(Exception):
    pass


@dataclass
class Header:
    names: list[str]
    index: dict[str, int]


class CsvFile:
    """One CSV member, read once. ``header`` is None when the file cannot be used (the problem is recorded)."""

    def __init__(
        self,
        name: str,
        stream: io.BufferedReader,
        problems: ProblemList,
        *,
        required: tuple[str, ...],
        size: int = 0,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.name = name
        self.problems = problems
        self.size = size
        self._progress = progress
        self._line = 0  # physical lines consumed so far
        self._chars = 0
        self._encoding_problems = 0
        self._failed = False
        self.header: Header | None = None
        head = stream.peek(4)[:4]
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            self._add(1, "is saved as UTF-16; OneRoster files must be UTF-8 — save it again as 'CSV UTF-8'")
            return
        self._text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
        self._reader = csv.reader(self._lines(), strict=True)
        self._read_header(required)

    def _add(self, line: int, message: str, column: str = "", value: str = "") -> None:
        self.problems.add(Problem(self.name, message, line=line, column=column, value=value))

    def _lines(self) -> Iterator[str]:
        readline = self._text.readline
        progress = self._progress
        while True:
            line = readline(MAX_LINE + 1)
            if not line:
                return
            self._line += 1
            if len(line) > MAX_LINE:
                raise _LineTooLong
            if "\ufffd" in line:
                self._bad_encoding()
            if "\x00" in line:
                self._add(self._line, "holds a NUL character — is this a binary file, or one saved as UTF-16?")
                line = line.replace("\x00", "")
            if progress is not None:
                self._chars += len(line)
                if self._line % PROGRESS_EVERY == 0:
                    progress(self._chars, self.size)
            yield line

    def _bad_encoding(self) -> None:
        self._encoding_problems += 1
        if self._encoding_problems < MAX_ENCODING_PROBLEMS:
            self._add(
                self._line,
                "is not valid UTF-8 (it may be saved as Windows-1252 or Latin-1); save the file as UTF-8",
            )
        elif self._encoding_problems == MAX_ENCODING_PROBLEMS:
            self._add(self._line, "is not valid UTF-8 either; further lines with the same problem are not listed")

    def _next(self) -> list[str] | None:
        """The next record, or None at the end or when the file cannot be read further (problem recorded)."""
        try:
            return next(self._reader)
        except StopIteration:
            return None
        except _LineTooLong:
            self._failed = True
            self._add(self._line, f"is longer than {MAX_LINE:,} characters; is this really a CSV file?")
        except csv.Error as error:
            self._failed = True
            self._add(self._line or 1, f"cannot be read as CSV ({error})")
        except UnicodeError as error:  # pragma: no cover - errors="replace" makes this unreachable in practice
            self._failed = True
            self._add(self._line or 1, f"cannot be decoded ({error})")
        return None

    def _read_header(self, required: tuple[str, ...]) -> None:
        record = self._next()
        if record is None:
            if not self._failed:
                self._add(1, "is empty; it needs at least a header line")
            return
        names = [name.strip() for name in record]
        raw = ",".join(record)
        present = set(names)
        if not present & set(required):
            for delimiter, words in OTHER_DELIMITERS.items():
                if delimiter in raw:
                    self._add(
                        1,
                        f"has its columns separated by {words}; OneRoster files use commas",
                        value=raw[:80],
                    )
                    return
        seen: set[str] = set()
        for name in names:
            if name in seen:
                self._add(1, "appears twice in the header", column=name)
            seen.add(name)
        missing = [name for name in required if name not in present]
        for name in missing:
            self._add(1, "is required but missing from the header", column=name)
        if missing or len(seen) != len(names):
            return
        self.header = Header(names=names, index={name: i for i, name in enumerate(names)})

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, values) for each record after the header; blank lines are skipped, records with the
        wrong number of values are reported and skipped."""
        if self.header is None:
            return
        width = len(self.header.names)
        while True:
            start = self._line + 1
            record = self._next()
            if record is None:
                break
            if len(record) != width:
                if not record or (len(record) == 1 and not record[0].strip()):
                    continue
                self._add(start, f"has {len(record)} values but the header has {width} columns")
                continue
            yield start, record
        if self._progress is not None:
            self._progress(self.size, self.size)
