"""The dashboard figures an improvement cycle can be measured by, each measurable now for one school.

A metric has a key (stored on the cycle), a label in words and a kind — a share (0–1) or a count — and is measured
from the same kept results the dashboards read:

- ``on_track``: the share of the school's high-school students on track to graduate (``readiness``);
- ``proficient:<standard id>``: the share of its high-school students proficient on one required standard (a
  student with no level yet counts as not proficient);
- ``flagged``: how many of its students have at least one flag raised now (``flags``).
"""

from __future__ import annotations

from dataclasses import dataclass

from proficio.insights import flags, readiness
from proficio.proficiency.models import StandardResult
from proficio.roster.models import Student
from proficio.standards.models import Standard


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    is_share: bool


class UnknownMetric(ValueError):
    pass


COUNTS = frozenset({"flagged"})  # every other metric is a share


def is_share(key: str) -> bool:
    return key not in COUNTS


def _required_standards(school_id: int) -> list[Standard]:
    return list(
        Standard.objects.filter(
            framework__is_current=True, framework__district__schools=school_id, required_for_graduation=True
        )
        .exclude(kind=Standard.Kind.WORK_HABIT)
        .order_by("position", "code")
    )


def available(*, school_id: int) -> list[Metric]:
    """Every metric one may pick for this school (the school already checked as the reader's)."""
    found = [
        Metric("on_track", "Share of high-school students on track to graduate", is_share("on_track")),
        Metric("flagged", "Students with at least one flag", is_share("flagged")),
    ]
    found += [
        Metric(f"proficient:{s.pk}", f"Share of high-school students proficient on {s.code} {s.title}", True)
        for s in _required_standards(school_id)
    ]
    return found


def metric(*, key: str, school_id: int) -> Metric:
    for candidate in available(school_id=school_id):
        if candidate.key == key:
            return candidate
    raise UnknownMetric(f"No metric {key!r} for this school.")


def _share_on_track(school_id: int) -> float | None:
    rows = readiness.load_rows([school_id])
    tally = readiness.tally(rows, readiness.on_track_shares())
    return tally.share


def _share_proficient(school_id: int, standard_id: int) -> float | None:
    students = Student.objects.filter(
        school_id=school_id, is_active=True, grade__in=readiness.HIGH_SCHOOL_GRADES
    ).values("pk")
    total = students.count()
    if not total:
        return None
    proficient = StandardResult.objects.filter(
        student__in=students, standard_id=standard_id, framework__is_current=True, is_proficient=True
    ).count()
    return proficient / total


def measure(*, key: str, school_id: int) -> float | None:
    """The metric's value now; None when there is nothing to measure (no students)."""
    metric(key=key, school_id=school_id)  # refuses a key this school cannot be measured by
    if key == "on_track":
        return _share_on_track(school_id)
    if key == "flagged":
        return float(len({flag.student_id for flag in flags.school_flags([school_id])}))
    return _share_proficient(school_id, int(key.split(":", 1)[1]))


def shown(value: float | None, *, is_share: bool) -> str:
    """A measured value as people read it: "62 %" for a share, "14" for a count, "—" for nothing."""
    if value is None:
        return "—"
    return f"{round(100 * value)} %" if is_share else str(round(value))


def change(before: float | None, after: float | None, *, is_share: bool) -> str:
    """After minus before, signed: "+8 points" for shares, "−3" for counts."""
    if before is None or after is None:
        return "—"
    delta = round(100 * (after - before)) if is_share else round(after - before)
    sign = "+" if delta > 0 else "−" if delta < 0 else "±"
    return f"{sign}{abs(delta)}{' points' if is_share else ''}"
