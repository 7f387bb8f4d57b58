"""The demo network's history: several schools in two cohorts of an initiative, with two years of its work.

The demo district's two schools are in cohort 1 (now in its second implementation year) beside a partner high
school; cohort 2 (now in its first implementation year) has three partner schools of other districts, which
have no students in the demo — a network's pages show their work, never their students. Everything is dated
from ``today``'s school year, so the history is always the last two years; the random choices are seeded, so a
demo is the same every time.

What is written follows seed 000: Table 1's phases and entitlements, the Implementation Grid (technical
activities completed more often than adaptive ones), coaching days against the plan, site visits by teams of
two, action plans, PLGs meeting about monthly, change stories coded into the report's six composites and
ranked at the spring conference, and practices shared between schools.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from proficio.accounts.models import Membership, Role, User
from proficio.programs import demo_texts as texts
from proficio.programs.classroom_visits import add_default_practices
from proficio.programs.gbp_edition_import import FIRST_EDITION, SECOND_EDITION, load_edition
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
    GridActivity,
    GridStatus,
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
from proficio.programs.school_years import school_year_of
from proficio.roster.models import District, Network, School


@dataclass(frozen=True)
class DemoNetwork:
    initiative: Initiative
    cohorts: list[Cohort]
    schools: list[School]
    usernames: dict[str, list[str]]


def write_network_history(*, network: Network, district: District, password: str, today: date) -> DemoNetwork:
    """Write the network's initiative, partner schools, people and two years of work."""
    rng = random.Random(18)
    year = school_year_of(today)
    own = list(School.objects.filter(district=district).order_by("-highest_grade", "name"))
    partners = _partner_schools(network)
    initiative = Initiative.objects.create(
        network=network,
        name="Personalized Learning Initiative",
        started_on=date(year - 2, 8, 1),
        description="Two cohorts of member schools, each with a design year and two years of implementation, "
        "with coaching, grants, institutes and a principals' network.",
    )
    first = _cohort(initiative, "Cohort 1", [*own, partners[0]], design_year=year - 2, days=(4, 60, (20, 30)))
    second = _cohort(initiative, "Cohort 2", partners[1:], design_year=year - 1, days=(4, 30, (40, 40)))
    schools = [*own, *partners]
    usernames = _people(network, own, partners, make_password(password))
    events = _events(network, first, second, year, today)
    _attendance(events, schools, rng, today)
    _grid(network, [first, second], year, today, rng)
    _coaching([first, second], today, rng)
    _site_visits(schools, year, usernames["network_staff"])
    _plgs(schools, year, today, rng)
    _stories(network, schools, events, year, rng)
    _practices(network, own, partners)
    _classroom_visits(network, schools, year, today, rng)
    _self_assessments([first, second], year, today, rng)
    write_action_plans(schools=schools, today=today)
    FinalReportAnswers.objects.create(
        school=own[0], initiative=initiative, most_valuable=texts.FINAL_ANSWERS[0], updated_at=timezone.now()
    )
    return DemoNetwork(initiative, [first, second], schools, usernames)


def _partner_schools(network: Network) -> list[School]:
    schools = []
    for district_name, school_name, low, high in texts.PARTNER_SCHOOLS:
        district, _ = District.objects.get_or_create(name=district_name, defaults={"network": network})
        schools.append(School.objects.create(district=district, name=school_name, lowest_grade=low, highest_grade=high))
    return schools


def _cohort(
    initiative: Initiative,
    name: str,
    schools: list[School],
    *,
    design_year: int,
    days: tuple[int, int, tuple[int, int]],
) -> Cohort:
    """A cohort and its three phases, with seed 000's Table 1 entitlements per school."""
    cohort = Cohort.objects.create(initiative=initiative, name=name)
    for school in schools:
        CohortSchool.objects.create(cohort=cohort, school=school, joined_on=date(design_year, 8, 1))
    design, year_1, (low, high) = days
    phases = [
        (PhaseKind.DESIGN, design, design, 0, ["Design Institute"]),
        (PhaseKind.YEAR_1, year_1, year_1, 25000, texts.YEAR_1_SUPPORTS),
        (PhaseKind.YEAR_2, low, high, 0, texts.YEAR_2_SUPPORTS),
    ]
    for offset, (kind, days_min, days_max, grant, supports) in enumerate(phases):
        Phase.objects.create(
            cohort=cohort,
            kind=kind,
            starts_on=date(design_year + offset, 7, 1),
            ends_on=date(design_year + offset + 1, 6, 30),
            grant_amount=Decimal(grant),
            coaching_days_min=days_min,
            coaching_days_max=days_max,
            supports=list(supports),
        )
    return cohort


def _user(username: str, first: str, last: str, password_hash: str) -> User:
    return User.objects.create(
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@league.example.org",
        password=password_hash,
    )


def _people(network: Network, own: list[School], partners: list[School], password_hash: str) -> dict[str, list[str]]:
    """Network staff, the partner schools' coaches and leaders, and leadership teams (teachers and a leader)."""
    staff = [_user(u, f, last, password_hash) for u, f, last in texts.NETWORK_STAFF]
    Membership.objects.bulk_create(Membership(user=u, role=Role.NETWORK_STAFF, network=network) for u in staff)
    for (username, first, last), coached in zip(texts.PARTNER_COACHES, (partners[:2], partners[2:]), strict=True):
        coach = _user(username, first, last, password_hash)
        Membership.objects.bulk_create(Membership(user=coach, role=Role.COACH, school=s) for s in coached)
    for school, (username, first, last) in zip(partners, texts.PARTNER_LEADERS, strict=True):
        leader = _user(username, first, last, password_hash)
        Membership.objects.create(user=leader, role=Role.SCHOOL_LEADER, school=school)
        Membership.objects.create(user=leader, role=Role.LEADERSHIP_TEAM, school=school)
    team: list[str] = []
    for school in own:  # two teachers and the first leader of each demo school sit on its leadership team
        teachers = User.objects.filter(memberships__school=school, memberships__role=Role.TEACHER).order_by("username")
        leaders = User.objects.filter(memberships__school=school, memberships__role=Role.SCHOOL_LEADER)
        members = [*teachers[:2], *leaders.order_by("username")[:1]]
        Membership.objects.bulk_create(Membership(user=u, role=Role.LEADERSHIP_TEAM, school=school) for u in members)
        team += [u.username for u in teachers[:2]]
    return {"network_staff": [u.username for u in staff], "leadership_team": team}


def _events(network: Network, first: Cohort, second: Cohort, year: int, today: date) -> list[Event]:
    """Institutes, conferences, facilitator trainings and the principals' network over the initiative's years."""
    rows: list[Event] = []
    for cohort, design_year in ((first, year - 2), (second, year - 1)):
        label = cohort.name
        rows += [
            Event(
                network=network,
                cohort=cohort,
                kind=EventKind.INSTITUTE,
                title=f"Design Institute ({label})",
                held_on=date(design_year, 8, 12),
                location="Lake Morey Resort",
            ),
            Event(
                network=network,
                cohort=cohort,
                kind=EventKind.FACILITATOR_TRAINING,
                title=f"PLG Facilitator Training ({label})",
                held_on=date(design_year + 1, 9, 24),
            ),
            Event(
                network=network,
                cohort=cohort,
                kind=EventKind.INSTITUTE,
                title=f"Teaching + Learning Institute ({label})",
                held_on=date(design_year + 2, 7, 14),
            ),
        ]
    for start in range(year - 2, year + 1):
        rows.append(
            Event(
                network=network,
                kind=EventKind.CONFERENCE,
                title=f"League Conference {start + 1}",
                held_on=date(start + 1, 3, 20),
                location="Burlington",
            )
        )
        for month in (10, 12, 2, 4):
            held = date(start + (month < 8), month, 8)
            rows.append(Event(network=network, kind=EventKind.PRINCIPALS_PLG, title="Principals' PLG", held_on=held))
    rows.append(
        Event(
            network=network,
            cohort=first,
            kind=EventKind.CELEBRATION,
            title="Celebration",
            held_on=date(year + 1, 5, 28),
        )
    )
    return Event.objects.bulk_create(sorted(rows, key=lambda e: e.held_on))


def _attendance(events: list[Event], schools: list[School], rng: random.Random, today: date) -> None:
    """Past events: each school of the event's cohort (or of the network) came, most of the time."""
    cohort_of = {cs.school_id: cs.cohort_id for cs in CohortSchool.objects.filter(school__in=schools)}
    rows = []
    for event in events:
        if event.held_on > today:
            continue
        for school in schools:
            if event.cohort_id not in (None, cohort_of[school.pk]) or rng.random() > 0.85:
                continue
            people = 1 if event.kind == EventKind.PRINCIPALS_PLG else rng.randint(2, 6)
            rows.append(EventAttendance(event=event, school=school, attendees=people))
    EventAttendance.objects.bulk_create(rows)


def _grid(network: Network, cohorts: list[Cohort], year: int, today: date, rng: random.Random) -> None:
    """Statuses by cohort progress, each activity completed by as many of a cohort's schools as seed 000's share at
    the end of the grant, scaled by how far the cohort has come: technical activities lead, adaptive ones lag."""
    activities = list(GridActivity.objects.filter(network=network))
    rows = []
    for cohort, progress in zip(cohorts, (0.85, 0.5), strict=True):
        schools = list(cohort.schools.order_by("pk"))
        leaders = {
            m.school_id: m.user
            for m in Membership.objects.filter(school__in=schools, role=Role.SCHOOL_LEADER).select_related("user")
        }
        for activity in activities:
            applicable = [s for s in schools if s.highest_grade >= 9 or activity.applies_to_middle_schools]
            share = texts.END_OF_GRANT_COMPLETION.get(activity.number, 0.6)
            done = {s.pk for s in rng.sample(applicable, k=round(share * progress * len(applicable)))}
            for school in schools:
                status = _status(school, activity, applicable=school in applicable, done=school.pk in done, rng=rng)
                status.updated_by = leaders.get(school.pk)
                rows.append(status)
    _grid_history(GridStatus.objects.bulk_create(rows), rng)


def _grid_history(statuses: list[GridStatus], rng: random.Random) -> None:
    """How each status got where it is (bulk writes skip simple-history): opened as not started when the school
    joined, then in progress some months before it was completed."""
    historical = GridStatus.history.model
    joined = dict(CohortSchool.objects.values_list("school_id", "joined_on"))
    rows = []
    fields = ("school_id", "activity_id", "benchmark", "evidence", "is_priority", "updated_by_id")
    for status in statuses:
        common = {name: getattr(status, name) for name in ("id", *fields)}
        opened = timezone.make_aware(datetime.combine(joined[status.school_id], datetime.min.time()))
        steps = [("+", GridStatus.Status.NOT_STARTED, opened)]
        if status.status == GridStatus.Status.COMPLETE:
            steps.append(("~", GridStatus.Status.IN_PROGRESS, status.updated_at - timedelta(days=rng.randint(60, 240))))
        if status.status != GridStatus.Status.NOT_STARTED:
            steps.append(("~", status.status, status.updated_at))
        rows += [
            historical(
                **common,
                status=value,
                updated_at=when,
                history_date=when,
                history_type=kind,
                history_user_id=status.updated_by_id,
            )
            for kind, value, when in steps
        ]
    historical.objects.bulk_create(rows)


def _status(school: School, activity: GridActivity, *, applicable: bool, done: bool, rng: random.Random) -> GridStatus:
    if not applicable:
        status = GridStatus.Status.NOT_APPLICABLE
    elif done:
        status = GridStatus.Status.COMPLETE
    else:
        status = GridStatus.Status.IN_PROGRESS if rng.random() < 0.7 else GridStatus.Status.NOT_STARTED
    benchmark, evidence = texts.GRID_TEXTS.get(activity.number, ("", ""))
    return GridStatus(
        school=school,
        activity=activity,
        status=status,
        benchmark=benchmark,
        evidence=evidence if status in (GridStatus.Status.COMPLETE, GridStatus.Status.IN_PROGRESS) else "",
        is_priority=status == GridStatus.Status.IN_PROGRESS and activity.change == "adaptive" and rng.random() < 0.5,
        updated_at=timezone.now() - timedelta(days=rng.randint(5, 200)),
    )


def _coaching(cohorts: list[Cohort], today: date, rng: random.Random) -> None:
    """Sessions through each past or current phase: most of the plan used, one school behind in the current."""
    rows = []
    for cohort in cohorts:
        for index, school in enumerate(cohort.schools.order_by("pk")):
            coach = User.objects.filter(memberships__role=Role.COACH, memberships__school=school).first()
            if coach is None:
                continue
            for phase in cohort.phases.filter(starts_on__lte=today):
                rows += _phase_sessions(school, coach, phase, today, rng, behind=index == 1)
    CoachingSession.objects.bulk_create(rows)


def _phase_sessions(
    school: School, coach: User, phase: Phase, today: date, rng: random.Random, *, behind: bool
) -> list[CoachingSession]:
    end = min(phase.ends_on, today)
    elapsed = (end - phase.starts_on).days / max(1, (phase.ends_on - phase.starts_on).days)
    share = (0.55 if behind else rng.uniform(0.85, 1.0)) * elapsed
    days = round((phase.coaching_days_min + phase.coaching_days_max) / 2 * share)
    sessions = []
    for n in range(days):
        held = phase.starts_on + timedelta(
            days=30 + (end - phase.starts_on - timedelta(days=30)).days * n // max(1, days)
        )
        areas = rng.sample(list(texts.FOCUS_NOTES), k=rng.choice((1, 1, 2)))
        sessions.append(
            CoachingSession(
                school=school,
                coach=coach,
                held_on=held,
                days=Decimal(1),
                focus_areas=areas,
                notes=" ".join(rng.choice(texts.FOCUS_NOTES[a]) for a in areas),
                teacher_check_ins=rng.randint(0, 6),
                check_in_notes=rng.choice(texts.CHECK_IN_NOTES),
            )
        )
    return sessions


def _site_visits(schools: list[School], year: int, network_staff: list[str]) -> None:
    """Each school visited in the fall of its design year by two network staff, the summary shared with its coach."""
    team = "\n".join(str(u) for u in User.objects.filter(username__in=network_staff))
    recorder = User.objects.get(username=network_staff[0])
    rows = []
    for school in schools:
        design = CohortSchool.objects.get(school=school).joined_on.year
        observations, focus_groups, summary = texts.SITE_VISIT
        visited = date(design, 11, 3 + school.pk % 20)
        rows.append(
            SiteVisit(
                school=school,
                visited_on=visited,
                team=team,
                observations=observations,
                focus_groups=focus_groups,
                summary=summary.format(school=school.name),
                shared_with_coach_at=timezone.make_aware(datetime(design, 11, 28, 9)),
                recorded_by=recorder,
            )
        )
    SiteVisit.objects.bulk_create(rows)


def write_action_plans(*, schools: list[School], today: date) -> int:
    """This year's action plan for every school (and last year's, done, for cohort 1), tied to the grid's
    activities and, when the network has a self-assessment edition, to its dimensions."""
    year = school_year_of(today)
    written = 0
    for school in schools:
        network_id = school.district.network_id
        activities = {a.number: a for a in GridActivity.objects.filter(network_id=network_id)}
        dimensions = list(GbpDimension.objects.filter(scores__administration__school=school).distinct()[:6])
        design = CohortSchool.objects.get(school=school).joined_on.year
        for plan_year in range(max(design + 1, year - 1), year + 1):
            plan = ActionPlan.objects.create(
                school=school,
                title=texts.PLAN_TITLES[plan_year - design - 1],
                school_year=f"{plan_year}-{(plan_year + 1) % 100:02d}",
            )
            for index, (number, action, owner) in enumerate(texts.PLAN_STEPS):
                finished = plan_year < year or index < 2
                ActionStep.objects.create(
                    plan=plan,
                    action=action,
                    activity=activities.get(number),
                    dimension=dimensions[index % len(dimensions)] if dimensions else None,
                    owner=owner,
                    due_on=date(plan_year + 1, 1 + 2 * index, 15),
                    status=ActionStep.Status.DONE
                    if finished
                    else ActionStep.Status.UNDER_WAY
                    if index < 4
                    else ActionStep.Status.PLANNED,
                    progress_note=texts.STEP_NOTES[index] if index < 4 else "",
                )
            written += 1
    return written


def _plgs(schools: list[School], year: int, today: date, rng: random.Random) -> None:
    """Two or three PLGs per school, meeting about monthly since their facilitators were trained."""
    for school in schools:
        training = Event.objects.filter(
            kind=EventKind.FACILITATOR_TRAINING, attendances__school=school, held_on__lte=today
        ).first()
        for name, focus, facilitator in texts.PLGS[: 2 + school.pk % 2]:
            plg = Plg.objects.create(
                school=school,
                name=name,
                focus=focus,
                facilitator=facilitator,
                facilitator_training=training,
                members=rng.randint(5, 11),
            )
            start = date(year - 1, 9, 1) if training else date(year, 9, 1)
            meetings = []
            month = start
            while month <= today:
                if rng.random() < 0.85 and month.month not in (7, 8):  # a month missed now and then
                    met = month.replace(day=rng.randint(3, 26))
                    if met <= today:
                        protocol, artifact = rng.choice(texts.PLG_PROTOCOLS)
                        meetings.append(
                            PlgMeeting(
                                plg=plg,
                                met_on=met,
                                protocol=protocol,
                                artifacts=artifact,
                                attendance=max(3, plg.members - rng.randint(0, 3)),
                            )
                        )
                month = (month.replace(day=1) + timedelta(days=32)).replace(day=1)
            PlgMeeting.objects.bulk_create(meetings)


def _stories(network: Network, schools: list[School], events: list[Event], year: int, rng: random.Random) -> None:
    """Stories told last spring, coded into the six composites of seed 000, ranked at last spring's conference."""
    composites = {
        title: StoryComposite.objects.create(network=network, title=title, text=text)
        for title, text in texts.COMPOSITES
    }
    for index, (title, told_by, text, why, theme) in enumerate(texts.STORIES):
        school = schools[index % len(schools)]
        ChangeStory.objects.create(
            school=school,
            told_by=told_by,
            collected_on=date(year, 4, 10 + index),
            title=title,
            text=text,
            why_significant=why,
            composite=composites[theme],
        )
    conference = next(e for e in events if e.kind == EventKind.CONFERENCE and e.held_on.year == year)
    votes = sorted(((rng.randint(4, 30), c) for c in composites.values()), key=lambda vc: -vc[0])
    CompositeRanking.objects.bulk_create(
        CompositeRanking(event=conference, composite=c, rank=rank, votes=v) for rank, (v, c) in enumerate(votes, 1)
    )


def _practices(network: Network, own: list[School], partners: list[School]) -> None:
    schools = [*own, *partners]
    for index, (title, topic, description, materials) in enumerate(texts.PRACTICES):
        source = schools[index * 2 % len(schools)]
        practice = SharedPractice.objects.create(
            network=network,
            title=title,
            topic=topic,
            description=description,
            source_school=source,
            materials=materials,
        )
        practice.adopting_schools.set([s for s in schools if s != source][index : index + 2 + index % 2])


def _classroom_visits(network: Network, schools: list[School], year: int, today: date, rng: random.Random) -> None:
    """Two or three short visits a week by each school's leaders since last September; the practices are seen
    more often as the year goes on. Patterns were shared with the faculty twice last year and once so far this
    year, so the tool's reminder shows."""
    add_default_practices(network=network)
    practices = list(ObservedPractice.objects.filter(network=network))
    seen_through = ClassroomVisit.practices_seen.through
    for school in schools:
        observer = User.objects.filter(memberships__school=school, memberships__role=Role.SCHOOL_LEADER).first()
        if observer is None:
            continue
        day, visits = date(year - 1, 9, 8), []
        while day <= today:
            if day.month not in (7, 8):
                context = rng.choice(texts.VISIT_CONTEXTS)
                visits.append(ClassroomVisit(school=school, observer=observer, visited_on=day, context=context))
            day += timedelta(days=rng.choice((2, 2, 3)))
        visits = ClassroomVisit.objects.bulk_create(visits)
        first = visits[0].visited_on if visits else today
        rows = []
        for visit in visits:
            grown = (visit.visited_on - first).days / 450
            for index, practice in enumerate(practices):
                if rng.random() < 0.25 + 0.05 * (index % 4) + 0.3 * grown:
                    rows.append(seen_through(classroomvisit_id=visit.pk, observedpractice_id=practice.pk))
        seen_through.objects.bulk_create(rows)
        for shared_on in (date(year, 2, 9), date(year, 6, 8), date(year, 11, 16)):
            if shared_on <= today:
                FacultySharing.objects.create(school=school, shared_on=shared_on, how=texts.SHARING)


def _self_assessments(cohorts: list[Cohort], year: int, today: date, rng: random.Random) -> None:
    """A baseline in each school's design year (cohort 1 on the 1st edition, cohort 2 on the 2nd, which adds two
    district dimensions); cohort 1 rated itself again, on the 2nd edition, at the end of its first implementation
    year. Most dimensions rise or hold; shared leadership is often rated lower, as seed 000 found."""
    editions = [
        load_edition(FIRST_EDITION, name="Global Best Practices, 1st edition (illustrative)", levels=4),
        load_edition(SECOND_EDITION, name="Global Best Practices, 2nd edition (illustrative)", levels=4),
    ]
    second_edition_codes = set(GbpDimension.objects.filter(strand__edition=editions[1]).values_list("code", flat=True))
    for cohort, edition, design_year in zip(cohorts, editions, (year - 2, year - 1), strict=True):
        titles = dict(GbpDimension.objects.filter(strand__edition=edition).values_list("code", "title"))
        for school in cohort.schools.all():
            baseline = {code: min(4, max(1, round(rng.gauss(1.7, 0.6)))) for code in titles}
            _administration(school, edition, "Baseline", date(design_year, 10, 15), baseline)
            end_of_year_1 = date(design_year + 2, 5, 20)
            if end_of_year_1 <= today:
                later = {code: _later_level(titles[code], level, rng) for code, level in baseline.items()}
                for code in second_edition_codes - later.keys():  # the 2nd edition's district dimensions, new
                    later[code] = min(4, max(1, round(rng.gauss(1.5, 0.5))))
                _administration(school, editions[1], "End of year 1", end_of_year_1, later)


def _later_level(title: str, level: int, rng: random.Random) -> int:
    lower = 0.45 if title.lower() == "shared leadership" else 0.08
    draw = rng.random()
    change = -1 if draw < lower else 0 if draw < lower + 0.35 else 1
    return min(4, max(1, level + change))


def _administration(school: School, edition: GbpEdition, label: str, taken_on: date, levels: dict[str, int]) -> None:
    """An administration rating the edition's dimensions by code (a 2nd-edition one keeps the 1st's codes)."""
    administration = GbpAdministration.objects.create(school=school, edition=edition, label=label, taken_on=taken_on)
    dimensions = GbpDimension.objects.filter(strand__edition=edition, code__in=levels)
    GbpScore.objects.bulk_create(
        GbpScore(
            administration=administration,
            dimension=d,
            level=levels[d.code],
            evidence=texts.GBP_EVIDENCE[levels[d.code] - 1],
        )
        for d in dimensions
    )
