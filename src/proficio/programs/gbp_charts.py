"""The self-assessment's charts and their text alternatives: a dot strip, one row per dimension, a dot for the
earlier rating and one for the later, joined by a line (Vega-Lite, built with altair).

A dot strip rather than a radar: every dimension reads on the same straight axis, and the length of a row's line
is its change. Pure: rows in, a spec or a sentence out. The page always shows the table beside the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

BEFORE_COLOUR = "#555f70"  # the site's muted ink
AFTER_COLOUR = "#1f5fa8"  # the site's accent


@dataclass(frozen=True)
class DotRow:
    label: str  # "1.1 Personalized learning"
    before: float
    after: float


def dot_strip_spec(
    rows: Sequence[DotRow], *, levels: int, before: str, after: str, axis_title: str = "Level"
) -> dict[str, Any]:
    """Vega-Lite: a row per dimension, the earlier and later value as dots (shape and colour differ) on one line."""
    import altair as alt  # imported on first use: it is large

    labels = [row.label for row in rows]
    lines = [{"dimension": r.label, "before": r.before, "after": r.after} for r in rows]
    dots = [
        {"dimension": r.label, "when": when, "level": value}
        for r in rows
        for when, value in ((before, r.before), (after, r.after))
    ]
    y = alt.Y("dimension:N", title=None, sort=labels, axis=alt.Axis(labelLimit=320))
    scale = alt.Scale(domain=[1, levels], nice=False)
    rule = (
        alt.Chart(alt.Data(values=lines))
        .mark_rule(color="#9aa3b2", strokeWidth=2)
        .encode(y=y, x=alt.X("before:Q", scale=scale, title=axis_title, axis=alt.Axis(tickMinStep=1)), x2="after:Q")
    )
    when = alt.Scale(domain=[before, after], range=[BEFORE_COLOUR, AFTER_COLOUR])
    points = (
        alt.Chart(alt.Data(values=dots))
        .mark_point(filled=True, opacity=1)
        .encode(
            y=y,
            x=alt.X("level:Q", scale=scale),
            color=alt.Color("when:N", scale=when, title=None, sort=[before, after], legend=alt.Legend(orient="top")),
            shape=alt.Shape(
                "when:N", scale=alt.Scale(domain=[before, after], range=["circle", "diamond"]), legend=None
            ),
            # The earlier dot is the larger, so that an unchanged rating still shows both.
            size=alt.Size("when:N", scale=alt.Scale(domain=[before, after], range=[260, 120]), legend=None),
            tooltip=[alt.Tooltip("dimension:N"), alt.Tooltip("when:N", title="point"), alt.Tooltip("level:Q")],
        )
    )
    chart = alt.layer(rule, points).properties(width="container", height=max(80, 22 * len(rows)))
    return chart.to_dict(validate=False)


def _listed(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def change_sentence(counts: dict[str, int], lower: Sequence[str], *, what: str = "dimensions") -> str:
    """'Of 20 dimensions rated at both points, 12 improved, 6 did not change and 2 were lower (2.3, 3.2).'"""
    total = sum(counts.values())
    if not total:
        return f"No {what} were rated at both points."
    parts = [
        f"{counts.get('improved', 0)} improved",
        f"{counts.get('no change', 0)} did not change",
        f"{counts.get('lower', 0)} {'was' if counts.get('lower', 0) == 1 else 'were'} lower",
    ]
    sentence = f"Of {total} {what} rated at both points, {_listed(parts)}"
    return sentence + (f" ({_listed(list(lower))})." if lower else ".")


def roll_up_sentence(rows: Sequence[tuple[str, float, float]], *, schools: int) -> str:
    """How many means rose, the largest rise (the first code on a tie) and every fall, in words (rows: code, mean
    before, mean after, in code order)."""
    if not rows:
        return "No school of the cohort was rated at both points."
    who = f"Over {schools} {'school' if schools == 1 else 'schools'} rated at both points"
    changes = [(round(after - before, 2), code) for code, before, after in rows]
    rose = [(change, code) for change, code in changes if change > 0]
    fell = [f"{code} ({change:+.2f})" for change, code in changes if change < 0]
    if rose:
        top = max(change for change, _ in rose)
        first = next(code for change, code in rose if change == top)
        text = f"{who}, the mean rose on {len(rose)} of {len(rows)} dimensions, most on {first} ({top:+.2f} levels)"
    else:
        text = f"{who}, the mean rose on none of {len(rows)} dimensions"
    return text + (f"; it fell on {_listed(fell)}." if fell else "; it fell on none.")
