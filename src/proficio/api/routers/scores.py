"""Scores: append-only evidence. Read for the students the caller may see; written by the section's teachers.

There is no PUT, PATCH or DELETE (django-ninja answers 405): a score is never changed. A correction is a new
score that supersedes the current one and says why (``POST /scores/{id}/corrections``). Both writes go
through ``evidence.services.save_score``, as the scoring screen's saves do, so the scale, alignment and
enrollment rules, the supersede chain, the guard against simultaneous saves and the recompute of results are
the web app's own; this module only translates its conflicts into 409s.
"""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from proficio.api.errors import Conflict, responses
from proficio.api.fields import Id, RefId, Text, path_id
from proficio.api.pagination import LimitOffset
from proficio.api.reads import audit_reads
from proficio.api.scope import correctable_scores, get_or_404, user_of
from proficio.evidence.models import Assessment, Score
from proficio.evidence.services import ScoreConflict, save_score
from proficio.roster.enrolled import section_student

router = Router(tags=["scores"])


class ScoreOut(Schema):
    id: int
    student_id: int
    indicator_id: int
    assessment_id: int | None
    outside_evidence_id: int | None
    value: float
    feedback: str
    scorer_id: int
    scorer_name: str
    scored_at: datetime
    supersedes_id: int | None = Field(description="The score this one corrects.")
    reason: str = Field(description="Why this score corrects the one it supersedes.")
    current: bool = Field(description="False once a correction supersedes this score.")

    @staticmethod
    def resolve_scorer_name(score: Score) -> str:
        return str(score.scorer)

    @staticmethod
    def resolve_current(score: Score) -> bool:
        return not getattr(score, "is_superseded", False)


class ScoreIn(Schema):
    assessment: RefId = Field(description="An assessment of a section you teach.")
    student: RefId = Field(description="A student who takes the assessment.")
    indicator: RefId = Field(description="An indicator aligned to the assessment.")
    value: Decimal = Field(max_digits=5, decimal_places=2, description="A level of the indicator's scale.")
    feedback: Text = Field("", max_length=10_000)


class CorrectionIn(Schema):
    value: Decimal = Field(max_digits=5, decimal_places=2, description="The corrected level.")
    reason: Text = Field(min_length=1, max_length=2_000, description="Why the earlier score was wrong.")
    feedback: Text = Field("", max_length=10_000, description="New feedback; the earlier feedback is kept if empty.")


class ScoreFilter(FilterSchema):
    assessment: Annotated[Id | None, FilterLookup("assessment_id")] = Field(None)
    student: Annotated[Id | None, FilterLookup("student_id")] = Field(None)
    indicator: Annotated[Id | None, FilterLookup("indicator_id")] = Field(None)
    current: bool | None = Field(None, description="true: only scores no correction has superseded.")

    def filter_current(self, value: bool | None) -> Q:
        if value is None:
            return Q()
        return Q(is_superseded=not value)


def _annotated(scores: QuerySet[Score]) -> QuerySet[Score]:
    superseded = Score.objects.filter(supersedes=OuterRef("pk"))
    return scores.select_related("scorer").annotate(is_superseded=Exists(superseded))


@router.get("", response=responses({200: list[ScoreOut]}))
@paginate(LimitOffset)
def list_scores(request: HttpRequest, filters: Query[ScoreFilter]) -> QuerySet[Score]:
    scores = _annotated(Score.objects.for_user(user_of(request)))
    return filters.filter(scores).order_by("student_id", "indicator_id", "scored_at", "pk")


@router.get("/{score_id}", response=responses({200: ScoreOut}))
def get_score(request: HttpRequest, score_id: int = path_id()) -> Score:
    score = get_or_404(_annotated(Score.objects.for_user(user_of(request))), score_id, "score")
    audit_reads(request, [score])
    return score


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: message})


@router.post("", response=responses({201: ScoreOut}, write=True))
def create_score(request: HttpRequest, payload: ScoreIn) -> Status[Score]:
    """Score one student on one indicator of an assessment, as the gradebook's scoring screen does.

    A slot that already has a score is a 409 naming the current score, also when another client scored it
    while this request ran: correct that score instead, with a reason.
    """
    user = user_of(request)
    assessments = Assessment.objects.taught_by(user).select_related("section")
    assessment = get_or_404(assessments, payload.assessment, "assessment you score")
    student = section_student(assessment.section, payload.student)
    if student is None or not assessment.takes_it(student):
        raise _invalid("student", "No such student takes this assessment.")
    indicator = assessment.indicators.filter(pk=payload.indicator).first()
    if indicator is None:
        raise _invalid("indicator", "No such indicator is aligned to this assessment.")
    try:
        saved = save_score(
            student=student,
            indicator=indicator,
            value=payload.value,
            scorer=user,
            assessment=assessment,
            feedback=payload.feedback,
            new_only=True,  # this endpoint never corrects: the client says so through /corrections
        )
    except ScoreConflict as conflict:
        raise Conflict(str(conflict), {"current": conflict.current.pk}) from None
    score = saved.score
    return Status(201, _annotated(Score.objects.all()).get(pk=score.pk))


@router.post("/{score_id}/corrections", response=responses({201: ScoreOut}, write=True))
def correct(request: HttpRequest, payload: CorrectionIn, score_id: int = path_id()) -> Status[Score]:
    """Supersede the current score with a corrected one. The earlier score stays, unchanged, as history.

    Only the current score of a slot can be corrected; correcting an older one is a 409 naming the current.
    """
    user = user_of(request)
    score = get_or_404(correctable_scores(user), score_id, "score you may correct")
    try:
        saved = save_score(
            student=score.student,
            indicator=score.indicator,
            assessment=score.assessment,
            outside_evidence=score.outside_evidence,
            value=payload.value,
            scorer=user,
            reason=payload.reason,
            feedback=payload.feedback,
            correcting=score,
        )
    except ScoreConflict as conflict:
        raise Conflict(str(conflict), {"current": conflict.current.pk}) from None
    return Status(201, _annotated(Score.objects.all()).get(pk=saved.score.pk))
