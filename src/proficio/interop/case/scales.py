"""Which proficiency scale an imported framework's rubric levels sit on.

CASE has no scale object: a rubric's levels carry a score and a quality ("Meets"). proficio needs a scale
with exactly one proficiency threshold, so, for the academic scale and (when the package has work habits)
the work-habit scale, in order:

1. the scale passed to the import;
2. on re-import, the current version's scale, if its level values are the rubric scores;
3. a scale of the district whose level values are exactly the set of rubric scores;
4. a new scale built from the rubric levels (score → value, quality → label), its threshold the level passed
   as ``threshold`` or else the lowest level named like "Proficient" or "Meets";
5. with no rubric levels at all: the previous version's scale, else the district's only scale of that purpose.

Anything else is refused with a message that says which argument resolves it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from proficio.interop.case.rubrics import RubricLevel
from proficio.interop.case.validate import Checker
from proficio.roster.models import District
from proficio.standards.models import ProficiencyScale, ScaleLevel

ACADEMIC = ProficiencyScale.Purpose.ACADEMIC.value
WORK_HABIT = ProficiencyScale.Purpose.WORK_HABIT.value

_THRESHOLD_NAME = re.compile(r"^(proficient|proficiency|meets|meeting|meet|at standard|mastery|mastered)\b")


@dataclass(frozen=True)
class LevelSpec:
    value: Decimal
    label: str
    description: str = ""
    is_threshold: bool = False


@dataclass
class ScalePlan:
    purpose: str
    existing: ProficiencyScale | None = None
    name: str = ""
    levels: list[LevelSpec] = field(default_factory=list)

    @property
    def created(self) -> bool:
        return self.existing is None

    def level_pairs(self) -> list[tuple[Decimal, str]]:
        if self.existing is not None:
            return [(level.value, level.label) for level in self.existing.levels.all()]
        return [(level.value, level.label) for level in self.levels]

    def threshold_value(self) -> Decimal | None:
        if self.existing is not None:
            threshold = self.existing.threshold
            return threshold.value if threshold else None
        return next((level.value for level in self.levels if level.is_threshold), None)

    def materialise(self, district: District) -> ProficiencyScale:
        """The scale to use, creating it (inside the import's transaction) when it is new."""
        if self.existing is not None:
            return self.existing
        scale = ProficiencyScale.objects.create(name=self.name, district=district, purpose=self.purpose)
        ScaleLevel.objects.bulk_create(
            [
                ScaleLevel(
                    scale=scale,
                    value=level.value,
                    label=level.label,
                    description=level.description,
                    is_threshold=level.is_threshold,
                )
                for level in self.levels
            ]
        )
        return scale


def _values(scale: ProficiencyScale) -> set[Decimal]:
    return {level.value for level in scale.levels.all()}


def _what(purpose: str) -> str:
    return "work-habit" if purpose == WORK_HABIT else "academic"


def _argument(purpose: str) -> str:
    return "--work-habit-scale ID (work_habit_scale=)" if purpose == WORK_HABIT else "--scale ID (scale=)"


def _check_scores(levels: list[RubricLevel], check: Checker) -> bool:
    fine = True
    for level in levels:
        score = level.score
        if score is None:
            continue
        if abs(score) >= 1000 or score != score.quantize(Decimal("0.01")):
            check.report(
                level.where + ".score",
                "proficio scale levels have at most two decimals and stay below 1000",
                column="score",
                value=str(score),
            )
            fine = False
    return fine


def _fits(scale: ProficiencyScale, levels: list[RubricLevel], check: Checker) -> None:
    """Every rubric level must land on a level of ``scale``: by score, or by quality when it has no score."""
    known = list(scale.levels.all())
    values = {level.value for level in known}
    labels = {level.label.casefold() for level in known}
    shown = ", ".join(f"{level.number} {level.label}" for level in known)
    for level in levels:
        if level.score is not None and level.score not in values:
            check.report(
                level.where + ".score",
                f"score {level.score} is not a level of the scale '{scale.name}' ({shown})",
                column="score",
                value=str(level.score),
            )
        elif level.score is None and level.quality.casefold() not in labels:
            check.report(
                level.where,
                f"this rubric level has no score and its quality names no level of the scale '{scale.name}' ({shown})",
                column="score",
                value=level.quality,
            )


def _candidates(district: District, purpose: str) -> list[ProficiencyScale]:
    owned = ProficiencyScale.objects.filter(district=district, purpose=purpose).prefetch_related("levels")
    shared = ProficiencyScale.objects.filter(district__isnull=True, purpose=purpose).prefetch_related("levels")
    return [*owned, *shared]


def plan(
    purpose: str,
    levels: list[RubricLevel],
    *,
    given: ProficiencyScale | None,
    previous: ProficiencyScale | None,
    district: District,
    threshold: Decimal | None,
    fallback_threshold: Decimal | None,
    title: str,
    check: Checker,
    where: str,
) -> ScalePlan | None:
    if given is not None:
        if given.district_id not in (None, district.pk):
            check.report(
                "scale",
                f"the scale '{given.name}' belongs to another district",
                column=_argument(purpose),
                value=str(given.pk),
            )
            return None
        if given.purpose != purpose:
            check.report(
                "scale",
                f"the scale '{given.name}' is not meant for {_what(purpose)} proficiency; choose a scale made for it",
                column=_argument(purpose),
                value=str(given.pk),
            )
            return None
        _fits(given, levels, check)
        return ScalePlan(purpose, existing=given)
    if not _check_scores(levels, check):
        return None
    scores = {level.score for level in levels if level.score is not None}
    if scores:
        if any(level.score is None for level in levels):
            missing = next(level for level in levels if level.score is None)
            check.report(
                missing.where,
                f"this rubric level has no score, so proficio cannot place it on a scale; give every level a score "
                f"or choose an existing scale with {_argument(purpose)}",
                column="score",
                value=missing.quality,
            )
            return None
        if previous is not None and _values(previous) == scores:
            return ScalePlan(purpose, existing=previous)
        for scale in _candidates(district, purpose):
            if _values(scale) == scores:
                return ScalePlan(purpose, existing=scale)
        return _new_scale(purpose, levels, threshold, fallback_threshold, title, district, check, where)
    if previous is not None:  # no scores to compare: keep the scale the framework already uses
        _fits(previous, levels, check)
        return ScalePlan(purpose, existing=previous)
    owned = list(ProficiencyScale.objects.filter(district=district, purpose=purpose))
    if len(owned) == 1:
        _fits(owned[0], levels, check)
        return ScalePlan(purpose, existing=owned[0])
    check.report(
        where,
        f"the package has no rubric levels to build a {_what(purpose)} scale from and the district has "
        f"{len(owned)} {_what(purpose)} scales; choose one with {_argument(purpose)}",
        column=_argument(purpose),
    )
    return None


def _new_scale(
    purpose: str,
    levels: list[RubricLevel],
    threshold: Decimal | None,
    fallback_threshold: Decimal | None,
    title: str,
    district: District,
    check: Checker,
    where: str,
) -> ScalePlan | None:
    qualities: dict[Decimal, Counter[str]] = {}
    descriptions: dict[Decimal, set[str]] = {}
    for level in levels:
        assert level.score is not None
        qualities.setdefault(level.score, Counter())[level.quality[:60]] += 1
        descriptions.setdefault(level.score, set()).add(level.level_description)
    specs: list[LevelSpec] = []
    labels: set[str] = set()
    for value in sorted(qualities):
        label = next((q for q, _ in qualities[value].most_common() if q), "")
        if not label or label.casefold() in labels:
            label = f"Level {value.normalize():f}"
        labels.add(label.casefold())
        common = descriptions[value]
        specs.append(LevelSpec(value=value, label=label, description=common.pop() if len(common) == 1 else ""))
    values = [spec.value for spec in specs]
    if threshold is not None and threshold not in values and purpose == ACADEMIC:
        check.report(
            where,
            f"the threshold {threshold} is not one of the rubric scores "
            f"({', '.join(f'{value.normalize():f}' for value in values)})",
            column="threshold",
            value=str(threshold),
        )
        return None
    chosen = _threshold(specs, threshold, fallback_threshold)
    if chosen is None:
        names = ", ".join(f"{spec.value.normalize():f} {spec.label}" for spec in specs)
        check.report(
            where,
            f"cannot tell which rubric level is the proficiency threshold of the new {_what(purpose)} scale "
            f"({names}): none reads like 'Proficient' or 'Meets'; pass --threshold SCORE (threshold=)",
            column="quality",
            value=names,
        )
        return None
    specs = [LevelSpec(spec.value, spec.label, spec.description, is_threshold=spec.value == chosen) for spec in specs]
    return ScalePlan(purpose, name=_free_name(district, title, purpose), levels=specs)


def _threshold(specs: list[LevelSpec], threshold: Decimal | None, fallback: Decimal | None) -> Decimal | None:
    values = [spec.value for spec in specs]
    if threshold is not None and threshold in values:
        return threshold
    named = [spec.value for spec in specs if _THRESHOLD_NAME.match(spec.label.strip().lower())]
    if named:
        return min(named)
    if fallback is not None and fallback in values:
        return fallback
    return None


def _free_name(district: District, title: str, purpose: str) -> str:
    suffix = " work-habit scale" if purpose == WORK_HABIT else " scale"
    base = title[: 120 - len(suffix) - 5].rstrip() + suffix
    taken = set(
        ProficiencyScale.objects.filter(district=district, name__startswith=base).values_list("name", flat=True)
    )
    name, number = base, 2
    while name in taken:
        name, number = f"{base} ({number})", number + 1
    return name
