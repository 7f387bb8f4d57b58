"""Checking one row's cells against the binding: required values, vocabularies, dates, booleans, lengths.

The checker is built once per file from its header (only the columns present are checked) and returns the
row's values parsed — dates as ``date``, booleans as ``bool``, lists as ``list[str]`` — with every problem
recorded in plain words, so one pass over a file reports everything wrong with it.

Tolerant where nothing is guessed: a vocabulary word in another case (``Scheduled``, ``Active``, ``Teacher``)
is read as the binding spells it, with a warning folded per file, column and value. The exact spelling is
tried first, so the normalisation costs nothing on a file written as the binding asks. Dates are never
guessed: ``1/05/2023`` is refused, saying both ways it could be read.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from proficio.interop.oneroster.context import RunContext
from proficio.interop.oneroster.csvfile import CsvFile, Header
from proficio.interop.oneroster.spec import Column, FileSpec, Kind
from proficio.interop.oneroster.values import (
    DAY_MONTH_YEAR,
    date_problem,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_year,
    split_list,
)
from proficio.interop.problems import Problem, ProblemList

Values = dict[str, Any]

_PLAIN, _LIMITED, _CHOICE, _BOOL, _DATE, _OTHER = range(6)
_BOOLS = {"true": True, "false": False, "TRUE": True, "FALSE": False, "True": True, "False": False}
_BLANK: dict[Kind, Any] = {Kind.SIDS: [], Kind.LIST: [], Kind.DATE: None, Kind.DATETIME: None, Kind.BOOL: None}


def _choices_text(column: Column) -> str:
    return ", ".join(column.choices)


Warn = Callable[..., None]  # RunContext.warn


def _folded(column: Column) -> dict[str, str] | None:
    """Lower-case spelling → the binding's, for a vocabulary column (None for other kinds)."""
    if column.kind is Kind.STATUS:
        return {"active": "active", "tobedeleted": "tobedeleted", "inactive": "inactive"}
    if column.kind is Kind.ENUM:
        return {choice.lower(): choice for choice in column.choices}
    return None


class RowChecker:
    """Parses and checks rows of one file. ``delta`` files must say each row's status."""

    def __init__(
        self, file_spec: FileSpec, header: Header, problems: ProblemList, *, delta: bool, warn: Warn | None = None
    ) -> None:
        self.file = file_spec.name
        self.problems = problems
        self.delta = delta
        self.warn = warn
        self._fold: dict[str, dict[str, str]] = {}  # column → lower-case spelling → the binding's
        # (index, name, required, how, argument, parser, blank): ``how`` picks an inline check for the
        # common kinds — this loop runs for every cell of a million-row file.
        self._columns: list[tuple[int, str, bool, int, Any, Callable[[str], Any], Any]] = []
        self._defaults: Values = {}
        for column in file_spec.columns:
            index = header.index.get(column.name)
            blank = _BLANK.get(column.kind, "")
            if index is None:
                self._defaults[column.name] = blank
                continue
            how: int = _OTHER
            argument: Any = None
            if column.kind in (Kind.TEXT, Kind.SID):
                how, argument = (_LIMITED, column.max_length) if column.max_length else (_PLAIN, None)
            elif column.kind is Kind.ENUM and not column.allow_extension:
                how, argument = _CHOICE, frozenset(column.choices)
            elif column.kind is Kind.BOOL:
                how, argument = _BOOL, _BOOLS
            elif column.kind is Kind.DATE:
                how = _DATE
            self._columns.append((index, column.name, column.required, how, argument, self._parser(column), blank))
            folded = _folded(column)
            if folded is not None:
                self._fold[column.name] = folded

    def _parser(self, column: Column) -> Callable[[str], Any]:
        """A function from the (non-blank) cell to its value; raises ValueError with the message to report."""
        kind = column.kind
        if kind is Kind.STATUS:

            def status(value: str) -> str:
                if value == "active":
                    return value
                if value in ("tobedeleted", "inactive"):
                    return "tobedeleted"
                raise ValueError("is not one of active, tobedeleted")

            return status
        if kind is Kind.ENUM:
            choices = frozenset(column.choices)
            text = _choices_text(column)
            extension = column.allow_extension

            def enum(value: str) -> str:
                if value in choices or (extension and value.startswith("ext:") and len(value) > 4):
                    return value
                raise ValueError(f"is not one of {text}")

            return enum
        if kind is Kind.DATE:

            def as_date(value: str) -> Any:
                parsed = parse_date(value)
                if parsed is None:
                    raise ValueError(date_problem(value))
                return parsed

            return as_date
        if kind is Kind.DATETIME:

            def as_datetime(value: str) -> Any:
                parsed = parse_datetime(value)
                if parsed is None:
                    if DAY_MONTH_YEAR.match(value):  # a d/m/y or m/d/y date: say which readings it has
                        raise ValueError(date_problem(value).replace("YYYY-MM-DD", "ISO 8601 (YYYY-MM-DD…)"))
                    raise ValueError("is not an ISO 8601 date-time such as 2025-08-01T12:00:00.000Z")
                return parsed

            return as_datetime
        if kind is Kind.BOOL:

            def as_bool(value: str) -> bool:
                parsed = parse_bool(value)
                if parsed is None:
                    raise ValueError("is not true or false")
                return parsed

            return as_bool
        if kind is Kind.YEAR:

            def as_year(value: str) -> int:
                parsed = parse_year(value)
                if parsed is None:
                    raise ValueError("is not a four-digit year")
                return parsed

            return as_year
        limit = column.max_length
        if kind in (Kind.LIST, Kind.SIDS):
            item_limit = 255 if kind is Kind.SIDS else 0

            def as_list(value: str) -> list[str]:
                items = split_list(value)
                if item_limit and any(len(item) > item_limit for item in items):
                    raise ValueError(f"holds a sourcedId longer than {item_limit} characters")
                return items

            return as_list

        def as_text(value: str) -> str:
            if limit and len(value) > limit:
                raise ValueError(f"is longer than {limit} characters")
            return value

        return as_text

    def check(self, line: int, row: list[str]) -> tuple[Values, bool]:
        """The row's values by column name, and whether the row is free of problems."""
        values = dict(self._defaults)
        ok = True
        for index, name, required, how, argument, parse, blank in self._columns:
            value = row[index].strip()
            if not value:
                if required:
                    self.problems.add(Problem(self.file, "is required but blank", line, name))
                    ok = False
                values[name] = blank
            elif (
                how == _PLAIN or (how == _LIMITED and len(value) <= argument) or (how == _CHOICE and value in argument)
            ):
                values[name] = value
            elif how == _BOOL and value in argument:
                values[name] = argument[value]
            elif how == _DATE and len(value) == 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit():
                try:  # YYYY-MM-DD by its shape; fromisoformat then checks the month and day
                    values[name] = date.fromisoformat(value)
                except ValueError:
                    self.problems.add(Problem(self.file, "is not a day that exists (YYYY-MM-DD)", line, name, value))
                    values[name] = blank
                    ok = False
            else:
                try:
                    values[name] = parse(value)
                except ValueError as error:
                    spelling = self._spelling(line, name, value)
                    if spelling is None:
                        self.problems.add(Problem(self.file, str(error), line, name, value[:200]))
                        values[name] = blank
                        ok = False
                    else:
                        values[name] = parse(spelling)
        status = values.get("status")
        if not status:
            if self.delta:
                self.problems.add(
                    Problem(self.file, "is required in a delta file (active or tobedeleted)", line, "status")
                )
                ok = False
            values["status"] = "active"
        return values, ok

    def _spelling(self, line: int, name: str, value: str) -> str | None:
        """The binding's spelling of a vocabulary word written in another case (warned once per column and
        word), or None when the word is not in the vocabulary in any case."""
        folded = self._fold.get(name)
        spelling = folded.get(value.lower()) if folded is not None else None
        if spelling is None or spelling == value:
            return None
        if self.warn is not None:
            self.warn(
                self.file,
                f"read as {spelling!r}, as OneRoster spells it",
                line,
                name,
                value,
                repeated=(self.file, name, value),
            )
        return spelling


def _warn_columns(ctx: RunContext, file_spec: FileSpec, csv_file: CsvFile) -> None:
    """One warning per column read under the binding's spelling, one listing the columns ignored."""
    for written, spelling in csv_file.renamed:
        ctx.warn(file_spec.name, f"is read as {spelling}, as OneRoster spells this column", 1, written)
    if not csv_file.unknown:
        return
    names = [c.name for c in file_spec.columns]
    shown = []
    for name in csv_file.unknown:
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.8)
        shown.append(f"{name} (did you mean {close[0]}?)" if close else name)
    ctx.warn(
        file_spec.name,
        f"has {'a column' if len(shown) == 1 else 'columns'} OneRoster does not define, ignored: "
        + ", ".join(shown)
        + " (vendor columns may be named ext_…, ext.… or metadata.…)",
        1,
        csv_file.unknown[0],
    )


def read_file(ctx: RunContext, file_spec: FileSpec) -> Iterator[tuple[int, Values, bool]]:
    """Stream one file of the set as (line, checked values, row is free of problems); nothing when the file
    is not in the set or cannot be read (its problems are recorded)."""
    if not ctx.manifest.present(file_spec.key) or file_spec.name not in ctx.source.sizes:
        return
    stage = f"checking {file_spec.name}"
    size = ctx.source.sizes[file_spec.name]

    def report(done: int, total: int) -> None:
        ctx.progress(stage, done, total)

    report(0, size)
    with ctx.source.open(file_spec.name) as stream:
        csv_file = CsvFile(
            file_spec.name,
            stream,
            ctx.problems,
            required=file_spec.required_columns,
            known=tuple(c.name for c in file_spec.columns),
            size=size,
            progress=report,
        )
        if csv_file.header is None:
            ctx.unreadable.add(file_spec.key)
            return
        _warn_columns(ctx, file_spec, csv_file)
        checker = RowChecker(
            file_spec, csv_file.header, ctx.problems, delta=ctx.manifest.mode(file_spec.key) == "delta", warn=ctx.warn
        )
        ctx.state[f"header:{file_spec.key}"] = set(csv_file.header.names)
        check = checker.check
        for line, row in csv_file.rows():
            values, ok = check(line, row)
            yield line, values, ok
