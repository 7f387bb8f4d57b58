"""A school's final report on an initiative (seed 000): its end-point Global Best Practices scores, its completed
Implementation Grid, and its answers to three short-answer questions — on a page and as a PDF.

Invariants:
- The questions are the report's own, word for word but for the network's name (``questions``).
- The answers are one row per school and initiative; the school's initiative is the newest one it joined a cohort
  of. Its school leaders and leadership team write them; whoever reads its programs pages reads them.
- The end-point scores are those of the latest administration labelled "End-point" (without regard to case),
  else of the latest administration; every dimension of its edition is listed, rated or not.
- The PDF is typeset by ``printing.typeset`` from plain, already formatted data: what people typed prints as
  written. It names no student.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from proficio.accounts.models import Role, User
from proficio.printing.typeset import typeset
from proficio.programs import gbp_records
from proficio.programs.access import network_of
from proficio.programs.models import (
    FinalReportAnswers,
    GbpAdministration,
    GbpDimension,
    GridActivity,
    GridStatus,
    Initiative,
)
from proficio.roster.models import Network, School

TEMPLATE = "programs_final_report.typ"
ANSWER_FIELDS = ("most_valuable", "next_steps", "continued_support")


def questions(network: Network) -> list[tuple[str, str]]:
    """The report's three questions (answer field, question), word for word but for the network's own name in
    the third, where seed 000 names its league."""
    return [
        ("most_valuable", "What was the most valuable aspect of this initiative?"),
        (
            "next_steps",
            "What are your anticipated next steps to further support the implementation of personalized learning "
            "in your school?",
        ),
        ("continued_support", f"How can {network.name} continue to support your continued school improvement?"),
    ]


def may_write(user: User, school: School) -> bool:
    """The school's leaders and leadership team answer (reading is programs.access's)."""
    roles = (Role.SCHOOL_LEADER, Role.LEADERSHIP_TEAM)
    return user.memberships.active().filter(role__in=roles, school=school).exists()


def school_initiative(school: School) -> Initiative | None:
    """The newest initiative the school joined a cohort of."""
    return (
        Initiative.objects.filter(cohorts__memberships__school=school).order_by("-started_on", "-pk").distinct().first()
    )


def answers_for(school: School, initiative: Initiative) -> FinalReportAnswers | None:
    return FinalReportAnswers.objects.filter(school=school, initiative=initiative).select_related("updated_by").first()


def save_answers(*, school: School, initiative: Initiative, user: User, answers: dict[str, str]) -> FinalReportAnswers:
    fields = {name: answers.get(name, "").strip() for name in ANSWER_FIELDS}
    saved, _ = FinalReportAnswers.objects.update_or_create(
        school=school,
        initiative=initiative,
        defaults={**fields, "updated_by": user, "updated_at": timezone.now()},
    )
    return saved


def end_point(school: School) -> GbpAdministration | None:
    """The latest administration labelled End-point, else the latest."""
    administrations = GbpAdministration.objects.filter(school=school).select_related("edition")
    latest = administrations.order_by("-taken_on", "-pk")
    labelled = latest.filter(label__iexact=gbp_records.END_POINT).first()
    return labelled or latest.first()


@dataclass(frozen=True)
class ScoreLine:
    code: str
    title: str
    strand: str
    level: int | None


def score_lines(administration: GbpAdministration) -> list[ScoreLine]:
    levels = gbp_records.ratings([administration.pk])[administration.pk]
    dimensions = GbpDimension.objects.filter(strand__edition=administration.edition_id).select_related("strand")
    ordered = sorted(dimensions, key=lambda d: (d.strand.position, gbp_records.code_key(d.code)))
    return [ScoreLine(d.code, d.title, d.strand.title, levels.get(d.code)) for d in ordered]


@dataclass(frozen=True)
class GridLine:
    number: int
    criterion: str
    change: str
    status: str
    benchmark: str
    evidence: str


def grid_lines(school: School) -> list[GridLine]:
    """Every activity of the school's network with its status ("Not started" without one)."""
    statuses = {s.activity_id: s for s in GridStatus.objects.filter(school=school)}
    lines = []
    for activity in GridActivity.objects.filter(network__districts=school.district_id):
        status = statuses.get(activity.pk)
        lines.append(
            GridLine(
                activity.number,
                activity.criterion,
                activity.get_change_display().split(":")[0],
                status.get_status_display() if status else GridStatus.Status.NOT_STARTED.label,
                status.benchmark if status else "",
                status.evidence if status else "",
            )
        )
    return lines


def document(*, school: School, initiative: Initiative | None, today: date) -> dict[str, Any]:
    """The report as plain data for ``printing/typst/programs_final_report.typ``."""
    administration = end_point(school)
    answers = answers_for(school, initiative) if initiative else None
    grid = grid_lines(school)
    complete = sum(1 for line in grid if line.status == GridStatus.Status.COMPLETE.label)
    applicable = sum(1 for line in grid if line.status != GridStatus.Status.NOT_APPLICABLE.label)
    return {
        "title": f"Final report: {school.name}",
        "school": school.name,
        "initiative": initiative.name if initiative else "",
        "printed": f"Printed {today:%-d %B %Y}",
        "gbp_heading": "Global Best Practices self-assessment",
        "gbp_note": (
            f"{administration.label}, {administration.taken_on:%-d %B %Y} ({administration.edition.name}; levels "
            f"1 to {administration.edition.levels})"
            if administration
            else "No self-assessment has been recorded."
        ),
        "scores": [
            [line.code, line.title, str(line.level) if line.level is not None else "not rated"]
            for line in (score_lines(administration) if administration else [])
        ],
        "grid_heading": "Implementation Grid",
        "grid_note": f"{complete} of the {applicable} activities that apply to the school are complete.",
        "grid": [
            [f"({line.number})", line.criterion, line.change, line.status, line.benchmark, line.evidence]
            for line in grid
        ],
        "answers_heading": "Short-answer questions",
        "answers": [
            [question, (getattr(answers, name) if answers else "") or "Not answered yet."]
            for name, question in questions(network_of(school))
        ],
    }


def final_report_pdf(*, school: School, initiative: Initiative | None, today: date) -> bytes:
    return typeset(TEMPLATE, document(school=school, initiative=initiative, today=today))
