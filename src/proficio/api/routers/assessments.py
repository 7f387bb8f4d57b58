"""Assessments in the sections the caller may read; created only by the section's teachers and aides.

Creation goes through the web app's own form (``evidence.forms.AssessmentForm``) and service
(``create_assessment``), so the API accepts exactly what the assessment page accepts: indicators of the
section's framework and content area, work habits never mixed with academic indicators, a retake in the
same course and not before the original.
"""

from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from proficio.api.errors import responses
from proficio.api.fields import Id, IsoDate, RefId, Text, path_id
from proficio.api.pagination import LimitOffset
from proficio.api.scope import get_or_404, user_of
from proficio.evidence.forms import AssessmentForm
from proficio.evidence.models import Assessment
from proficio.evidence.services import create_assessment
from proficio.roster.models import Section

router = Router(tags=["assessments"])


class AssessmentOut(Schema):
    id: int
    section_id: int
    title: str
    kind: str = Field(description="formative or summative; only summative evidence counts toward proficiency.")
    assessed_on: date
    description: str
    indicator_ids: list[int]
    retake_of_id: int | None
    retaker_ids: list[int] = Field(description="For a retake: who retakes it. Empty means the whole section.")
    created_by_id: int | None
    created_at: datetime

    @staticmethod
    def resolve_indicator_ids(assessment: Assessment) -> list[int]:
        return sorted(indicator.pk for indicator in assessment.indicators.all())

    @staticmethod
    def resolve_retaker_ids(assessment: Assessment) -> list[int]:
        return sorted(student.pk for student in assessment.retakers.all())


class AssessmentIn(Schema):
    section: RefId = Field(description="A section you teach.")
    title: Text = Field(min_length=1, max_length=200)
    kind: Assessment.Kind
    assessed_on: IsoDate
    description: Text = Field("", max_length=10_000)
    indicators: list[RefId] = Field(min_length=1, max_length=200, description="Indicators this task evidences.")
    retake_of: RefId | None = Field(None, description="The assessment of the same course this one re-assesses.")
    retakers: list[RefId] = Field(default_factory=list, max_length=2_000, description="Students who retake it.")


class AssessmentFilter(FilterSchema):
    section: Annotated[Id | None, FilterLookup("section_id")] = Field(
        None, description="Only this section's assessments."
    )
    kind: Annotated[Assessment.Kind | None, FilterLookup("kind")] = Field(None)
    indicator: Annotated[Id | None, FilterLookup("indicators")] = Field(
        None, description="Only assessments aligned to this indicator."
    )


def _readable(request: HttpRequest) -> QuerySet[Assessment]:
    return Assessment.objects.for_user(user_of(request)).prefetch_related("indicators", "retakers")


@router.get("", response=responses({200: list[AssessmentOut]}))
@paginate(LimitOffset)
def list_assessments(request: HttpRequest, filters: Query[AssessmentFilter]) -> QuerySet[Assessment]:
    return filters.filter(_readable(request)).order_by("section_id", "assessed_on", "pk").distinct()


@router.get("/{assessment_id}", response=responses({200: AssessmentOut}))
def get_assessment(request: HttpRequest, assessment_id: int = path_id()) -> Assessment:
    return get_or_404(_readable(request), assessment_id, "assessment")


def _form_data(payload: AssessmentIn) -> dict[str, Any]:
    return {
        "title": payload.title,
        "kind": payload.kind.value,
        "assessed_on": payload.assessed_on.isoformat(),
        "description": payload.description,
        "indicators": [str(pk) for pk in payload.indicators],
        "retake_of": str(payload.retake_of or ""),
        "retakers": [str(pk) for pk in payload.retakers],
    }


@router.post("", response=responses({201: AssessmentOut}, write=True))
def create(request: HttpRequest, payload: AssessmentIn) -> Status[Assessment]:
    """Give a section a new assessment. Only the section's teachers and aides may; anyone else gets a 404."""
    user = user_of(request)
    taught = Section.objects.taught_by(user).select_related("course__school")
    section = get_or_404(taught, payload.section, "section you teach")
    form = AssessmentForm(_form_data(payload), section=section, user=user)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    (assessment, *_copies) = create_assessment(
        section=section, created_by=user, fields=form.cleaned_data, indicators=form.cleaned_data["indicators"]
    )
    return Status(201, _readable(request).get(pk=assessment.pk))
