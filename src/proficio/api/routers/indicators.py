"""Performance indicators — what scores are given on — with their learning objectives and scoring criteria."""

from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from proficio.api.errors import responses
from proficio.api.fields import Id, path_id
from proficio.api.pagination import LimitOffset
from proficio.api.scope import get_or_404, user_of
from proficio.standards.models import PerformanceIndicator, ScoringCriterion

router = Router(tags=["frameworks"])


class ObjectiveOut(Schema):
    id: int
    code: str
    statement: str


class CriterionOut(Schema):
    level: float = Field(description="The value of the scale level this criterion describes.")
    description: str

    @staticmethod
    def resolve_level(criterion: ScoringCriterion) -> float:
        return float(criterion.level.value)


class IndicatorOut(Schema):
    id: int
    standard_id: int
    framework_id: int
    code: str
    statement: str
    position: int
    identifier: str
    objectives: list[ObjectiveOut]
    criteria: list[CriterionOut]

    @staticmethod
    def resolve_framework_id(indicator: PerformanceIndicator) -> int:
        return indicator.standard.framework_id

    @staticmethod
    def resolve_objectives(indicator: PerformanceIndicator) -> list[object]:
        return list(indicator.objectives.all())

    @staticmethod
    def resolve_criteria(indicator: PerformanceIndicator) -> list[object]:
        return list(indicator.criteria.all())


class IndicatorFilter(FilterSchema):
    standard: Annotated[Id | None, FilterLookup("standard_id")] = Field(
        None, description="Only this standard's indicators."
    )
    framework: Annotated[Id | None, FilterLookup("standard__framework_id")] = Field(
        None, description="Only this framework's indicators."
    )


def _indicators(request: HttpRequest) -> QuerySet[PerformanceIndicator]:
    return (
        PerformanceIndicator.objects.for_user(user_of(request))
        .select_related("standard")
        .prefetch_related("objectives", "criteria__level")
    )


@router.get("", response=responses({200: list[IndicatorOut]}))
@paginate(LimitOffset)
def list_indicators(request: HttpRequest, filters: Query[IndicatorFilter]) -> QuerySet[PerformanceIndicator]:
    return filters.filter(
        _indicators(request).order_by("standard__framework_id", "standard__position", "position", "code", "pk")
    )


@router.get("/{indicator_id}", response=responses({200: IndicatorOut}))
def get_indicator(request: HttpRequest, indicator_id: int = path_id()) -> PerformanceIndicator:
    return get_or_404(_indicators(request), indicator_id, "indicator")
