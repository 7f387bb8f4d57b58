"""Graduation frameworks of the caller's district, with the proficiency scales they are scored on.

Frameworks are shared within a district, so anyone who belongs to it (staff, coaches, students, guardians
of its students) reads them; nobody reads another district's.
"""

from typing import Annotated
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from proficio.api.errors import responses
from proficio.api.fields import path_id
from proficio.api.pagination import LimitOffset
from proficio.api.scope import get_or_404, user_of
from proficio.standards.models import Framework

router = Router(tags=["frameworks"])


class LevelOut(Schema):
    value: float = Field(description="The number a score takes at this level.")
    label: str
    description: str
    is_threshold: bool = Field(description="The lowest level that counts as proficient.")


class ScaleOut(Schema):
    id: int
    name: str
    purpose: str
    levels: list[LevelOut]

    @staticmethod
    def resolve_levels(scale: object) -> object:
        return list(scale.levels.all())  # type: ignore[attr-defined]


class FrameworkOut(Schema):
    id: int
    title: str
    version: int
    lineage: UUID = Field(description="Shared by every version of the same framework.")
    is_current: bool
    district_id: int | None
    identifier: str = Field(description="The CASE CFDocument identifier, when imported.")
    description: str
    scale: ScaleOut
    work_habit_scale: ScaleOut | None


class FrameworkFilter(FilterSchema):
    current: Annotated[bool | None, FilterLookup("is_current")] = Field(
        None, description="Only the versions schools use now (true)."
    )


@router.get("", response=responses({200: list[FrameworkOut]}))
@paginate(LimitOffset)
def list_frameworks(request: HttpRequest, filters: Query[FrameworkFilter]) -> QuerySet[Framework]:
    frameworks = Framework.objects.for_user(user_of(request)).select_related("scale", "work_habit_scale")
    return filters.filter(
        frameworks.prefetch_related("scale__levels", "work_habit_scale__levels").order_by("title", "-version", "pk")
    )


@router.get("/{framework_id}", response=responses({200: FrameworkOut}))
def get_framework(request: HttpRequest, framework_id: int = path_id()) -> Framework:
    readable = Framework.objects.for_user(user_of(request)).select_related("scale", "work_habit_scale")
    return get_or_404(readable, framework_id, "framework")
