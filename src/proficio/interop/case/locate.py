"""Line numbers for JSON paths such as ``CFItems[12].fullStatement``.

The standard ``json`` module forgets where values were, so problems found after parsing would have no line.
Re-scanning the text token by token recovers the start of every value; it is done only when the first
problem needs a line, so a clean import pays nothing for it.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


def join(path: str, key: str | int) -> str:
    """``join("CFItems", 3)`` is ``CFItems[3]``; ``join("CFItems[3]", "uri")`` is ``CFItems[3].uri``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


@dataclass
class _Frame:
    is_object: bool
    path: str
    key: str = ""
    index: int = 0
    expect_key: bool = True


def value_offsets(text: str) -> dict[str, int]:
    """Character offset of every value in (already validated) JSON text, keyed by its path."""
    offsets: dict[str, int] = {}
    stack: list[_Frame] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        frame = stack[-1] if stack else None
        if frame is not None and frame.is_object and frame.expect_key:
            if first == '"':
                frame.key = json.loads(token)
                frame.expect_key = False
            elif first == "}":
                stack.pop()
            continue
        if first == ":":
            continue
        if first == ",":
            if frame is not None:
                if frame.is_object:
                    frame.expect_key = True
                else:
                    frame.index += 1
            continue
        if first in "}]":
            stack.pop()
            continue
        if frame is None:
            path = ""
        elif frame.is_object:
            path = join(frame.path, frame.key)
        else:
            path = join(frame.path, frame.index)
        offsets.setdefault(path, match.start())
        if first == "{":
            stack.append(_Frame(is_object=True, path=path))
        elif first == "[":
            stack.append(_Frame(is_object=False, path=path))
    return offsets


_PARENT = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")


@dataclass
class Locator:
    """Finds the 1-based line of a JSON path in the source text (0 when the text is unknown)."""

    text: str
    _offsets: dict[str, int] | None = field(default=None, init=False, repr=False)
    _newlines: list[int] | None = field(default=None, init=False, repr=False)

    def line_of(self, path: str) -> int:
        if not self.text:
            return 0
        if self._offsets is None:
            self._offsets = value_offsets(self.text)
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        assert self._newlines is not None
        while True:
            if path in self._offsets:
                return bisect.bisect_left(self._newlines, self._offsets[path]) + 1
            if not path:
                return 1
            shorter = _PARENT.sub("", path)
            path = "" if shorter == path else shorter
