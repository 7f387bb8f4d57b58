"""The Implementation Grid: the activities a network defines for its schools, and each school's status on each.

A network's initiative defines activities (seed 000 names 21; the report quotes 10 of them verbatim, which are
seeded, the rest are configured by the network). Each activity has its number, its criterion, whether it is a
technical or an adaptive change, and whether it applies to middle schools. A school's status on an activity is
complete, in progress, not started or not applicable, with the benchmark it is held to and the evidence in words;
every change is kept (history), so the grid tells how a school got there, not only where it is.

Invariant: one status per school and activity; its history holds every earlier one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from proficio.roster.models import Network, School


class ChangeKind(models.TextChoices):
    TECHNICAL = "technical", "Technical: a known solution, implemented"
    ADAPTIVE = "adaptive", "Adaptive: new behaviour from many people"


class GridActivity(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="grid_activities")
    number = models.PositiveSmallIntegerField()
    criterion = models.TextField()
    change = models.CharField(max_length=12, choices=ChangeKind.choices)
    applies_to_middle_schools = models.BooleanField(default=True)
    aligned_dimensions = models.CharField(
        max_length=200, blank=True, help_text="The Global Best Practices dimensions it serves, e.g. '1.2, 3.4'."
    )

    class Meta:
        ordering = ["network", "number"]
        verbose_name_plural = "grid activities"
        constraints = [models.UniqueConstraint(fields=["network", "number"], name="grid_activity_unique_number")]

    def __str__(self) -> str:
        return f"({self.number}) {self.criterion[:60]}"


class GridStatus(models.Model):
    class Status(models.TextChoices):
        COMPLETE = "complete", "Complete"
        IN_PROGRESS = "in_progress", "In progress"
        NOT_STARTED = "not_started", "Not started"
        NOT_APPLICABLE = "not_applicable", "Not applicable"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="grid_statuses")
    activity = models.ForeignKey(GridActivity, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    benchmark = models.TextField(blank=True, help_text="What 'complete' means here, for this school.")
    evidence = models.TextField(blank=True, help_text="The evidence for the status, in words.")
    is_priority = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["school", "activity"]
        verbose_name_plural = "grid statuses"
        constraints = [models.UniqueConstraint(fields=["school", "activity"], name="grid_status_unique")]

    def __str__(self) -> str:
        return f"{self.school} · {self.activity.number}: {self.get_status_display()}"


class GbpEdition(models.Model):
    """One edition of the Global Best Practices self-assessment: its strands and dimensions are data, so that an
    edition that adds dimensions (the 2nd adds two district ones) sits beside the first."""

    name = models.CharField(max_length=120, unique=True)
    levels = models.PositiveSmallIntegerField(default=4, help_text="The points of its continuum, 1 to this.")

    def __str__(self) -> str:
        return self.name


class GbpStrand(models.Model):
    edition = models.ForeignKey(GbpEdition, on_delete=models.CASCADE, related_name="strands")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=120)

    class Meta:
        ordering = ["edition", "position"]
        constraints = [models.UniqueConstraint(fields=["edition", "position"], name="gbp_strand_unique_position")]

    def __str__(self) -> str:
        return self.title


class GbpDimension(models.Model):
    strand = models.ForeignKey(GbpStrand, on_delete=models.CASCADE, related_name="dimensions")
    code = models.CharField(max_length=12, help_text="e.g. '1.3'")
    title = models.CharField(max_length=200)
    descriptors = models.JSONField(default=list, help_text="What practice looks like at each level, lowest first.")

    class Meta:
        ordering = ["strand", "code"]
        constraints = [models.UniqueConstraint(fields=["strand", "code"], name="gbp_dimension_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class GbpAdministration(models.Model):
    """A school's leadership team rating the school against an edition, at a named point (baseline, end-point…)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="gbp_administrations")
    edition = models.ForeignKey(GbpEdition, on_delete=models.PROTECT, related_name="administrations")
    label = models.CharField(max_length=60, help_text="e.g. 'Baseline' or 'End-point'.")
    taken_on = models.DateField()

    class Meta:
        ordering = ["school", "taken_on"]

    def __str__(self) -> str:
        return f"{self.school}: {self.label} ({self.taken_on})"


class GbpScore(models.Model):
    administration = models.ForeignKey(GbpAdministration, on_delete=models.CASCADE, related_name="scores")
    dimension = models.ForeignKey(GbpDimension, on_delete=models.PROTECT, related_name="scores")
    level = models.PositiveSmallIntegerField()
    evidence = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["administration", "dimension"], name="gbp_score_unique")]

    def __str__(self) -> str:
        return f"{self.administration} · {self.dimension.code}: {self.level}"


# --- The network layer: an initiative, its cohorts of schools, their phases of support, and its events. ---------


class Initiative(models.Model):
    """A network's funded initiative (seed 000: a personalized-learning initiative over an application year and two
    years of implementation), run with cohorts of member schools."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="initiatives")
    name = models.CharField(max_length=200)
    started_on = models.DateField()
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["network", "started_on"]
        constraints = [models.UniqueConstraint(fields=["network", "name"], name="initiative_unique_name")]

    def __str__(self) -> str:
        return self.name


class Cohort(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=80, help_text="e.g. 'Cohort 1'")
    schools = models.ManyToManyField(School, through="CohortSchool", related_name="program_cohorts")

    class Meta:
        ordering = ["initiative", "name"]
        constraints = [models.UniqueConstraint(fields=["initiative", "name"], name="cohort_unique_name")]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.name}"


class CohortSchool(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="cohort_memberships")
    joined_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cohort", "school"], name="cohort_school_unique")]

    def __str__(self) -> str:
        return f"{self.school} in {self.cohort}"


class PhaseKind(models.TextChoices):
    DESIGN = "design", "Design year"
    YEAR_1 = "year_1", "Implementation year 1"
    YEAR_2 = "year_2", "Implementation year 2"


class Phase(models.Model):
    """One phase of a cohort's support and what each of its schools is entitled to in it (seed 000, Table 1)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(max_length=12, choices=PhaseKind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    grant_amount = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    coaching_days_min = models.PositiveSmallIntegerField(default=0)
    coaching_days_max = models.PositiveSmallIntegerField(default=0, help_text="Equal to the minimum unless a range.")
    supports = models.JSONField(default=list, help_text="Institutes, meetings and events included, in words.")

    class Meta:
        ordering = ["cohort", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "kind"], name="phase_unique_kind"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="phase_ends_after"),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} · {self.get_kind_display()}"


class EventKind(models.TextChoices):
    INSTITUTE = "institute", "Institute"
    CONFERENCE = "conference", "Conference"
    FACILITATOR_TRAINING = "facilitator_training", "PLG facilitator training"
    PRINCIPALS_PLG = "principals_plg", "Principals' network (PLG) meeting"
    NETWORK_MEETING = "network_meeting", "Network meeting"
    CELEBRATION = "celebration", "Celebration event"


class Event(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="events")
    cohort = models.ForeignKey(Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    location = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["network", "held_on"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"


class EventAttendance(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="event_attendances")
    attendees = models.PositiveSmallIntegerField(default=1)
    names = models.TextField(blank=True, help_text="Who came, one per line (optional).")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "school"], name="event_attendance_unique")]

    def __str__(self) -> str:
        return f"{self.school} at {self.event}: {self.attendees}"


# --- Coaching: sessions against the days planned, site visits, action plans. -------------------------------------


class FocusArea(models.TextChoices):
    POLICY = "policy", "Policy"
    CAPACITY_BUILDING = "capacity_building", "Capacity building"
    COMMUNITY_ENGAGEMENT = "community_engagement", "Community engagement"


class CoachingSession(models.Model):
    """A coach's day (or part of one) with a school: what it focused on, notes and the teachers checked in with.
    The coach is the one assigned to the school (a coach membership of it)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="coaching_sessions")
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="coaching_sessions")
    held_on = models.DateField()
    days = models.DecimalField(max_digits=3, decimal_places=1, default=1)
    focus_areas = models.JSONField(default=list, help_text="FocusArea values.")
    notes = models.TextField(blank=True)
    teacher_check_ins = models.PositiveSmallIntegerField(default=0)
    check_in_notes = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["school", "-held_on"]
        constraints = [models.CheckConstraint(condition=models.Q(days__gt=0), name="coaching_session_days_positive")]

    def __str__(self) -> str:
        return f"{self.school} · {self.held_on} ({self.days} d)"


class SiteVisit(models.Model):
    """A visit by a team of at least two (seed 000: classroom observations, focus groups with students and
    teachers, conversations with leaders), whose summary is shared with the school's coach."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="site_visits")
    visited_on = models.DateField()
    team = models.TextField(help_text="The visiting team, one person per line: at least two.")
    observations = models.TextField(blank=True)
    focus_groups = models.TextField(blank=True)
    summary = models.TextField()
    shared_with_coach_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["school", "-visited_on"]

    def __str__(self) -> str:
        return f"{self.school} · site visit {self.visited_on}"

    @property
    def team_members(self) -> list[str]:
        return [line.strip() for line in self.team.splitlines() if line.strip()]


class ActionPlan(models.Model):
    """A school's plan for a school year, owned by its leadership team with its coach."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="action_plans")
    title = models.CharField(max_length=200)
    school_year = models.CharField(max_length=9, help_text="e.g. '2026-27'")
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["school", "-school_year"]
        constraints = [models.UniqueConstraint(fields=["school", "school_year"], name="action_plan_one_per_year")]

    def __str__(self) -> str:
        return f"{self.school}: {self.title} ({self.school_year})"


class ActionStep(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        UNDER_WAY = "under_way", "Under way"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="steps")
    action = models.TextField()
    dimension = models.ForeignKey(GbpDimension, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    activity = models.ForeignKey(GridActivity, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    owner = models.CharField(max_length=200, help_text="Who on the leadership team (or the coach) carries it.")
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    progress_note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "due_on", "pk"]

    def __str__(self) -> str:
        return self.action[:60]


# --- Professional learning groups, the classroom-visit tool, sharing results with the faculty. -------------------


class Plg(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="plgs")
    name = models.CharField(max_length=120)
    focus = models.TextField(blank=True)
    facilitator = models.CharField(max_length=200)
    facilitator_training = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The facilitator training the facilitator attended, if any.",
    )
    members = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["school", "name"]
        verbose_name = "PLG"

    def __str__(self) -> str:
        return self.name


class PlgMeeting(models.Model):
    plg = models.ForeignKey(Plg, on_delete=models.CASCADE, related_name="meetings")
    met_on = models.DateField()
    protocol = models.CharField(max_length=200, help_text="e.g. 'Tuning protocol', 'Looking at student work'.")
    artifacts = models.TextField(blank=True, help_text="What was looked at or produced, one per line.")
    attendance = models.PositiveSmallIntegerField(default=0)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["plg", "-met_on"]

    def __str__(self) -> str:
        return f"{self.plg} · {self.met_on}"


class ObservedPractice(models.Model):
    """A personalized-learning practice the network's classroom-visit tool looks for (configurable data)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="observed_practices")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    look_fors = models.TextField(blank=True, help_text="What a visitor would see or hear.")

    class Meta:
        ordering = ["network", "position"]
        constraints = [models.UniqueConstraint(fields=["network", "position"], name="observed_practice_position")]

    def __str__(self) -> str:
        return self.title


class ClassroomVisit(models.Model):
    """A short structured observation (about ten minutes): which practices were seen. Never names a student."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="classroom_visits")
    observer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    visited_on = models.DateField()
    context = models.CharField(max_length=120, blank=True, help_text="Grade and subject, e.g. 'Grade 10 science'.")
    minutes = models.PositiveSmallIntegerField(default=10)
    practices_seen = models.ManyToManyField(ObservedPractice, blank=True, related_name="visits")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["school", "-visited_on"]

    def __str__(self) -> str:
        return f"{self.school} · classroom visit {self.visited_on}"


class FacultySharing(models.Model):
    """The classroom-visit patterns shared with the whole faculty (the tool asks for at least twice a year)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="faculty_sharings")
    shared_on = models.DateField()
    how = models.CharField(max_length=200, help_text="e.g. 'Faculty meeting, patterns slide deck'.")

    class Meta:
        ordering = ["school", "-shared_on"]

    def __str__(self) -> str:
        return f"{self.school} · shared {self.shared_on}"


# --- Knowledge that outlasts people: change stories, shared practices, a school's final report. ------------------


class StoryComposite(models.Model):
    """Stories coded under one theme and consolidated into one composite story (seed 000's Appendix II)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="story_composites")
    title = models.CharField(max_length=120, help_text="The theme, e.g. 'Vision + Mission'.")
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["network", "title"]
        constraints = [models.UniqueConstraint(fields=["network", "title"], name="story_composite_unique_title")]

    def __str__(self) -> str:
        return self.title


class ChangeStory(models.Model):
    """A Most Significant Change story as told by someone at a school, and the composite it was coded into."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="change_stories")
    told_by = models.CharField(max_length=200, help_text="Who told it, by role: 'the principal', 'a teacher'.")
    collected_on = models.DateField()
    title = models.CharField(max_length=200)
    text = models.TextField()
    why_significant = models.TextField(blank=True)
    composite = models.ForeignKey(
        StoryComposite, on_delete=models.SET_NULL, null=True, blank=True, related_name="stories"
    )
    collected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["school", "-collected_on"]
        verbose_name_plural = "change stories"

    def __str__(self) -> str:
        return self.title


class CompositeRanking(models.Model):
    """Where an event's participants ranked a composite (1 = most significant), and the votes behind it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="composite_rankings")
    composite = models.ForeignKey(StoryComposite, on_delete=models.CASCADE, related_name="rankings")
    rank = models.PositiveSmallIntegerField()
    votes = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["event", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["event", "composite"], name="composite_ranking_once"),
            models.UniqueConstraint(fields=["event", "rank"], name="composite_ranking_unique_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.rank}. {self.composite}"


class SharedPractice(models.Model):
    """A practice one school worked out and others adopted (transcript design, intervention-block scheduling…)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="shared_practices")
    title = models.CharField(max_length=200)
    topic = models.CharField(max_length=120, help_text="e.g. 'Transcript design', 'Advisory time'.")
    description = models.TextField()
    source_school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="practices_shared")
    adopting_schools = models.ManyToManyField(School, blank=True, related_name="practices_adopted")
    materials = models.TextField(blank=True, help_text="Documents and links, one per line.")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["network", "title"]

    def __str__(self) -> str:
        return self.title


class FinalReportAnswers(models.Model):
    """A school's answers to the final report's three short-answer questions (``programs.final_report``)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="final_report_answers")
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="final_report_answers")
    most_valuable = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    continued_support = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "initiative"], name="final_report_once")]

    def __str__(self) -> str:
        return f"{self.school}: final report answers"
