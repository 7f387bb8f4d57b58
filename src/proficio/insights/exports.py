"""The insights pages' CSV downloads: one response shape (UTF-8, never cached) and one way to write a share."""

from __future__ import annotations

import csv
from typing import Any

from django.http import HttpResponse


def csv_response(name: str) -> tuple[HttpResponse, Any]:
    """An attachment called ``name`` and a ``csv.writer`` on it; exports name students, so no cache keeps them."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response, csv.writer(response)


def percent(share: float | None) -> str:
    return "" if share is None else f"{share * 100:.0f}%"
