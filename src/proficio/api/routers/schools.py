"""Schools the caller may see: their district's (district admins) or the ones they belong to."""

from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from proficio.api.errors import responses
from proficio.api.fields import Id, path_id
from proficio.api.pagination import LimitOffset
from proficio.api.scope import get_or_404, user_of
from proficio.roster.models import School

router = Router(tags=["schools"])


class SchoolOut(Schema):
    id: int
    name: str
    district_id: int
    identifier: str
    lowest_grade: int
    highest_grade: int
    grade_span: str


class SchoolFilter(FilterSchema):
    district: Annotated[Id | None, FilterLookup("district_id")] = Field(
        None, description="Only this district's schools."
    )


@router.get("", response=responses({200: list[SchoolOut]}))
@paginate(LimitOffset)
def list_schools(request: HttpRequest, filters: Query[SchoolFilter]) -> QuerySet[School]:
    return filters.filter(School.objects.for_user(user_of(request)).order_by("name", "pk"))


@router.get("/{school_id}", response=responses({200: SchoolOut}))
def get_school(request: HttpRequest, school_id: int = path_id()) -> School:
    return get_or_404(School.objects.for_user(user_of(request)), school_id, "school")
