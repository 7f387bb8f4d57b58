"""Every result explains itself: a structured trace and a sentence a student or parent understands.

``explain_indicator`` re-runs the indicator's method over its evidence (labelled with titles and dates) and
returns the trace — method, parameters, the evidence in order, which scores were used, intermediate values —
and the sentence, e.g. "Your level for *Analyze a text's central idea* is 3 – Meets. We use your most
recent evidence: “Argument essay” on March 4, scored 3. Earlier scores (2, 2) show how you got there."

``explain_standard`` and ``explain_graduation`` do the same for roll-ups and graduation.
Sentences are built from the phrases in this module only, so a translation can replace them as a set.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from proficio.engine.graduation import GraduationResult
from proficio.engine.indicator import evaluate_indicator
from proficio.engine.policy import Policy
from proficio.engine.rollup import StandardResult, rollup_standard
from proficio.engine.scales import Level, Scale


@dataclass(frozen=True)
class EvidenceItem:
    value: float
    title: str = ""
    on: date | None = None


@dataclass(frozen=True)
class Trace:
    subject: str
    method: str
    params: Mapping[str, Any]
    evidence: tuple[EvidenceItem, ...]
    used: tuple[int, ...]
    steps: tuple[float, ...]
    detail: Mapping[str, float]
    value: float | None
    level: Level | None
    proficient: bool
    minimum_evidence: int
    rounding: str


@dataclass(frozen=True)
class Explanation:
    sentence: str
    trace: Trace | None = None
    parts: tuple[str, ...] = field(default_factory=tuple)


def number(value: float) -> str:
    """2 → "2", 2.5 → "2.5", 2.8346 → "2.83": as people write scores."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def day(on: date | None) -> str:
    return f"{on:%B} {on.day}" if on else ""


def describe(item: EvidenceItem) -> str:
    parts = [f"“{item.title}”" if item.title else "a score"]
    if item.on:
        parts.append(f"on {day(item.on)}")
    return " ".join(parts) + f", scored {number(item.value)}"


def _list(values: Sequence[float]) -> str:
    return ", ".join(number(v) for v in values)


def _names(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _rounded(value: float, level: Level) -> str:
    if value == level.value:
        return f"{number(value)}"
    return f"{number(value)}, which maps to {level.number} on the scale"


def _method_sentence(trace: Trace, owner: str, scale: Scale) -> str:
    items = trace.evidence
    values = [item.value for item in items]
    p, d, value = trace.params, trace.detail, trace.value
    level = trace.level
    assert value is not None and level is not None
    method = trace.method
    if method == "most_recent":
        text = f"We use {owner} most recent evidence: {describe(items[-1])}."
        if len(items) > 1:
            text += f" Earlier scores ({_list(values[:-1])}) show how {owner_pronoun(owner)} got there."
        return text
    if method == "highest":
        return f"We use {owner} highest score: {describe(items[trace.used[0]])}."
    if method == "mean":
        return f"We average all {len(values)} of {owner} scores ({_list(values)}): {_rounded(value, level)}."
    if method == "mode":
        count = len(trace.used)
        tied = [v for v in set(values) if values.count(v) == count and v != value]
        text = (
            f"We use the score {owner_pronoun(owner)} earned most often: "
            f"{number(value)} ({count} of {len(values)} scores)."
        )
        if tied:
            text += f" It was tied with {_list(sorted(tied))}; the one earned most recently counts."
        return text
    if method == "decaying_average":
        w = float(p["w"])
        chain = " → ".join(number(s) for s in trace.steps)
        return (
            f"We use a decaying average that gives recent work more weight: each new score counts "
            f"{round(w * 100)}% and everything before it {round((1 - w) * 100)}%. Over {owner} scores "
            f"({_list(values)}) it moves {chain}, ending at {_rounded(value, level)}."
        )
    if method == "weighted_recent":
        w = float(p["w"])
        if len(items) == 1:
            return f"We use {owner} only score so far: {describe(items[0])}."
        return (
            f"{owner.capitalize()} most recent score ({describe(items[-1])}) counts {round(w * 100)}% and the "
            f"average of {owner} earlier scores ({number(d['earlier'])}) counts {round((1 - w) * 100)}%: "
            f"{_rounded(value, level)}."
        )
    if method == "power_law":
        if d.get("fallback_mean"):
            return (
                f"With fewer than 3 scores we average them ({_list(values)}): {_rounded(value, level)}. "
                f"From 3 scores on, we fit a trend line to estimate where {owner_pronoun(owner)} are now."
            )
        text = (
            f"We fit a learning curve to {owner} {len(values)} scores ({_list(values)}) to estimate where "
            f"{owner_pronoun(owner)} are now: {number(d['predicted'])}"
        )
        if d["predicted"] != value:
            text += f", kept within the scale at {number(value)}"
        return text + f", so the level is {level.number}."
    if method == "n_of_m":
        n, m = int(p["n"]), int(p["m"])
        threshold = scale.threshold_level
        window = [values[i] for i in trace.used]
        reached = int(d["reached"])
        text = (
            f"Proficiency means at least {n} of the last {m} scores reach {threshold}. "
            f"{owner.capitalize()} last {len(window)} scores are {_list(window)}: "
            f"{reached} {'reaches' if reached == 1 else 'reach'} it"
        )
        if trace.proficient:
            return text + f", so the level is {level}."
        return text + f", so for now the level is {level}."
    if method == "highest_of_last":
        window = values[-int(p["m"]) :]
        best = describe(items[trace.used[0]])
        return f"We use the highest of {owner} last {len(window)} scores ({_list(window)}): {best}."
    if method == "mean_of_last":
        window = [values[i] for i in trace.used]
        return f"We average {owner} last {len(window)} scores ({_list(window)}): {_rounded(value, level)}."
    raise ValueError(f"no explanation for method '{method}'")


def owner_pronoun(owner: str) -> str:
    """ "your" → "you"; "Maya's" → "Maya"."""
    if owner == "your":
        return "you"
    return owner[:-2] if owner.endswith("'s") else owner


def explain_indicator(
    evidence: Sequence[EvidenceItem], scale: Scale, policy: Policy, subject: str, owner: str = "your"
) -> Explanation:
    """Explain one student's level on one indicator. ``owner`` is "your" or a possessive like "Maya's"."""
    items = tuple(evidence)
    head = f"{owner.capitalize()} level for *{subject.rstrip('. ')}*"
    if not items:
        return Explanation(f"{head} is not decided yet: there is no summative evidence so far.")
    result = evaluate_indicator([item.value for item in items], scale, policy)
    computation = result.computation
    trace = Trace(
        subject=subject,
        method=policy.method,
        params=policy.method_params(scale),
        evidence=items,
        used=computation.used,
        steps=computation.steps,
        detail=dict(computation.detail or {}),
        value=result.value,
        level=result.level,
        proficient=result.proficient,
        minimum_evidence=policy.minimum_evidence,
        rounding=policy.rounding,
    )
    if result.level is None:
        if len(items) < policy.minimum_evidence:
            count = f"{len(items)} so far" if len(items) > 1 else "1 so far"
            reason = f"we need at least {policy.minimum_evidence} summative scores and there {_are(len(items))} {count}"
        else:
            reason = f"this method needs at least {int(trace.params['n'])} recent scores to judge"
        return Explanation(f"{head} is not decided yet: {reason} (latest: {describe(items[-1])}).", trace)
    opening = f"{head} is {result.level}."
    return Explanation(f"{opening} {_method_sentence(trace, owner, scale)}", trace)


def _are(n: int) -> str:
    return "is" if n == 1 else "are"


# Every roll-up but "minimum" starts from the mean of the indicator levels (see rollup.py).
_MEAN_PHRASE = "the average of {owner} indicator levels ({levels}) is {value}"
_MINIMUM_PHRASE = "a standard is as strong as its weakest indicator; {owner} lowest indicator level is {value}"


def explain_standard(
    levels: Sequence[Level | None], scale: Scale, policy: Policy, subject: str, owner: str = "your"
) -> Explanation:
    """Explain a standard's level from its indicators' levels (None where an indicator has no level)."""
    result: StandardResult = rollup_standard(levels, scale, policy)
    head = f"{owner.capitalize()} level for the standard *{subject}*"
    needed = max(1, math.ceil(policy.minimum_share * result.total - 1e-9))  # as rollup.required_share_met
    if result.level is None or result.value is None:
        return Explanation(
            f"{head} is not decided yet: {result.assessed} of its {result.total} indicators "
            f"{'has' if result.assessed == 1 else 'have'} a level, "
            f"and at least {needed} are needed."
        )
    present = [level.number for level in levels if level is not None]
    phrase = _MINIMUM_PHRASE if policy.rollup == "minimum" else _MEAN_PHRASE
    body = phrase.format(owner=owner, levels=", ".join(present), value=number(result.value))
    text = f"{head} is {result.level}: {body}."
    if policy.rollup == "all_proficient":
        rule = f"every indicator must reach {scale.threshold_level}"
    elif policy.rollup == "n_of_m_proficient":
        n = min(policy.rollup_n() or result.total, result.total)
        rule = f"at least {n} of its {result.total} indicators must reach {scale.threshold_level}"
    else:
        rule = ""
    if rule:
        text += f" To be proficient, {rule}; {result.proficient_count} do."
        if result.adjusted == "raised":
            text += f" That is enough, so the level is raised to {result.level}."
        elif result.adjusted == "held":
            text += f" That is not enough yet, so the level is held at {result.level}."
    return Explanation(text)


def explain_graduation(result: GraduationResult, titles: Mapping[str, str], owner: str = "your") -> Explanation:
    """``titles`` maps standard keys to the names people know them by."""
    if result.met:
        return Explanation(
            f"All {result.required} required graduation standards are met: {owner} graduation requirement is verified."
        )
    still = [titles.get(key, key) for key in result.missing]
    text = (
        f"{len(result.proficient)} of {result.required} required graduation standards are met. "
        f"Still to go: {_names(still)}."
    )
    if result.insufficient:
        text += f" {len(result.insufficient)} of them do not have enough evidence for a level yet."
    return Explanation(text)
