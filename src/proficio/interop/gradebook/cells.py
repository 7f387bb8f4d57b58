"""How values become CSV cells under the binding's rules, kept in one place so every file writes them alike."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

_LINE_BREAKS = re.compile(r"[\r\n]+")
_SCALE_SYNTAX = re.compile(r"[,{}:\r\n]+")
_SPACES = re.compile(r"\s{2,}")


def text(value: str | None) -> str:
    """Free text for a cell. The binding forbids carriage returns inside a field, so line breaks become spaces."""
    if not value:
        return ""
    return _LINE_BREAKS.sub(" ", value).strip()


def scale_text(label: str) -> str:
    """A level label as it appears in ``scoreScaleValue`` and in ``textScore``.

    ``scoreScaleValue`` is a comma-separated list of ``{lhs:rhs}`` pairs, so a label may not contain commas,
    braces or colons; they become spaces. ``textScore`` must align with the scale, so it uses this same form.
    """
    return _SPACES.sub(" ", _SCALE_SYNTAX.sub(" ", label)).strip()


def number(value: Decimal | float | int | None) -> str:
    """``3``, ``2.5``: no trailing zeros and never an exponent (``Decimal('10').normalize()`` is ``1E+1``)."""
    if value is None:
        return ""
    return f"{Decimal(str(value)).normalize():f}"


def day(value: date | datetime | None) -> str:
    """An ISO 8601 date; a timestamp is taken on the district's calendar (``TIME_ZONE``)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.isoformat()
