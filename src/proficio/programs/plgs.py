"""Professional learning groups (PLGs): the "at least monthly" rule, facilitators' training, and the principals'
network attendance of a school.

Figures:

- **Months without a meeting.** A PLG should meet at least once a month through the school year. The school year
  is the one ``today`` falls in (it begins in August: ``programs.school_years``); its meeting months
  are September to June. A month counts once it has ended: the current month is never listed as missed, since
  there is still time to meet in it.
- **Principals' network attendance.** The network's principals' PLG meetings held this school year (1 August to
  31 July), each with whether the school came (an ``EventAttendance`` row); those still to come are "upcoming".

Who writes: a school's leaders, its leadership team and its coaches (``may_write``); whoever reaches the school's
programs pages reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from proficio.programs.access import network_of
from proficio.programs.models import Event, EventAttendance, EventKind, Plg, PlgMeeting
from proficio.programs.school_years import school_year_of
from proficio.roster.models import School

MEETING_MONTHS = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6)  # September to June


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def label(self) -> str:
        return self.first_day.strftime("%B %Y")


@dataclass(frozen=True)
class PlgLine:
    plg: Plg
    meetings: int
    last_met_on: date | None
    trained: bool
    missed_months: tuple[Month, ...]


@dataclass(frozen=True)
class PrincipalsMeeting:
    event: Event
    attended: bool
    upcoming: bool


def school_year_bounds(today: date) -> tuple[date, date]:
    """The first and last day of the school year ``today`` falls in (1 August to 31 July)."""
    year = school_year_of(today)
    return date(year, 8, 1), date(year + 1, 7, 31)


def ended_meeting_months(today: date) -> list[Month]:
    """The meeting months (September to June) of ``today``'s school year that have ended by ``today``."""
    year = school_year_of(today)
    months = [Month(year if m >= 8 else year + 1, m) for m in MEETING_MONTHS]
    current = Month(today.year, today.month).first_day
    return [m for m in months if m.first_day < current]


def missed_months(*, met_on: Iterable[date], today: date) -> tuple[Month, ...]:
    """The ended meeting months of ``today``'s school year in which no meeting was held."""
    met = {(d.year, d.month) for d in met_on}
    return tuple(m for m in ended_meeting_months(today) if (m.year, m.month) not in met)


def is_trained(plg: Plg) -> bool:
    """A facilitator counts as trained when the PLG names a facilitator training they attended."""
    training = plg.facilitator_training
    return training is not None and training.kind == EventKind.FACILITATOR_TRAINING


def _line(plg: Plg, met: list[date], today: date) -> PlgLine:
    start, end = school_year_bounds(today)
    this_year = [d for d in met if start <= d <= end]
    return PlgLine(
        plg=plg,
        meetings=len(met),
        last_met_on=max(met, default=None),
        trained=is_trained(plg),
        missed_months=missed_months(met_on=this_year, today=today),
    )


def plg_lines(*, school: School, today: date) -> list[PlgLine]:
    """Each of the school's PLGs with its meetings, its facilitator's training and the months it missed."""
    dates: dict[int, list[date]] = {}
    for plg_id, met_on in PlgMeeting.objects.filter(plg__school=school).values_list("plg_id", "met_on"):
        dates.setdefault(plg_id, []).append(met_on)
    plgs = Plg.objects.filter(school=school).select_related("facilitator_training")
    return [_line(plg, dates.get(plg.pk, []), today) for plg in plgs]


def plg_line(*, plg: Plg, today: date) -> PlgLine:
    return _line(plg, list(plg.meetings.values_list("met_on", flat=True)), today)


def principals_meetings(*, school: School, today: date) -> list[PrincipalsMeeting]:
    """The network's principals' PLG meetings this school year, and whether the school attended each."""
    start, end = school_year_bounds(today)
    events = Event.objects.filter(
        network=network_of(school), kind=EventKind.PRINCIPALS_PLG, held_on__range=(start, end)
    )
    attended = set(EventAttendance.objects.filter(school=school, event__in=events).values_list("event_id", flat=True))
    return [PrincipalsMeeting(e, e.pk in attended, e.held_on > today) for e in events]
