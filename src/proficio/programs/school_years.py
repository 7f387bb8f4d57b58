"""Which school year a day belongs to, for a network's work: school years begin in August.

A network's schools may belong to several districts, each with its own sessions, so the network's calendar is
not any one district's; August is where seed 000's initiative (and the demo's) begins each year.
"""

from __future__ import annotations

from datetime import date


def school_year_of(day: date) -> int:
    """The calendar year the school year containing ``day`` began in."""
    return day.year if day.month >= 8 else day.year - 1
