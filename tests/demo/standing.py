"""Each planned student's required graduation standards met, computed from a plan without a database.

The same engine functions and the same policy as the recompute that fills ``GraduationStatus`` when the demo
is written, on the same evidence in the same order (counted scores only — summative, current after
corrections — by date, then assessments before outside evidence, then the order they were created in).
``test_realism.py`` checks on a written district that the two agree to the student, so that the realism of
the full-size demo can be checked here, in seconds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date

from proficio.demo import catalogue as cat
from proficio.demo.plan import DistrictPlan
from proficio.demo.writer import POLICY
from proficio.engine.indicator import evaluate_indicator
from proficio.engine.rollup import rollup_standard
from proficio.engine.scales import Scale
from proficio.insights.readiness import expected_by_now, on_track_shares
from proficio.proficiency.shape import engine_policy
from proficio.standards.models import CalculationPolicy

REQUIRED = (*cat.CROSS_CURRICULAR, *cat.CONTENT_AREA_STANDARDS)
THRESHOLD = next(level.value for level in cat.ACADEMIC_SCALE if level.is_threshold)
SCALE = Scale.of([(float(level.value), level.label) for level in cat.ACADEMIC_SCALE], float(THRESHOLD))


def _evidence(plan: DistrictPlan) -> dict[tuple[str, str], list[tuple[date, int, int, float]]]:
    """(student, indicator) → counted evidence as (date, source, creation order, value)."""
    assessments = {a.key: (i, a) for i, a in enumerate(plan.assessments)}
    evidence: dict[tuple[str, str], list[tuple[date, int, int, float]]] = defaultdict(list)
    for score in plan.scores:
        order, assessment = assessments[score.assessment]
        if assessment.kind == "summative":
            value = score.value if score.corrected_to is None else score.corrected_to
            evidence[(score.student, score.indicator_code)].append((assessment.assessed_on, 0, order, value))
    for order, outside in enumerate(plan.outside_evidence):
        for code, value in zip(outside.indicator_codes, outside.values, strict=True):
            evidence[(outside.student, code)].append((outside.completed_on, 1, order, value))
    return evidence


def standards_met(plan: DistrictPlan) -> dict[str, int]:
    """Current student key → required standards met."""
    policy = engine_policy(CalculationPolicy(**POLICY))
    evidence = _evidence(plan)
    met: dict[str, int] = {}
    for student in plan.students:
        key = student.person.key
        count = 0
        for standard in REQUIRED:
            levels = []
            for indicator in standard.indicators:
                values = [value for *_, value in sorted(evidence.get((key, indicator.code), []))]
                levels.append(evaluate_indicator(values, SCALE, policy).level if values else None)
            count += rollup_standard(levels, SCALE, policy).proficient
        met[key] = count
    return met


def at_risk(grade: int, met: int, shares: Mapping[int, float] | None = None) -> bool:
    """Not on track: fewer standards met than the district expects by the start of ``grade``."""
    return met < expected_by_now(len(REQUIRED), grade, shares or on_track_shares())
