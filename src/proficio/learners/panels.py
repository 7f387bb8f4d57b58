"""What the learner records give the home page: the advisor's panel, and the "show what I know" requests
waiting in a teacher's sections.

Students and requests are read through ``for_user``, so a panel shows only what its reader may see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from proficio.accounts.models import User
from proficio.learners.models import AssessmentRequest
from proficio.learners.services import advisee_rows
from proficio.roster.models import Section, Student


@dataclass(frozen=True)
class AdvisorPanel:
    """The advisor's active advisees, each a row of ``learners.services.advisee_rows``."""

    advisees: list[dict[str, Any]] = field(default_factory=list)


def advisor_panel(user: User) -> AdvisorPanel:
    """Goals due soon or overdue, pace and standards below proficient, for each of the user's advisees."""
    advisees = (
        Student.objects.for_user(user)
        .filter(advisories__advisor=user, advisories__is_active=True)
        .select_related("user", "school")
    )
    return AdvisorPanel(advisee_rows(advisees))


def pending_requests(user: User, sections: QuerySet[Section], limit: int = 8) -> list[AssessmentRequest]:
    """Students' "show what I know" requests waiting for an answer in these sections, oldest first."""
    waiting = AssessmentRequest.objects.for_user(user).filter(
        section__in=sections, status=AssessmentRequest.Status.PENDING
    )
    return list(waiting.select_related("student__user", "indicator", "section").order_by("created_at", "pk")[:limit])
