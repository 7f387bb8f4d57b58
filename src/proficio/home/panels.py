"""Which panels a user's home page shows: one per role they hold, in a fixed order, each with its view model.

The apps that own the data build the pieces (``roster.panels``, ``standards.panels``, ``evidence.panels``,
``proficiency.panels``, ``learners.panels``, ``progress.panels``); this module only picks them per role and puts
together the panels that combine several apps. It sits above every app it reads, and nothing imports it but
the home view: the lower apps never learn that a home page exists.

Each piece reads only what its reader may see: sections through ``taught_by``, students and requests through
``for_user``, and schools and districts through the user's own active memberships.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from proficio.accounts.models import Role, User
from proficio.evidence.panels import SectionRow, WaitingAssessment, section_rows, summative_count, waiting_to_be_scored
from proficio.learners.models import AssessmentRequest
from proficio.learners.panels import advisor_panel, pending_requests
from proficio.proficiency.panels import AttentionRow, MissingEvidence, missing_evidence, standards_needing_attention
from proficio.programs.panels import network_panel, school_work_panel
from proficio.progress.panels import guardian_panel, student_detail
from proficio.roster.models import District, Section
from proficio.roster.panels import SchoolRow, SchoolSummary, district_schools, school_summary
from proficio.standards.panels import FrameworkRow, adopted_frameworks


@dataclass(frozen=True)
class Panel:
    """One role's part of the page: its heading, the template that draws it and that template's view model."""

    role: str
    title: str
    template: str
    data: object


@dataclass(frozen=True)
class DistrictRow:
    district: District
    schools: list[SchoolRow]
    frameworks: list[FrameworkRow]


@dataclass(frozen=True)
class DistrictPanel:
    districts: list[DistrictRow] = field(default_factory=list)


@dataclass(frozen=True)
class SchoolCard:
    summary: SchoolSummary
    summative_count: int


@dataclass(frozen=True)
class SchoolPanel:
    """The schools a leader leads (``leads``) or a coach coaches; a coach sees figures, never students."""

    cards: list[SchoolCard]
    leads: bool

    @property
    def can_import_frameworks(self) -> bool:
        return self.leads


@dataclass(frozen=True)
class TeacherPanel:
    sections: list[SectionRow]
    to_score: list[WaitingAssessment]
    standards: list[AttentionRow]
    gaps: MissingEvidence
    requests: list[AssessmentRequest]


def roles_of(user: User) -> set[str]:
    """The roles of the user's active memberships, and student or guardian when they have that profile."""
    roles = set(user.memberships.active().values_list("role", flat=True))
    if hasattr(user, "student_profile"):
        roles.add(Role.STUDENT)
    if hasattr(user, "guardian_profile"):
        roles.add(Role.GUARDIAN)
    return roles


def district_panel(user: User) -> DistrictPanel:
    memberships = user.memberships.active().filter(role=Role.DISTRICT_ADMIN)
    districts = [m.district for m in memberships if m.district is not None]
    return DistrictPanel(
        [DistrictRow(district, district_schools(district), adopted_frameworks(district)) for district in districts]
    )


def school_panel(user: User, role: str) -> SchoolPanel:
    """The user's schools in ``role``: a school leader's are named (students may be shown), a coach's are not."""
    leads = role == Role.SCHOOL_LEADER
    memberships = user.memberships.active().filter(role=role).select_related("school")
    schools = [m.school for m in memberships if m.school is not None]
    cards = [SchoolCard(school_summary(school, named=leads), summative_count(school)) for school in schools]
    return SchoolPanel(cards, leads)


def teacher_panel(user: User) -> TeacherPanel:
    # pk__in rather than a join on enrollments, so the student counts are not limited to this teacher.
    taught = Section.objects.taught_by(user)
    return TeacherPanel(
        sections=section_rows(taught),
        to_score=waiting_to_be_scored(taught),
        standards=standards_needing_attention(taught),
        gaps=missing_evidence(taught),
        requests=pending_requests(user, taught),
    )


def panels_for(user: User) -> list[Panel]:
    """The user's panels, in the order of the roles below; empty for someone with no role yet."""
    roles = roles_of(user)
    panels: list[Panel] = []
    if Role.NETWORK_STAFF in roles:
        panels.append(Panel(Role.NETWORK_STAFF, "Your network", "programs/panels/network.html", network_panel(user)))
    if Role.DISTRICT_ADMIN in roles:
        panels.append(Panel(Role.DISTRICT_ADMIN, "Your district", "home/panels/district.html", district_panel(user)))
    for role, title in [(Role.SCHOOL_LEADER, "Your school"), (Role.COACH, "Schools you coach")]:
        if role in roles:
            panels.append(Panel(role, title, "home/panels/school.html", school_panel(user, role)))
    # The improvement work of a school in a network: its leadership team's and leaders' (once per school), its
    # coaches'.
    work_roles = [
        ("team", "Your school's improvement work", (Role.LEADERSHIP_TEAM, Role.SCHOOL_LEADER)),
        ("coaching", "Your coaching", (Role.COACH,)),
    ]
    for key, title, held in work_roles:
        if roles & set(held):
            work = school_work_panel(user, held)
            if work.cards:
                panels.append(Panel(key, title, "programs/panels/school_work.html", work))
    if Role.TEACHER in roles:
        panels.append(Panel(Role.TEACHER, "Your sections", "home/panels/teacher.html", teacher_panel(user)))
    if Role.ADVISOR in roles:
        panels.append(Panel(Role.ADVISOR, "Your advisees", "learners/panels/advisor.html", advisor_panel(user)))
    if Role.STUDENT in roles:
        detail = student_detail(user.student_profile)
        panels.append(Panel(Role.STUDENT, _("Your learning"), "progress/panels/student.html", detail))
    if Role.GUARDIAN in roles:
        panels.append(Panel(Role.GUARDIAN, _("Your children"), "progress/panels/guardian.html", guardian_panel(user)))
    return panels
