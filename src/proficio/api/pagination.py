"""Limit/offset pages with the total, so a client knows how many requests remain without asking for them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from proficio.api.reads import audit_reads

MAX_LIMIT = 200
MAX_OFFSET = 1_000_000_000
"""Beyond any real table, and well inside every database's integer range."""


class LimitOffset(PaginationBase):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"Items per page, 1–{MAX_LIMIT}.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")

    class Output(Schema):
        items: list[Any]
        total: int = Field(description="Items matching the filters, across every page.")
        limit: int
        offset: int

    items_attribute = "items"

    def __init__(self, *, max_limit: int = MAX_LIMIT, **kwargs: Any) -> None:
        """``max_limit`` lowers the page size for expensive items; a larger ``limit`` is served, clamped."""
        super().__init__(**kwargs)
        self.max_limit = max_limit

    def paginate_queryset(self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any) -> Any:
        offset, limit = pagination.offset, min(pagination.limit, self.max_limit)
        items = list(queryset[offset : offset + limit])
        audit_reads(request, items)
        return {
            "items": items,
            "total": queryset.count(),
            "limit": limit,
            "offset": offset,
        }
