"""The programs side of the authorization world: district A's network with one of every programs object.

District A belongs to "a network" (its school is in cohort 1 of the network's initiative); district B belongs
to "b network", whose staff (``network_staff_elsewhere``) must reach nothing of A's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from proficio.accounts.models import Membership, Role, User
from proficio.programs.models import (
    ActionPlan,
    ActionStep,
    ChangeStory,
    ClassroomVisit,
    CoachingSession,
    Cohort,
    CohortSchool,
    CompositeRanking,
    Event,
    EventAttendance,
    EventKind,
    FacultySharing,
    FinalReportAnswers,
    GbpAdministration,
    GbpDimension,
    GbpEdition,
    GbpScore,
    GbpStrand,
    GridActivity,
    Initiative,
    ObservedPractice,
    Phase,
    PhaseKind,
    Plg,
    PlgMeeting,
    SharedPractice,
    SiteVisit,
    StoryComposite,
)
from proficio.roster.models import Network
from tests.factories import World, make_user


def programs_users(a: World, b: World) -> dict[str, User]:
    """The programs roles: network staff of A's network and of B's, and a member of A's leadership team."""
    a.district.network = Network.objects.create(name="a network")
    a.district.save()
    b.district.network = Network.objects.create(name="b network")
    b.district.save()
    staff = make_user("a.network_staff")
    Membership.objects.create(user=staff, role=Role.NETWORK_STAFF, network=a.district.network)
    staff_elsewhere = make_user("b.network_staff")
    Membership.objects.create(user=staff_elsewhere, role=Role.NETWORK_STAFF, network=b.district.network)
    team = make_user("a.leadership_team")
    Membership.objects.create(user=team, role=Role.LEADERSHIP_TEAM, school=a.school)
    return {"network_staff": staff, "network_staff_elsewhere": staff_elsewhere, "leadership_team": team}


def programs_ids(a: World, *, coach: User, author: User) -> dict[str, object]:
    """One of every programs object in A's network, by the id names the routes use."""
    network = a.district.network
    assert network is not None
    school = a.school
    initiative = Initiative.objects.create(network=network, name="Personalized learning", started_on=date(2024, 8, 1))
    cohort = Cohort.objects.create(initiative=initiative, name="Cohort 1")
    CohortSchool.objects.create(cohort=cohort, school=school, joined_on=date(2024, 8, 1))
    Phase.objects.create(
        cohort=cohort,
        kind=PhaseKind.YEAR_1,
        starts_on=date(2025, 7, 1),
        ends_on=date(2026, 6, 30),
        grant_amount=Decimal(25000),
        coaching_days_min=60,
        coaching_days_max=60,
    )
    event = Event.objects.create(
        network=network, kind=EventKind.CELEBRATION, title="Celebration", held_on=date(2026, 5, 1)
    )
    EventAttendance.objects.create(event=event, school=school, attendees=3)
    edition = GbpEdition.objects.create(name="GBP 1st edition")
    strand = GbpStrand.objects.create(edition=edition, position=1, title="Teaching & Learning")
    dimension = GbpDimension.objects.create(strand=strand, code="1.1", title="Personalization", descriptors=["a"] * 4)
    administration = GbpAdministration.objects.create(
        school=school, edition=edition, label="Baseline", taken_on=date(2024, 9, 1)
    )
    GbpScore.objects.create(administration=administration, dimension=dimension, level=2)
    activity = GridActivity.objects.create(network=network, number=1, criterion="Bandwidth.", change="technical")
    plan = ActionPlan.objects.create(school=school, title="Year 1", school_year="2025-26")
    step = ActionStep.objects.create(
        plan=plan, action="Map the standards.", dimension=dimension, activity=activity, owner="x"
    )
    plg = Plg.objects.create(school=school, name="Grade 9 team", facilitator="T. Teacher")
    PlgMeeting.objects.create(plg=plg, met_on=date(2025, 10, 1), protocol="Tuning", attendance=5)
    practice = ObservedPractice.objects.create(network=network, position=1, title="Learning targets visible")
    visit = ClassroomVisit.objects.create(school=school, observer=author, visited_on=date(2025, 10, 2))
    visit.practices_seen.set([practice])
    FacultySharing.objects.create(school=school, shared_on=date(2025, 11, 1), how="Faculty meeting")
    composite = StoryComposite.objects.create(network=network, title="Vision + Mission")
    story = ChangeStory.objects.create(
        school=school,
        told_by="the principal",
        collected_on=date(2026, 4, 1),
        title="Shared vision",
        text="…",
        composite=composite,
    )
    CompositeRanking.objects.create(event=event, composite=composite, rank=1, votes=10)
    shared = SharedPractice.objects.create(
        network=network,
        title="Standards-based transcript",
        topic="Transcript design",
        description="…",
        source_school=school,
    )
    FinalReportAnswers.objects.create(school=school, initiative=initiative, most_valuable="Coaching.")
    return {
        "network_id": network.pk,
        "initiative_id": initiative.pk,
        "cohort_id": cohort.pk,
        "event_id": event.pk,
        "edition_id": edition.pk,
        "administration_id": administration.pk,
        "activity_id": activity.pk,
        "coaching_session_id": CoachingSession.objects.create(school=school, coach=coach, held_on=date(2025, 9, 9)).pk,
        "site_visit_id": SiteVisit.objects.create(
            school=school,
            visited_on=date(2025, 11, 3),
            team="A. Visitor\nB. Visitor",
            summary="…",
            shared_with_coach_at=timezone.now(),
            recorded_by=author,
        ).pk,
        "action_plan_id": plan.pk,
        "step_id": step.pk,
        "plg_id": plg.pk,
        "classroom_visit_id": visit.pk,
        "composite_id": composite.pk,
        "story_id": story.pk,
        "practice_id": shared.pk,
    }
