"""The engine's plain-language explanation of a level, in the reader's language.

In English the sentence is the engine's own (``proficio.engine.explain``), unchanged. In any other active
language it is rebuilt here from the engine's trace — the same method, evidence, values and level — out of
sentences marked for translation, one per method and per reader ("you" or the student's name), so that a
translation never has to guess grammar from glued-together phrases. The locale files hold the Spanish.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, gettext_noop, ngettext

from proficio.engine.explain import EvidenceItem, Explanation, Trace, explain_indicator, number
from proficio.engine.scales import Level
from proficio.evidence.models import Assessment, OutsideEvidence
from proficio.proficiency.evidence import rows_for
from proficio.proficiency.explanations import indicator_explanation, sentence_html
from proficio.proficiency.shape import shapes_for_indicators
from proficio.roster.models import Student
from proficio.standards.models import PerformanceIndicator

# Scale level labels as districts commonly name them (the demo's scales): translated when a translation
# exists, shown as the district wrote them otherwise.
LEVEL_LABELS = (
    gettext_noop("Does not meet"),
    gettext_noop("Partially meets"),
    gettext_noop("Meets"),
    gettext_noop("Exceeds"),
    gettext_noop("Beginning"),
    gettext_noop("Developing"),
    gettext_noop("Proficient"),
    gettext_noop("Advanced"),
)


def in_english() -> bool:
    return (get_language() or "en").split("-")[0] == "en"


def indicator_explanations(
    student: Student, indicators: Sequence[PerformanceIndicator], *, for_student: bool
) -> dict[int, Explanation]:
    """``indicator_explanation`` for many indicators of one framework in a few queries, not a few per indicator:
    the same inputs (shape, counted evidence in order, titles) handed to the same engine function.
    tests/progress checks that both agree on every indicator of a demo student."""
    ids = [indicator.pk for indicator in indicators]
    if not ids:
        return {}
    part_of = {pk: part for shape in shapes_for_indicators(ids) for pk, part in shape.part_of_indicator.items()}
    policy_of = {pk: shape.policy for shape in shapes_for_indicators(ids) for pk in shape.part_of_indicator}
    rows = rows_for(student.pk, ids)
    every = [row for indicator_rows in rows.values() for row in indicator_rows]
    titles = dict(
        Assessment.objects.filter(pk__in={r.evidence_id for r in every if r.source == 0}).values_list("pk", "title")
    )
    outside = dict(
        OutsideEvidence.objects.filter(pk__in={r.evidence_id for r in every if r.source == 1}).values_list(
            "pk", "title"
        )
    )
    owner = "your" if for_student else f"{student.user.first_name or student.user.get_full_name()}'s"
    explanations = {}
    for indicator in indicators:
        if indicator.pk not in part_of:
            explanations[indicator.pk] = indicator_explanation(student, indicator, for_student=for_student)
            continue
        items = [
            EvidenceItem(r.value, (titles if r.source == 0 else outside).get(r.evidence_id, ""), r.on)
            for r in rows[indicator.pk]
        ]
        part = part_of[indicator.pk]
        explanations[indicator.pk] = explain_indicator(
            items, part.scale, policy_of[indicator.pk], indicator.statement, owner
        )
    return explanations


def sentence(
    student: Student, indicator: PerformanceIndicator, explanation: Explanation, *, for_student: bool
) -> SafeString:
    """An explanation as HTML (escaped, names in <em>), in the active language."""
    if in_english():
        return sentence_html(explanation.sentence)
    name = "" if for_student else (student.user.first_name or student.user.get_full_name())
    return sentence_html(translated(explanation, indicator.statement, name))


def indicator_sentence(student: Student, indicator: PerformanceIndicator, *, for_student: bool) -> SafeString:
    """The explanation of ``student``'s level on ``indicator`` as HTML (escaped, names in <em>)."""
    explanation = indicator_explanation(student, indicator, for_student=for_student)
    if in_english():
        return sentence_html(explanation.sentence)
    name = "" if for_student else (student.user.first_name or student.user.get_full_name())
    return sentence_html(translated(explanation, indicator.statement, name))


def level_text(level: Level) -> str:
    return f"{level.number} – {gettext(level.label)}"


def _day(on) -> str:  # type: ignore[no-untyped-def]
    # Translators: a date format (Django's date filter) for "on March 4" in explanations; Spanish "j \\d\\e F".
    return formats.date_format(on, gettext("F j")) if on else ""


def _describe(item: EvidenceItem) -> str:
    title = f"“{item.title}”" if item.title else gettext("a score")
    if item.on:
        return gettext("%(title)s on %(day)s, scored %(value)s") % {
            "title": title,
            "day": _day(item.on),
            "value": number(item.value),
        }
    return gettext("%(title)s, scored %(value)s") % {"title": title, "value": number(item.value)}


def _list(values: Sequence[float]) -> str:
    return ", ".join(number(v) for v in values)


def _rounded(value: float, level: Level) -> str:
    if value == level.value:
        return number(value)
    return gettext("%(value)s, which maps to %(level)s on the scale") % {"value": number(value), "level": level.number}


def translated(explanation: Explanation, subject: str, name: str) -> str:
    """The sentence in the active language. ``name`` is empty when the reader is the student."""
    subject = subject.rstrip(". ")
    you = not name
    trace = explanation.trace
    if trace is None:
        text = (
            gettext("Your level for *%(subject)s* is not decided yet: there is no summative evidence so far.")
            if you
            else gettext(
                "%(name)s's level for *%(subject)s* is not decided yet: there is no summative evidence so far."
            )
        )
        return text % {"subject": subject, "name": name}
    if trace.level is None or trace.value is None:
        count = len(trace.evidence)
        if count < trace.minimum_evidence:
            reason = ngettext(
                "we need at least %(minimum)s summative scores and there is %(count)s so far",
                "we need at least %(minimum)s summative scores and there are %(count)s so far",
                count,
            ) % {"minimum": trace.minimum_evidence, "count": count}
        else:
            reason = gettext("this method needs at least %(n)s recent scores to judge") % {"n": int(trace.params["n"])}
        text = (
            gettext("Your level for *%(subject)s* is not decided yet: %(reason)s (latest: %(latest)s).")
            if you
            else gettext("%(name)s's level for *%(subject)s* is not decided yet: %(reason)s (latest: %(latest)s).")
        )
        return text % {"subject": subject, "name": name, "reason": reason, "latest": _describe(trace.evidence[-1])}
    opening = (
        gettext("Your level for *%(subject)s* is %(level)s.")
        if you
        else gettext("%(name)s's level for *%(subject)s* is %(level)s.")
    ) % {"subject": subject, "name": name, "level": level_text(trace.level)}
    return f"{opening} {_method(trace, name)}"


def _method(trace: Trace, name: str) -> str:
    you = not name
    items = trace.evidence
    values = [item.value for item in items]
    value, level = trace.value, trace.level
    assert value is not None and level is not None
    p, d = trace.params, trace.detail
    args: dict[str, object] = {"name": name, "count": len(values), "values": _list(values)}
    method = trace.method
    if method == "most_recent":
        text = (
            gettext("We use your most recent evidence: %(item)s.")
            if you
            else gettext("We use %(name)s's most recent evidence: %(item)s.")
        ) % (args | {"item": _describe(items[-1])})
        if len(items) > 1:
            earlier = (
                gettext("Earlier scores (%(earlier)s) show how you got there.")
                if you
                else gettext("Earlier scores (%(earlier)s) show how %(name)s got there.")
            )
            text += " " + earlier % (args | {"earlier": _list(values[:-1])})
        return text
    if method == "highest":
        text = (
            gettext("We use your highest score: %(item)s.")
            if you
            else gettext("We use %(name)s's highest score: %(item)s.")
        )
        return text % (args | {"item": _describe(items[trace.used[0]])})
    if method == "mean":
        text = (
            gettext("We average all %(count)s of your scores (%(values)s): %(result)s.")
            if you
            else gettext("We average all %(count)s of %(name)s's scores (%(values)s): %(result)s.")
        )
        return text % (args | {"result": _rounded(value, level)})
    if method == "mode":
        count = len(trace.used)
        text = (
            gettext("We use the score you earned most often: %(value)s (%(used)s of %(count)s scores).")
            if you
            else gettext("We use the score %(name)s earned most often: %(value)s (%(used)s of %(count)s scores).")
        ) % (args | {"value": number(value), "used": count})
        tied = [v for v in set(values) if values.count(v) == count and v != value]
        if tied:
            text += " " + gettext("It was tied with %(tied)s; the one earned most recently counts.") % {
                "tied": _list(sorted(tied))
            }
        return text
    if method == "decaying_average":
        w = float(p["w"])
        text = (
            gettext(
                "We use a decaying average that gives recent work more weight: each new score counts %(new)s%% and "
                "everything before it %(old)s%%. Over your scores (%(values)s) it moves %(chain)s, ending at "
                "%(result)s."
            )
            if you
            else gettext(
                "We use a decaying average that gives recent work more weight: each new score counts %(new)s%% and "
                "everything before it %(old)s%%. Over %(name)s's scores (%(values)s) it moves %(chain)s, ending at "
                "%(result)s."
            )
        )
        chain = " → ".join(number(s) for s in trace.steps)
        return text % (
            args
            | {"new": round(w * 100), "old": round((1 - w) * 100), "chain": chain, "result": _rounded(value, level)}
        )
    if method == "weighted_recent":
        w = float(p["w"])
        if len(items) == 1:
            text = (
                gettext("We use your only score so far: %(item)s.")
                if you
                else gettext("We use %(name)s's only score so far: %(item)s.")
            )
            return text % (args | {"item": _describe(items[0])})
        text = (
            gettext(
                "Your most recent score (%(item)s) counts %(new)s%% and the average of your earlier scores "
                "(%(earlier)s) counts %(old)s%%: %(result)s."
            )
            if you
            else gettext(
                "%(name)s's most recent score (%(item)s) counts %(new)s%% and the average of %(name)s's earlier "
                "scores (%(earlier)s) counts %(old)s%%: %(result)s."
            )
        )
        return text % (
            args
            | {
                "item": _describe(items[-1]),
                "new": round(w * 100),
                "old": round((1 - w) * 100),
                "earlier": number(d["earlier"]),
                "result": _rounded(value, level),
            }
        )
    if method == "power_law":
        if d.get("fallback_mean"):
            text = (
                gettext(
                    "With fewer than 3 scores we average them (%(values)s): %(result)s. From 3 scores on, we fit a "
                    "trend line to estimate where you are now."
                )
                if you
                else gettext(
                    "With fewer than 3 scores we average them (%(values)s): %(result)s. From 3 scores on, we fit a "
                    "trend line to estimate where %(name)s is now."
                )
            )
            return text % (args | {"result": _rounded(value, level)})
        text = (
            gettext(
                "We fit a learning curve to your %(count)s scores (%(values)s) to estimate where you are now: "
                "%(predicted)s"
            )
            if you
            else gettext(
                "We fit a learning curve to %(name)s's %(count)s scores (%(values)s) to estimate where %(name)s is "
                "now: %(predicted)s"
            )
        ) % (args | {"predicted": number(d["predicted"])})
        if d["predicted"] != value:
            text += gettext(", kept within the scale at %(value)s") % {"value": number(value)}
        return text + gettext(", so the level is %(level)s.") % {"level": level.number}
    if method == "n_of_m":
        window = [values[i] for i in trace.used]
        reached = int(d["reached"])
        text = (
            gettext("Proficiency means at least %(n)s of the last %(m)s scores reach %(threshold)s.")
            % {"n": int(p["n"]), "m": int(p["m"]), "threshold": _threshold(trace)}
            + " "
            + (
                ngettext(
                    "Your last %(count)s scores are %(values)s: %(reached)s reaches it",
                    "Your last %(count)s scores are %(values)s: %(reached)s reach it",
                    reached,
                )
                if you
                else ngettext(
                    "%(name)s's last %(count)s scores are %(values)s: %(reached)s reaches it",
                    "%(name)s's last %(count)s scores are %(values)s: %(reached)s reach it",
                    reached,
                )
            )
            % (args | {"count": len(window), "values": _list(window), "reached": reached})
        )
        if trace.proficient:
            return text + gettext(", so the level is %(level)s.") % {"level": level_text(level)}
        return text + gettext(", so for now the level is %(level)s.") % {"level": level_text(level)}
    if method == "highest_of_last":
        window = values[-int(p["m"]) :]
        text = (
            gettext("We use the highest of your last %(count)s scores (%(values)s): %(item)s.")
            if you
            else gettext("We use the highest of %(name)s's last %(count)s scores (%(values)s): %(item)s.")
        )
        return text % (args | {"count": len(window), "values": _list(window), "item": _describe(items[trace.used[0]])})
    if method == "mean_of_last":
        window = [values[i] for i in trace.used]
        text = (
            gettext("We average your last %(count)s scores (%(values)s): %(result)s.")
            if you
            else gettext("We average %(name)s's last %(count)s scores (%(values)s): %(result)s.")
        )
        return text % (args | {"count": len(window), "values": _list(window), "result": _rounded(value, level)})
    raise ValueError(f"no explanation for method '{method}'")


def _threshold(trace: Trace) -> str:
    # The engine names the scale's threshold level ("3 – Meets"); the trace keeps the level it reached, so the
    # threshold is rebuilt from the parameters the method used.
    threshold = trace.params.get("threshold")
    return number(float(threshold)) if threshold is not None else ""
