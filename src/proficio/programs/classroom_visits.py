"""The classroom-visit tool: short visits recording which personalized-learning practices were seen, the patterns
they add up to, and the reminder to share those patterns with the whole faculty at least twice a year.

Figures:

- **Pattern windows are half school years**: August to December and January to July. The tool's own rhythm is
  sharing with the faculty twice a year, so each half year is one pattern to share; a month would seldom hold
  enough visits to say anything.
- **Share of visits in which a practice was seen**, per window: visits where it was ticked ÷ visits in the window.
  Every share is shown with the count of visits behind it; a window with fewer than ``MIN_VISITS`` visits shows
  "too few visits to show a pattern" instead of any share.
- **Faculty sharing**: the sharings recorded in ``today``'s school year (1 August to 31 July); fewer than
  ``SHARINGS_PER_YEAR`` raises the reminder.

Visits never name a student: the form says so, and nothing here reads a student.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from proficio.accounts.models import User
from proficio.programs.models import ClassroomVisit, FacultySharing, ObservedPractice
from proficio.programs.plgs import school_year_bounds
from proficio.programs.school_years import school_year_of
from proficio.roster.models import Network, School

MIN_VISITS = 5
SHARINGS_PER_YEAR = 2

DEFAULT_PRACTICES: tuple[tuple[str, str], ...] = (
    (
        "Learning targets visible and referenced",
        "The target is posted in student-friendly words; the teacher and students refer to it during the work.",
    ),
    (
        "Students working on different tasks or at different paces",
        "Not everyone is on the same page at the same time; students move on when they show proficiency.",
    ),
    (
        "Student choice in how to learn or show learning",
        "Students choose among resources, products or ways of demonstrating the target.",
    ),
    (
        "Feedback against the rubric or scale",
        "Feedback names the level on the scale and what the next level looks like, not a grade alone.",
    ),
    (
        "Students tracking their own progress",
        "Students keep and can explain a record of where they are on their targets and what comes next.",
    ),
    (
        "Flexible grouping",
        "Groups form around a need or an interest for this task, and change; not fixed ability tables.",
    ),
    (
        "Student voice and discussion",
        "Students talk with each other about the work more than the teacher talks; questions come from students.",
    ),
    (
        "Teacher conferring with individuals",
        "The teacher meets one student or a small group about their work while the others work on.",
    ),
)


@dataclass(frozen=True)
class Window:
    school_year: int
    half: int  # 1: August to December, 2: January to July

    @property
    def start(self) -> date:
        return date(self.school_year, 8, 1) if self.half == 1 else date(self.school_year + 1, 1, 1)

    @property
    def end(self) -> date:
        return date(self.school_year, 12, 31) if self.half == 1 else date(self.school_year + 1, 7, 31)

    @property
    def label(self) -> str:
        year = f"{self.school_year}-{(self.school_year + 1) % 100:02d}"
        return f"{year}, {'Aug–Dec' if self.half == 1 else 'Jan–Jul'}"


@dataclass(frozen=True)
class VisitRecord:
    visited_on: date
    practice_ids: frozenset[int]


@dataclass(frozen=True)
class PracticeShare:
    practice_id: int
    title: str
    seen: int
    share: float | None  # None when the window has too few visits


@dataclass(frozen=True)
class WindowPattern:
    window: Window
    visits: int
    shares: tuple[PracticeShare, ...]

    @property
    def enough(self) -> bool:
        return self.visits >= MIN_VISITS


@dataclass(frozen=True)
class SharingStatus:
    this_year: int
    needed: int

    @property
    def reminder(self) -> bool:
        return self.this_year < self.needed


def window_of(day: date) -> Window:
    return Window(school_year_of(day), 1 if day.month >= 8 else 2)


def patterns(*, visits: Iterable[VisitRecord], practices: Sequence[tuple[int, str]]) -> list[WindowPattern]:
    """Per half-year window (newest first), the share of visits in which each practice was seen."""
    by_window: dict[Window, list[VisitRecord]] = {}
    for visit in visits:
        by_window.setdefault(window_of(visit.visited_on), []).append(visit)
    result = []
    for window in sorted(by_window, key=lambda w: w.start, reverse=True):
        records = by_window[window]
        enough = len(records) >= MIN_VISITS
        shares = []
        for practice_id, title in practices:
            seen = sum(practice_id in r.practice_ids for r in records)
            shares.append(PracticeShare(practice_id, title, seen, seen / len(records) if enough else None))
        result.append(WindowPattern(window, len(records), tuple(shares)))
    return result


@dataclass(frozen=True)
class PatternCell:
    seen: int
    visits: int
    share: float | None

    @property
    def percent(self) -> str:
        return "" if self.share is None else f"{self.share * 100:.0f}%"


@dataclass(frozen=True)
class PatternRow:
    title: str
    cells: tuple[PatternCell, ...]


def pattern_rows(windows: Sequence[WindowPattern]) -> list[PatternRow]:
    """The patterns turned for a table: a row per practice, a cell per window (in the windows' order)."""
    if not windows:
        return []
    return [
        PatternRow(share.title, tuple(PatternCell(w.shares[i].seen, w.visits, w.shares[i].share) for w in windows))
        for i, share in enumerate(windows[0].shares)
    ]


def sharing_status(*, shared_on: Iterable[date], today: date) -> SharingStatus:
    start, end = school_year_bounds(today)
    return SharingStatus(sum(start <= d <= end for d in shared_on), SHARINGS_PER_YEAR)


def chart_spec(windows: Sequence[WindowPattern]) -> dict[str, Any] | None:
    """Grouped bars: for each practice, the share of visits it was seen in, one bar per window with enough visits."""
    import altair as alt  # imported on first use: it is large

    shown = [w for w in windows if w.enough]
    if not shown:
        return None
    values = [
        {"practice": s.title, "window": w.window.label, "share": round(s.share or 0.0, 4), "visits": w.visits}
        for w in shown
        for s in w.shares
    ]
    order = [w.window.label for w in reversed(shown)]
    practices = [s.title for s in shown[0].shares]
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            y=alt.Y("practice:N", title=None, sort=practices, axis=alt.Axis(labelLimit=320)),
            yOffset=alt.YOffset("window:N", sort=order),
            x=alt.X("share:Q", title="Share of visits", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("window:N", sort=order, title="Visits in", scale=alt.Scale(scheme="tableau10")),
            tooltip=[
                alt.Tooltip("practice:N"),
                alt.Tooltip("window:N", title="visits in"),
                alt.Tooltip("share:Q", format=".0%", title="seen in"),
                alt.Tooltip("visits:Q", title="visits"),
            ],
        )
        .properties(width="container", height=max(160, 16 * len(values)))
    )
    return chart.to_dict(validate=False)


def alternative(windows: Sequence[WindowPattern]) -> str:
    """The chart in words: each window's most and least seen practice."""
    sentences = []
    for w in windows:
        if not w.enough or not w.shares:
            continue
        top = max(w.shares, key=lambda s: s.seen)
        low = min(w.shares, key=lambda s: s.seen)
        sentences.append(
            f"{w.window.label}: of {w.visits} visits, {top.title.lower()} was seen most often ({top.seen}), "
            f"{low.title.lower()} least ({low.seen})."
        )
    return " ".join(sentences)


def visit_records(*, school: School) -> list[VisitRecord]:
    ticked: dict[int, set[int]] = {}
    for visit_id, practice_id in ClassroomVisit.practices_seen.through.objects.filter(
        classroomvisit__school=school
    ).values_list("classroomvisit_id", "observedpractice_id"):
        ticked.setdefault(visit_id, set()).add(practice_id)
    return [
        VisitRecord(visited_on, frozenset(ticked.get(pk, ())))
        for pk, visited_on in ClassroomVisit.objects.filter(school=school).values_list("pk", "visited_on")
    ]


def add_default_practices(*, network: Network) -> int:
    """Add the default practices the network does not have yet (by title), after its own; returns how many."""
    existing = ObservedPractice.objects.filter(network=network)
    titles = set(existing.values_list("title", flat=True))
    position = max(existing.values_list("position", flat=True), default=0)
    added = 0
    for title, look_fors in DEFAULT_PRACTICES:
        if title not in titles:
            position += 1
            ObservedPractice.objects.create(network=network, position=position, title=title, look_fors=look_fors)
            added += 1
    return added


@transaction.atomic
def record_visit(
    *,
    school: School,
    observer: User,
    visited_on: date,
    context: str,
    minutes: int,
    practices_seen: Iterable[ObservedPractice],
    note: str,
) -> ClassroomVisit:
    visit = ClassroomVisit.objects.create(
        school=school, observer=observer, visited_on=visited_on, context=context, minutes=minutes, note=note
    )
    visit.practices_seen.set(list(practices_seen))
    return visit


def record_sharing(*, school: School, shared_on: date, how: str) -> FacultySharing:
    return FacultySharing.objects.create(school=school, shared_on=shared_on, how=how)
