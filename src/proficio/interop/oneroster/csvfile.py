"""Streaming one OneRoster CSV file: encoding, delimiter and header checks, then rows with their line numbers.

Rows are never gathered into a list: a million-row ``enrollments.csv`` passes through one row at a time.
Lines are counted physically (the header is line 1; a quoted value spanning lines advances the count), so a
problem points where a person opening the file in an editor will look.

Given the columns its file defines (``known``), the header is read tolerantly: a defined column written in
another case (``familyname``) is read as the binding's (``familyName``), and the columns nobody defines are
listed for the caller to warn about (vendor columns ``ext_…``, ``ext.…`` and ``metadata.…`` are expected and
not listed). Columns may come in any order. A file cut short — a quoted value never closed, a last line with
fewer values than the header — is refused, naming the line and the column where the data stops.
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
VENDOR_PREFIXES = ("ext_", "ext.", "ext:", "metadata.")  # extension columns the binding allows; ignored


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
        known: tuple[str, ...] | None = None,
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
        self._start = 0  # the physical line the record being read starts on
        self._start_text = ""  # and that line's text, to say which value a quote left open
        self.header: Header | None = None
        self.renamed: list[tuple[str, str]] = []  # (as written, the binding's name) for columns in another case
        self.unknown: list[str] = []  # columns the file's binding does not define (vendor prefixes aside)
        head = stream.peek(4)[:4]
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            self._add(1, "is saved as UTF-16; OneRoster files must be UTF-8 — save it again as 'CSV UTF-8'")
            return
        self._text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
        self._reader = csv.reader(self._lines(), strict=True)
        self._read_header(required, known)

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
            if self._line == self._start:
                self._start_text = line
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
            if self._start and ("end of data" in str(error) or "field limit" in str(error)):
                self._open_quote(str(error))
            else:
                self._add(self._line or 1, f"cannot be read as CSV ({error})")
        except UnicodeError as error:  # pragma: no cover - errors="replace" makes this unreachable in practice
            self._failed = True
            self._add(self._line or 1, f"cannot be decoded ({error})")
        return None

    def _open_quote(self, error: str) -> None:
        """A quoted value that never closes: the file is cut short, or a quote inside a value is not doubled."""
        column, value = "", ""
        text, field, quoted, at = self._start_text, 0, False, -1
        for position, char in enumerate(text):
            if char == '"':
                if not quoted:
                    at = position
                quoted = not quoted
            elif char == "," and not quoted:
                field += 1
        if quoted and self.header is not None and field < len(self.header.names):
            column = self.header.names[field]
            value = text[at : at + 40].rstrip("\r\n")
        how = "never closes before the end of the file" if "end of data" in error else "runs on past 128 KiB"
        self._add(
            self._start,
            f"has a quoted value that {how}: is the file cut short, or is a quote inside a value not doubled?",
            column,
            value,
        )

    def _read_header(self, required: tuple[str, ...], known: tuple[str, ...] | None) -> None:
        self._start = 1
        record = self._next()
        if record is None:
            if not self._failed:
                self._add(1, "is empty; it needs at least a header line")
            return
        names = [name.strip() for name in record]
        if known is not None:
            names = self._known_names(names, known)
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

    def _known_names(self, names: list[str], known: tuple[str, ...]) -> list[str]:
        """The header with defined columns written in another case renamed; the undefined ones noted."""
        by_lower = {name.lower(): name for name in known}
        present = set(names)
        result = []
        for name in names:
            if name not in known and not name.lower().startswith(VENDOR_PREFIXES):
                spelling = by_lower.get(name.lower())
                if spelling is not None and spelling not in present:
                    self.renamed.append((name, spelling))
                    present.add(spelling)
                    name = spelling
                elif name:
                    self.unknown.append(name)
            result.append(name)
        return result

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, values) for each record after the header; blank lines are skipped, records with the
        wrong number of values are reported and skipped."""
        if self.header is None:
            return
        width = len(self.header.names)
        names = self.header.names
        while True:
            start = self._start = self._line + 1
            record = self._next()
            if record is None:
                break
            if len(record) != width:
                if not record or (len(record) == 1 and not record[0].strip()):
                    continue
                if len(record) < width:
                    self._add(
                        start,
                        f"has {len(record)} values but the header has {width} columns: the line stops before this "
                        "column (is the file cut short?)",
                        names[len(record)],
                        record[-1][:80],
                    )
                else:
                    self._add(start, f"has {len(record)} values but the header has {width} columns")
                continue
            yield start, record
        if self._progress is not None:
            self._progress(self.size, self.size)
