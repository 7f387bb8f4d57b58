"""Reading a school's Global Best Practices administrations into view models: who may score, each administration's
progress, a comparison of two of them, and a cohort's roll-up. The arithmetic is ``programs.gbp``'s.

Invariants:
- Scoring (starting an administration, rating it) is for the school's leadership team, its school leaders and its
  district's administrators: the seed's self-assessment is the leadership team's own. Coaches and network staff
  read it.
- Dimensions are matched across editions by their code, so a 1st-edition baseline compares with a 2nd-edition
  end-point on the codes both have. A dimension's title is the later edition's.
- A roll-up counts a school only when it has an administration under each of the two labels (labels match
  without regard to case); its earliest under the first label and its latest under the second are compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count, Q

from proficio.accounts.models import Role, User
from proficio.programs import gbp
from proficio.programs.models import Cohort, GbpAdministration, GbpDimension, GbpScore
from proficio.roster.models import School

BASELINE = "Baseline"
END_POINT = "End-point"
CHANGES = ("improved", "no change", "lower")


def may_score(user: User, school: School) -> bool:
    """Whether ``user`` may start and rate the school's self-assessments (reading is programs.access's)."""
    memberships = user.memberships.active()
    return memberships.filter(
        Q(role__in=(Role.LEADERSHIP_TEAM, Role.SCHOOL_LEADER), school=school)
        | Q(role=Role.DISTRICT_ADMIN, district_id=school.district_id)
    ).exists()


@dataclass(frozen=True)
class AdministrationLine:
    administration: GbpAdministration
    rated: int
    dimensions: int


def administration_lines(school: School) -> list[AdministrationLine]:
    """The school's administrations, oldest first, with how many of their edition's dimensions are rated."""
    administrations = (
        GbpAdministration.objects.filter(school=school)
        .select_related("edition")
        .annotate(rated=Count("scores", distinct=True))
        .order_by("taken_on", "pk")
    )
    per_edition = (
        GbpDimension.objects.filter(strand__edition__in={a.edition_id for a in administrations})
        .values("strand__edition")
        .annotate(n=Count("pk"))
    )
    totals = {row["strand__edition"]: row["n"] for row in per_edition}
    return [AdministrationLine(a, a.rated, totals.get(a.edition_id, 0)) for a in administrations]


def ratings(administration_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """``{administration id: {dimension code: level}}``."""
    found: dict[int, dict[str, int]] = {pk: {} for pk in administration_ids}
    rows = GbpScore.objects.filter(administration_id__in=list(found)).values_list(
        "administration_id", "dimension__code", "level"
    )
    for administration_id, code, level in rows:
        found[administration_id][code] = level
    return found


def default_pair(
    administrations: Sequence[GbpAdministration],
) -> tuple[GbpAdministration, GbpAdministration] | None:
    """The earliest administration labelled Baseline and the latest one after it; without a Baseline (or with
    nothing after it), the earliest and the latest."""
    ordered = sorted(administrations, key=lambda a: (a.taken_on, a.pk))
    if len(ordered) < 2:
        return None
    baseline = next((i for i, a in enumerate(ordered) if a.label.strip().lower() == BASELINE.lower()), None)
    if baseline is not None and baseline < len(ordered) - 1:
        return ordered[baseline], ordered[-1]
    return ordered[0], ordered[-1]


@dataclass(frozen=True)
class DimensionTitle:
    code: str
    title: str
    strand: str


def dimension_titles(edition_ids: Iterable[int]) -> dict[str, DimensionTitle]:
    """Each code's title and strand, the latest edition's (highest id) where editions differ."""
    dimensions = GbpDimension.objects.filter(strand__edition__in=list(edition_ids)).select_related("strand")
    titles: dict[str, DimensionTitle] = {}
    for dimension in sorted(dimensions, key=lambda d: d.strand.edition_id):
        titles[dimension.code] = DimensionTitle(dimension.code, dimension.title, dimension.strand.title)
    return titles


@dataclass(frozen=True)
class ComparisonRow:
    code: str
    title: str
    strand: str
    before: int | None
    after: int | None
    change: str  # "improved", "no change", "lower", or "" when not rated at both
    note: str


@dataclass(frozen=True)
class Comparison:
    before: GbpAdministration
    after: GbpAdministration
    rows: list[ComparisonRow]
    counts: dict[str, int]
    levels: int

    @property
    def compared(self) -> list[ComparisonRow]:
        return [row for row in self.rows if row.change]

    @property
    def unchanged(self) -> int:
        return self.counts["no change"]


def comparison(before: GbpAdministration, after: GbpAdministration) -> Comparison:
    """Every dimension of either administration's edition, with the change where it was rated at both."""
    levels = ratings([before.pk, after.pk])
    changes = {c.code: c for c in gbp.compare(levels[before.pk], levels[after.pk])}
    titles = dimension_titles({before.edition_id, after.edition_id})
    rows = [
        ComparisonRow(
            code,
            info.title,
            info.strand,
            levels[before.pk].get(code),
            levels[after.pk].get(code),
            changes[code].change if code in changes else "",
            changes[code].note if code in changes else "",
        )
        for code, info in sorted(titles.items(), key=lambda item: code_key(item[0]))
    ]
    counts = {kind: sum(1 for c in changes.values() if c.change == kind) for kind in CHANGES}
    return Comparison(before, after, rows, counts, max(before.edition.levels, after.edition.levels))


def code_key(code: str) -> tuple[int | str, ...]:
    """'1.10' after '1.9': codes compare part by part, numbers as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in code.split("."))


@dataclass(frozen=True)
class RollUpRow:
    code: str
    title: str
    figures: gbp.DimensionRollUp

    @property
    def mean_change(self) -> float:
        return round(self.figures.mean_after - self.figures.mean_before, 2)


@dataclass(frozen=True)
class CohortRollUp:
    cohort: Cohort
    before_label: str
    after_label: str
    schools: int  # in the cohort
    included: int  # with an administration under both labels
    rows: list[RollUpRow]
    levels: int


def _labelled(administrations: Sequence[GbpAdministration], label: str) -> list[GbpAdministration]:
    return [a for a in administrations if a.label.strip().lower() == label.strip().lower()]


def cohort_roll_up(cohort: Cohort, *, before_label: str, after_label: str) -> CohortRollUp:
    """The cohort's mean level per dimension at the two labelled points, over the schools rated at both."""
    schools = list(cohort.schools.all())
    administrations = list(
        GbpAdministration.objects.filter(school__in=schools).select_related("edition").order_by("taken_on", "pk")
    )
    chosen: list[tuple[GbpAdministration, GbpAdministration]] = []
    for school in schools:
        own = [a for a in administrations if a.school_id == school.pk]
        befores, afters = _labelled(own, before_label), _labelled(own, after_label)
        if befores and afters and befores[0].pk != afters[-1].pk:
            chosen.append((befores[0], afters[-1]))
    levels = ratings(a.pk for pair in chosen for a in pair)
    figures = gbp.roll_up([(levels[b.pk], levels[a.pk]) for b, a in chosen])
    titles = dimension_titles({a.edition_id for pair in chosen for a in pair})
    rows = [
        RollUpRow(f.code, titles[f.code].title if f.code in titles else "", f)
        for f in sorted(figures, key=lambda f: code_key(f.code))
    ]
    top = max((a.edition.levels for pair in chosen for a in pair), default=4)
    return CohortRollUp(cohort, before_label, after_label, len(schools), len(chosen), rows, top)


def point_labels(cohorts: Iterable[Cohort]) -> list[str]:
    """Baseline, End-point, and every other label the cohorts' schools used, once each (case aside)."""
    labels = [BASELINE, END_POINT]
    schools = School.objects.filter(program_cohorts__in=list(cohorts))
    used = GbpAdministration.objects.filter(school__in=schools).values_list("label", flat=True)
    for label in sorted(set(used)):
        if label.strip().lower() not in {known.lower() for known in labels}:
            labels.append(label.strip())
    return labels
