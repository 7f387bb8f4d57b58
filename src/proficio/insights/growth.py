"""Growth: how students' levels changed from one term to the next, per standard and per student, by group.

Read from the per-term snapshots of the standard results (``proficiency.snapshots``), never from scores. The
figures are pure functions of plain rows (``SnapshotRow``), each testable by hand. ``load_growth`` is the one
query that reads a page's worth: the database pairs the rows and sums them per student and per standard (a
large school compares hundreds of thousands of rows), and tests check it against the pure functions.
``school_growth`` puts the page together. docs/insights.md ("Growth") defines:

- **consecutive terms**: same district and kind, the earlier starting last before the later;
- a **pair**: one student on one academic graduation standard with a level in both terms' snapshots ("no level
  yet" in either leaves it out). Every figure counts pairs, so a student weighs as many times as they have
  standards compared, and each standard's figure is the same figure restricted to that standard;
- **levels gained** on a pair: the later level's place on the scale minus the earlier one's (negative for a
  drop); **average levels gained** = their sum ÷ pairs;
- **moved up**: a pair whose student gained at least one level; **share moved up** = such pairs ÷ pairs, read
  "on a standard, this share of students moved up a level". (Per student, "moved up on any standard" comes
  close to everyone as soon as students have a handful of standards, and favours those assessed on more.)
- a group's **gap**: its share minus all students' (percentage points), its average minus theirs (levels).

Students belong to the school their later-term snapshot names; their groups are those recorded on them now.
Group figures go through small-group suppression (``suppression.split_by_group``), counted in students.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import caches
from django.db import connection
from django.db.models import Count, Exists, Field, Max, OuterRef

from proficio.insights.distribution import LEVEL_COLOURS
from proficio.insights.readiness import DIMENSION_LABELS, DIMENSIONS, group_labels, school_year_name
from proficio.insights.suppression import minimum_group_size, split_by_group
from proficio.proficiency.models import ResultSnapshot, TermSnapshot
from proficio.proficiency.snapshots import consecutive_terms
from proficio.roster.models import AcademicSession, Student
from proficio.standards.models import Framework, ScaleLevel, Standard


@dataclass(frozen=True)
class SnapshotRow:
    """One student's level on one standard in one term's snapshot, with the groups they belong to."""

    student_id: int
    standard_id: int
    rank: int  # the level's place on its scale, 1 for the lowest
    groups: Mapping[str, str] = field(default_factory=dict)  # dimension → group (``"not recorded"`` if unknown)


@dataclass(frozen=True)
class Pair:
    """A student on a standard with a level in both terms; ``groups`` are the later row's."""

    student_id: int
    standard_id: int
    gained: int
    groups: Mapping[str, str]


@dataclass(frozen=True)
class StudentGrowth:
    """One student's standards compared, those on which they moved up, and the levels gained over them all."""

    student_id: int
    pairs: int
    moved_up: int
    gained: int
    groups: Mapping[str, str]


@dataclass(frozen=True)
class GrowthTally:
    """Pairs of some students (or of one standard): how many, how many moved up, and the levels gained in all."""

    students: int
    pairs: int
    moved_up: int
    gained: int  # the sum of levels gained over the pairs

    @property
    def share(self) -> float | None:
        return self.moved_up / self.pairs if self.pairs else None

    @property
    def levels_gained(self) -> float | None:
        return self.gained / self.pairs if self.pairs else None


@dataclass(frozen=True)
class GroupGrowth:
    """One group of a breakdown, or hidden (``tally`` None): its tally and its gaps to all students."""

    group: str
    tally: GrowthTally | None
    share_gap: float | None  # percentage points
    gain_gap: float | None  # levels


@dataclass(frozen=True)
class TermGrowth:
    all_students: GrowthTally
    breakdowns: dict[str, list[GroupGrowth]]
    standards: dict[int, GrowthTally]  # standard id → the same figures on that standard alone

    @property
    def any_group_shown(self) -> bool:
        return any(figure.tally is not None for groups in self.breakdowns.values() for figure in groups)


def pairs(before: Iterable[SnapshotRow], after: Iterable[SnapshotRow]) -> list[Pair]:
    """The student × standard pairs with a level in both terms, in the later term's order."""
    earlier = {(row.student_id, row.standard_id): row.rank for row in before}
    return [
        Pair(row.student_id, row.standard_id, row.rank - earlier[key], row.groups)
        for row in after
        if (key := (row.student_id, row.standard_id)) in earlier
    ]


def per_student(found: Iterable[Pair]) -> list[StudentGrowth]:
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])  # pairs, moved up, gained
    groups: dict[int, Mapping[str, str]] = {}
    for pair in found:
        count = counts[pair.student_id]
        count[0] += 1
        count[1] += pair.gained >= 1
        count[2] += pair.gained
        groups[pair.student_id] = pair.groups
    return [
        StudentGrowth(student, pairs_, moved_up, gained, groups[student])
        for student in sorted(counts)
        for pairs_, moved_up, gained in [counts[student]]
    ]


def tally(students: Iterable[StudentGrowth]) -> GrowthTally:
    items = list(students)
    return GrowthTally(
        len(items), sum(s.pairs for s in items), sum(s.moved_up for s in items), sum(s.gained for s in items)
    )


def per_standard(found: Iterable[Pair]) -> dict[int, GrowthTally]:
    """Each standard's figures: its pairs (one per student), those that moved up, the levels gained."""
    gains: dict[int, list[int]] = defaultdict(list)
    for pair in found:
        gains[pair.standard_id].append(pair.gained)
    return {
        standard: GrowthTally(len(g), len(g), sum(1 for gain in g if gain >= 1), sum(g))
        for standard, g in gains.items()
    }


def _gaps(group: GrowthTally, overall: GrowthTally) -> tuple[float | None, float | None]:
    share, all_share = group.share, overall.share
    share_gap = None if share is None or all_share is None else round((share - all_share) * 100, 1)
    gained, all_gained = group.levels_gained, overall.levels_gained
    gain_gap = None if gained is None or all_gained is None else round(gained - all_gained, 2)
    return share_gap, gain_gap


def breakdown(
    students: Sequence[StudentGrowth], dimension: str, *, minimum: int, overall: GrowthTally
) -> list[GroupGrowth]:
    """Each group of ``dimension`` with its tally and gaps, small groups (and their complements) hidden."""
    figures = []
    for group, members in split_by_group(students, dimension, minimum=minimum):
        if members is None:
            figures.append(GroupGrowth(group, None, None, None))
        else:
            group_tally = tally(members)
            figures.append(GroupGrowth(group, group_tally, *_gaps(group_tally, overall)))
    return figures


def figures(
    students: Sequence[StudentGrowth],
    standards: Mapping[int, GrowthTally],
    *,
    dimensions: Sequence[str],
    minimum: int,
) -> TermGrowth:
    """All students' figures and each group's, from each student's, beside each standard's."""
    overall = tally(students)
    return TermGrowth(
        all_students=overall,
        breakdowns={d: breakdown(students, d, minimum=minimum, overall=overall) for d in dimensions},
        standards=dict(standards),
    )


def term_growth(
    before: Iterable[SnapshotRow], after: Iterable[SnapshotRow], *, dimensions: Sequence[str], minimum: int
) -> TermGrowth:
    """Growth from one term's snapshot rows to the next's: all students, each group, each standard."""
    found = pairs(before, after)
    return figures(per_student(found), per_standard(found), dimensions=dimensions, minimum=minimum)


# --- reading the rows --------------------------------------------------------------------------------------


def _ranks(scale_ids: Iterable[int]) -> dict[int, int]:
    """Each level's place on its scale (1 for the lowest), by level id."""
    ranks: dict[int, int] = {}
    places: dict[int, int] = defaultdict(int)
    levels = ScaleLevel.objects.filter(scale_id__in=list(scale_ids)).order_by("scale_id", "value", "pk")
    for scale_id, level_id in levels.values_list("scale_id", "pk"):
        places[scale_id] += 1
        ranks[level_id] = places[scale_id]
    return ranks


def _column(name: str) -> str:
    field = ResultSnapshot._meta.get_field(name)
    assert isinstance(field, Field) and field.column  # a concrete column, not a reverse relation
    return field.column


def _growth_sql(schools: int, standards: int, levels: int) -> str:
    """Pairs the later term's rows of the schools with the same students' earlier rows, and sums them per
    student and per standard: the figures' inputs, counted by the database (plain SQL for both vendors)."""
    quote = connection.ops.quote_name
    table = quote(ResultSnapshot._meta.db_table)
    term, school, student, standard, level = (
        quote(_column(name)) for name in ("term", "school", "student", "standard", "level")
    )

    def marks(n: int) -> str:
        return ", ".join(["%s"] * n)

    def place(alias: str) -> str:
        return f"CASE {alias}.{level} {' '.join(['WHEN %s THEN %s'] * levels)} END"

    academic = f"{standard} IN ({marks(standards)}) AND {level} IS NOT NULL"
    moved, sums = "SUM(CASE WHEN gained >= 1 THEN 1 ELSE 0 END)", "COUNT(*), SUM(gained)"
    return (
        f"WITH later AS (SELECT {student} s, {standard} k, {level} FROM {table} "
        f"WHERE {term} = %s AND {school} IN ({marks(schools)}) AND {academic}), "
        f"pairs AS (SELECT l.s, l.k, {place('l')} - {place('e')} AS gained FROM later l JOIN {table} e "
        f"ON e.{student} = l.s AND e.{term} = %s AND e.{standard} = l.k AND e.{level} IS NOT NULL) "
        f"SELECT 0, s, {sums}, {moved} FROM pairs GROUP BY s "
        f"UNION ALL SELECT 1, k, {sums}, {moved} FROM pairs GROUP BY k"
    )


def load_growth(
    school_ids: Sequence[int], *, previous_id: int, term_id: int
) -> tuple[list[StudentGrowth], dict[int, GrowthTally]]:
    """Each student's and each standard's figures from two terms' snapshots, for the schools (already checked
    as the reader's), on the academic graduation standards of their district's current framework. The students
    are those the later term found at the schools, compared with their earlier levels wherever they were then.
    One query pairs and sums the rows in the database; only a line per student and per standard comes back."""
    frameworks = Framework.objects.filter(is_current=True, district__schools__in=school_ids)
    standards = list(
        Standard.objects.filter(framework__in=frameworks, required_for_graduation=True)
        .exclude(kind=Standard.Kind.WORK_HABIT)
        .values_list("pk", flat=True)
    )
    ranks = _ranks(frameworks.values_list("scale_id", flat=True))
    if not standards or not ranks or not school_ids:
        return [], {}
    cases = [value for pair in ranks.items() for value in pair]
    params = [term_id, *school_ids, *standards, *cases, *cases, previous_id]
    with connection.cursor() as cursor:
        cursor.execute(_growth_sql(len(school_ids), len(standards), len(ranks)), params)
        # (0 for a student, 1 for a standard; its id; pairs, levels gained, moved up): sums may come as decimals
        lines = [(kind, key, int(pairs), int(gained), int(moved)) for kind, key, pairs, gained, moved in cursor]
    labels = group_labels()
    student_ids = [key for kind, key, *_ in lines if kind == 0]
    groups = {
        v["pk"]: {d: labels[d](v[d]) for d in DIMENSIONS}
        for v in Student.objects.filter(pk__in=student_ids).values("pk", *DIMENSIONS)
    }
    by_student = [
        StudentGrowth(key, pairs, moved, gained, groups[key])
        for kind, key, pairs, gained, moved in sorted(lines)
        if kind == 0
    ]
    by_standard = {key: GrowthTally(pairs, pairs, moved, gained) for kind, key, pairs, gained, moved in lines if kind}
    return by_student, by_standard


# --- a school's page ---------------------------------------------------------------------------------------


def term_name(term: AcademicSession) -> str:
    """A term with its school year: "Semester 1, 2025–26"."""
    return f"{term.title}, {school_year_name(term.school_year)}"


@dataclass(frozen=True)
class TermPair:
    """Two consecutive terms with snapshots: the later one of the schools in view."""

    previous: AcademicSession
    term: AcademicSession

    @property
    def label(self) -> str:
        previous, term = self.previous, self.term
        if previous.school_year == term.school_year:
            return f"{previous.title} to {term.title}, {school_year_name(term.school_year)}"
        return f"{term_name(previous)} to {term_name(term)}"


def growth_terms(school_ids: Sequence[int]) -> list[TermPair]:
    """Every pair of consecutive terms with a snapshot of the schools in the later one and a snapshot at all in
    the earlier one, the latest first (of two ending together, the longer: a semester before its last quarter)."""
    sessions = (
        AcademicSession.objects.filter(district__schools__in=school_ids)
        .distinct()
        .annotate(
            taken=Exists(TermSnapshot.objects.filter(term_id=OuterRef("pk"))),
            taken_here=Exists(TermSnapshot.objects.filter(term_id=OuterRef("pk"), school_id__in=school_ids)),
        )
    )
    found = [TermPair(a, b) for a, b in consecutive_terms(sessions) if a.taken and b.taken_here]  # type: ignore[attr-defined]
    return sorted(found, key=lambda p: (p.term.end_date, p.term.end_date - p.term.start_date, p.term.pk), reverse=True)


@dataclass(frozen=True)
class StandardLine:
    code: str
    title: str
    tally: GrowthTally


@dataclass(frozen=True)
class GrowthView:
    """What a school page shows of growth: the pairs of terms to choose from, the one shown and its figures."""

    pairs: list[TermPair]
    pair: TermPair | None
    figures: TermGrowth | None
    standards: list[StandardLine]
    spec: dict[str, Any]
    alternative: str
    minimum: int


def school_growth(*, school_ids: Sequence[int], term_id: int | None = None) -> GrowthView:
    """Growth into ``term_id`` (or the latest term with a previous one) for the schools, already checked as the
    reader's. A term that is not among the pairs falls back to the latest."""
    minimum = minimum_group_size()
    choices = growth_terms(school_ids)
    pair = next((p for p in choices if p.term.pk == term_id), choices[0] if choices else None)
    if pair is None:
        return GrowthView(choices, None, None, [], {}, "", minimum)
    key = _cache_key(school_ids, pair, minimum)
    computed = caches["shared"].get(key)
    if computed is None:
        computed = _computed(school_ids, pair, minimum)
        caches["shared"].set(key, computed, CACHE_SECONDS)
    found, standards, spec = computed
    return GrowthView(choices, pair, found, standards, spec, alternative(pair, found), minimum)


# Snapshots do not change once taken (a new one has a new time, and so a new key); the students' groups are read
# as recorded now, so an hour bounds how long a corrected record takes to show. The cache is the one every
# process shares: a school's growth takes seconds to compute, and each web process computing it again was most
# of a busy server's CPU.
CACHE_SECONDS = 3600


def _cache_key(school_ids: Sequence[int], pair: TermPair, minimum: int) -> str:
    taken = TermSnapshot.objects.filter(term__in=[pair.previous, pair.term]).aggregate(
        last=Max("taken_at"), n=Count("id")
    )
    stamp = f"{taken['last'].timestamp() if taken['last'] else 0}-{taken['n']}"
    schools = ",".join(str(pk) for pk in sorted(school_ids))
    return f"insights:growth:{schools}:{pair.previous.pk}:{pair.term.pk}:{stamp}:{minimum}"


def _computed(
    school_ids: Sequence[int], pair: TermPair, minimum: int
) -> tuple[TermGrowth, list[StandardLine], dict[str, Any]]:
    students, by_standard = load_growth(school_ids, previous_id=pair.previous.pk, term_id=pair.term.pk)
    found = figures(students, by_standard, dimensions=DIMENSIONS, minimum=minimum)
    standards = [
        StandardLine(standard.code, standard.title, found.standards[standard.pk])
        for standard in Standard.objects.filter(pk__in=list(found.standards)).order_by("position", "code")
    ]
    return found, standards, chart_spec(found) if found.all_students.pairs else {}


ALL_STUDENTS = "All students"


def _shown(figures: TermGrowth) -> list[tuple[str, GrowthTally]]:
    """All students, then every group shown (hidden ones left out), each with its label."""
    shown = [(ALL_STUDENTS, figures.all_students)]
    for dimension, groups in figures.breakdowns.items():
        label = DIMENSION_LABELS.get(dimension, dimension)
        shown += [(f"{label}: {g.group}", g.tally) for g in groups if g.tally is not None]
    return shown


def chart_spec(figures: TermGrowth) -> dict[str, Any]:
    """A bar per group: the share of its students who moved up a level, against all students' (Vega-Lite)."""
    import altair as alt  # imported on first use: it is large

    labels = [label for label, _ in _shown(figures)]
    values = [
        {
            "group": label,
            "kind": "all" if label == ALL_STUDENTS else "group",
            "share": round(t.share or 0.0, 4),
            "students": t.students,
            "levels": round(t.levels_gained or 0.0, 2),
        }
        for label, t in _shown(figures)
    ]
    colours = alt.Scale(domain=["all", "group"], range=[LEVEL_COLOURS[-2], LEVEL_COLOURS[2]])
    bars = (
        alt.Chart(alt.Data(values=values))
        .mark_bar()
        .encode(
            y=alt.Y("group:N", title=None, sort=labels, axis=alt.Axis(labelLimit=320)),
            x=alt.X(
                "share:Q", title="Share who moved up a level", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])
            ),
            color=alt.Color("kind:N", scale=colours, legend=None),
            tooltip=[
                alt.Tooltip("group:N"),
                alt.Tooltip("share:Q", format=".0%", title="moved up"),
                alt.Tooltip("students:Q"),
                alt.Tooltip("levels:Q", title="average levels gained"),
            ],
        )
    )
    rule = alt.Chart(alt.Data(values=[values[0]])).mark_rule(color=LEVEL_COLOURS[-1]).encode(x="share:Q")
    chart = alt.layer(bars, rule).properties(width="container", height=max(120, 18 * len(values)))
    return chart.to_dict(validate=False)


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"


def alternative(pair: TermPair, figures: TermGrowth) -> str:
    """The chart in words: all students, and the groups furthest above and below them (the table has all)."""
    overall = figures.all_students
    if not overall.pairs or overall.share is None or overall.levels_gained is None:
        return f"From {pair.label}: no student has a level on the same standard in both terms."
    text = (
        f"From {pair.label}, on a standard, {_percent(overall.share)} of students moved up at least one level "
        f"({overall.moved_up} of {overall.pairs} students × standards with a level in both terms, "
        f"{overall.students} students); levels gained averaged {overall.levels_gained:+.2f} per standard."
    )
    gaps = sorted(
        (g.share_gap, f"{DIMENSION_LABELS.get(d, d)}: {g.group}")
        for d, groups in figures.breakdowns.items()
        for g in groups
        if g.share_gap is not None
    )
    if len(gaps) == 1:
        text += f" The one group shown, {gaps[0][1]}, is {gaps[0][0]:+.1f} points from all students."
    elif gaps:
        (low, low_name), (high, high_name) = gaps[0], gaps[-1]
        text += f" Of the groups shown, {high_name} has the highest share ({high:+.1f} points against all students)"
        text += f", {low_name} the lowest ({low:+.1f} points)."
    hidden = sum(1 for groups in figures.breakdowns.values() for g in groups if g.tally is None)
    if hidden:
        text += f" {hidden} group{'s are' if hidden != 1 else ' is'} not shown (too few students)."
    return text
