"""Bytes to JSON: size limit, encoding and syntax, each refused with a located problem.

CASE packages are JSON, which RFC 8259 requires to be UTF-8. A UTF-8 byte-order mark is tolerated (some
Windows tools write one); UTF-16 and UTF-32 are refused with a plain explanation rather than guessed at,
because a wrongly guessed encoding would import garbled statements without any error.
"""

from __future__ import annotations

import codecs
import json
from typing import Any

from django.conf import settings

from proficio.interop.problems import ImportRefused, Problem

DEFAULT_MAX_BYTES = 200 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "PROFICIO_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def check_size(size: int, source: str) -> None:
    limit = max_bytes()
    if size > limit:
        raise ImportRefused(
            [
                Problem(
                    file=source,
                    message=f"the file is {size:,} bytes; the limit is {limit:,} bytes (PROFICIO_IMPORT_MAX_BYTES)",
                    where="whole file",
                    value=str(size),
                )
            ]
        )


_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16/32 by byte-order mark, or by the NUL bytes every ASCII character of such text carries."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return name
    head = data[:64]
    if len(head) >= 4 and head.count(0) >= len(head) // 4:
        return "UTF-32" if head[:4].count(0) == 3 else "UTF-16"
    return None


def decode(data: bytes, source: str) -> str:
    """The text of a CASE file, or ImportRefused naming the encoding problem and where it is."""
    check_size(len(data), source)
    wide = _wide_encoding(data)
    if wide:
        raise ImportRefused(
            [
                Problem(
                    file=source,
                    message=f"the file is encoded as {wide}; CASE JSON must be UTF-8 — save it as UTF-8 and try again",
                    line=1,
                    where="encoding",
                    value=wide,
                )
            ]
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise ImportRefused(
            [
                Problem(
                    file=source,
                    message=f"not valid UTF-8 at byte {error.start:,} ({error.reason}); CASE JSON must be UTF-8",
                    line=line,
                    column=str(column),
                    where=f"byte {error.start}",
                    value=data[error.start : error.start + 4].hex(" "),
                )
            ]
        ) from None


class _Constant(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _refuse_constant(name: str) -> Any:
    raise _Constant(name)


def parse(text: str, source: str) -> Any:
    """The JSON value in ``text``, or ImportRefused with the line and column of the syntax error."""
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        snippet = text[error.pos : error.pos + 30].split("\n", 1)[0]
        where = "end of file" if error.pos >= len(text.rstrip()) else f"character {error.pos}"
        raise ImportRefused(
            [
                Problem(
                    file=source,
                    message=f"not valid JSON: {error.msg}",
                    line=error.lineno,
                    column=str(error.colno),
                    where=where,
                    value=snippet,
                )
            ]
        ) from None
    except _Constant as error:
        offset = text.find(error.name)
        raise ImportRefused(
            [
                Problem(
                    file=source,
                    message=f"not valid JSON: {error.name} is not a JSON number",
                    line=text.count("\n", 0, max(offset, 0)) + 1,
                    where=f"character {max(offset, 0)}",
                    value=error.name,
                )
            ]
        ) from None
    except RecursionError:
        raise ImportRefused(
            [Problem(file=source, message="the JSON is nested too deeply to read", line=1, where="whole file")]
        ) from None
