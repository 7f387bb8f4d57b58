"""Input types shared by every router: ids within the database's integer range, and text that can be stored.

Bounding ids in the schema means an absurd id is a 422 that names the field, never an integer overflow in
the database. Text refuses NUL and other control characters and unpaired surrogates: PostgreSQL cannot
store NUL, and a surrogate cannot be encoded, so either would otherwise fail deep in a write.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from ninja import Path
from pydantic import AfterValidator, BeforeValidator, Field

MAX_ID = 2**63 - 1

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
"""An id in a path or query string (text there, so "12" is read as 12)."""

RefId = Annotated[int, Field(ge=1, le=MAX_ID, strict=True)]
"""An id in a JSON body: a JSON integer, never ``true``, ``1.0`` or ``"1"`` (``true`` would otherwise read as 1)."""


def _date_text(value: object) -> object:
    if not isinstance(value, str):
        raise ValueError("Send the date as text, YYYY-MM-DD.")
    return value


IsoDate = Annotated[date, BeforeValidator(_date_text)]
"""A date in a JSON body, as ``YYYY-MM-DD``: a bare number would otherwise be read as seconds since 1970."""

_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def _storable(value: str) -> str:
    if any((ch < " " and ch not in _ALLOWED_CONTROLS) or ch == "\x7f" for ch in value):
        raise ValueError("Text may not contain control characters.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError("Text must be valid Unicode.") from error
    return value


Text = Annotated[str, AfterValidator(_storable)]


def path_id() -> Any:
    """A path parameter that is a database id."""
    return Path(..., ge=1, le=MAX_ID)
