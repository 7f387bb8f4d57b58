"""Proficiency results per student — indicator and standard levels — each with the engine's explanation.

Results are a cache derived from evidence and policy; the API only reads them. Each carries the sentence the
gradebook shows, from the same evidence, so a level never arrives without its reason. A student reading
their own results reads "your"; everyone else reads the student's name.
"""

from datetime import datetime
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from proficio.api.errors import responses
from proficio.api.fields import Id, path_id
from proficio.api.pagination import LimitOffset
from proficio.api.reads import audit_reads
from proficio.api.scope import get_or_404, user_of
from proficio.proficiency.explanations import indicator_explanation, standard_explanation
from proficio.proficiency.models import IndicatorResult, StandardResult
from proficio.standards.models import ScaleLevel

router = Router(tags=["results"])


class LevelRef(Schema):
    value: float
    label: str


def _level(level: ScaleLevel | None) -> dict[str, Any] | None:
    return None if level is None else {"value": float(level.value), "label": level.label}


def _plain(sentence: str) -> str:
    """The engine marks names for emphasis with asterisks (the web page makes them <em>); JSON has no use for them."""
    return sentence.replace("*", "")


def _for_student(result: IndicatorResult | StandardResult, context: dict[str, Any]) -> bool:
    return result.student.user_id == user_of(context["request"]).pk


class IndicatorResultOut(Schema):
    id: int
    student_id: int
    indicator_id: int
    framework_id: int
    value: float | None = Field(description="The calculation method's result; null when evidence is insufficient.")
    level: LevelRef | None
    is_proficient: bool
    evidence_count: int
    policy_version: int
    computed_at: datetime
    explanation: str = Field(description="Why the student has this level, in plain language.")

    @staticmethod
    def resolve_level(result: IndicatorResult) -> dict[str, Any] | None:
        return _level(result.level)

    @staticmethod
    def resolve_explanation(result: IndicatorResult, context: dict[str, Any]) -> str:
        explanation = indicator_explanation(result.student, result.indicator, for_student=_for_student(result, context))
        return _plain(explanation.sentence)


class StandardResultOut(Schema):
    id: int
    student_id: int
    standard_id: int
    framework_id: int
    value: float | None
    level: LevelRef | None
    is_proficient: bool
    indicators_assessed: int
    indicators_total: int
    indicators_proficient: int
    policy_version: int
    computed_at: datetime
    explanation: str = Field(description="Why the student has this level, in plain language.")

    @staticmethod
    def resolve_level(result: StandardResult) -> dict[str, Any] | None:
        return _level(result.level)

    @staticmethod
    def resolve_explanation(result: StandardResult, context: dict[str, Any]) -> str:
        explanation = standard_explanation(result.student, result.standard, for_student=_for_student(result, context))
        return _plain(explanation.sentence)


class IndicatorResultFilter(FilterSchema):
    student: Annotated[Id | None, FilterLookup("student_id")] = Field(None)
    indicator: Annotated[Id | None, FilterLookup("indicator_id")] = Field(None)
    standard: Annotated[Id | None, FilterLookup("indicator__standard_id")] = Field(None)
    framework: Annotated[Id | None, FilterLookup("framework_id")] = Field(None)
    proficient: Annotated[bool | None, FilterLookup("is_proficient")] = Field(None)


class StandardResultFilter(FilterSchema):
    student: Annotated[Id | None, FilterLookup("student_id")] = Field(None)
    standard: Annotated[Id | None, FilterLookup("standard_id")] = Field(None)
    framework: Annotated[Id | None, FilterLookup("framework_id")] = Field(None)
    proficient: Annotated[bool | None, FilterLookup("is_proficient")] = Field(None)


RESULTS_PER_PAGE = 100
"""Each result explains itself from its evidence, a few queries apiece, so a page holds fewer than elsewhere."""


def _indicator_results(request: HttpRequest) -> QuerySet[IndicatorResult]:
    return IndicatorResult.objects.for_user(user_of(request)).select_related(
        "student__user", "indicator__standard__framework__policy", "level"
    )


def _standard_results(request: HttpRequest) -> QuerySet[StandardResult]:
    return StandardResult.objects.for_user(user_of(request)).select_related("student__user", "standard", "level")


@router.get("/indicators", response=responses({200: list[IndicatorResultOut]}))
@paginate(LimitOffset, max_limit=RESULTS_PER_PAGE)
def list_indicator_results(request: HttpRequest, filters: Query[IndicatorResultFilter]) -> QuerySet[IndicatorResult]:
    """Indicator levels of the students the caller may see. Filter by ``student`` for one learner's record."""
    return filters.filter(_indicator_results(request)).order_by("student_id", "indicator_id")


@router.get("/indicators/{result_id}", response=responses({200: IndicatorResultOut}))
def get_indicator_result(request: HttpRequest, result_id: int = path_id()) -> IndicatorResult:
    result = get_or_404(_indicator_results(request), result_id, "result")
    audit_reads(request, [result])
    return result


@router.get("/standards", response=responses({200: list[StandardResultOut]}))
@paginate(LimitOffset, max_limit=RESULTS_PER_PAGE)
def list_standard_results(request: HttpRequest, filters: Query[StandardResultFilter]) -> QuerySet[StandardResult]:
    return filters.filter(_standard_results(request)).order_by("student_id", "standard_id")


@router.get("/standards/{result_id}", response=responses({200: StandardResultOut}))
def get_standard_result(request: HttpRequest, result_id: int = path_id()) -> StandardResult:
    result = get_or_404(_standard_results(request), result_id, "result")
    audit_reads(request, [result])
    return result
