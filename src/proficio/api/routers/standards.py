"""Graduation standards (cross-curricular, content-area, work habit) of the frameworks the caller reads."""

from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from proficio.api.errors import responses
from proficio.api.fields import Id, path_id
from proficio.api.pagination import LimitOffset
from proficio.api.scope import get_or_404, user_of
from proficio.standards.models import Standard

router = Router(tags=["frameworks"])


class StandardOut(Schema):
    id: int
    framework_id: int
    code: str
    title: str
    statement: str
    kind: str = Field(description="cross_curricular, content_area or work_habit.")
    content_area: str
    required_for_graduation: bool
    position: int
    identifier: str
    indicator_ids: list[int]

    @staticmethod
    def resolve_indicator_ids(standard: Standard) -> list[int]:
        return [indicator.pk for indicator in standard.indicators.all()]


class StandardFilter(FilterSchema):
    framework: Annotated[Id | None, FilterLookup("framework_id")] = Field(
        None, description="Only this framework's standards."
    )
    kind: Annotated[Standard.Kind | None, FilterLookup("kind")] = Field(
        None, description="Only standards of this kind."
    )


@router.get("", response=responses({200: list[StandardOut]}))
@paginate(LimitOffset)
def list_standards(request: HttpRequest, filters: Query[StandardFilter]) -> QuerySet[Standard]:
    standards = Standard.objects.for_user(user_of(request)).prefetch_related("indicators")
    return filters.filter(standards.order_by("framework_id", "position", "code", "pk"))


@router.get("/{standard_id}", response=responses({200: StandardOut}))
def get_standard(request: HttpRequest, standard_id: int = path_id()) -> Standard:
    return get_or_404(Standard.objects.for_user(user_of(request)), standard_id, "standard")
