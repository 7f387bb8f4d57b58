"""Growth charts: one Vega-Lite spec per standard (built with Altair, on the server), drawn in the browser by
``static/proficio/progress-charts.js`` with the vendored Vega files and the CSP-safe expression interpreter.

Each chart comes with a text alternative (the same points as a sentence), and the page's evidence tables show
every number, so the chart is never the only way to read them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.utils import dateformat
from django.utils.translation import get_language, gettext, ngettext

from proficio.engine.explain import number
from proficio.progress.services import Progress

# d3-time-format locales for the chart axes, by language (English is Vega's default).
TIME_LOCALES: dict[str, dict[str, Any]] = {
    "es": {
        "dateTime": "%A, %e de %B de %Y, %X",
        "date": "%d/%m/%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
        "shortDays": ["dom", "lun", "mar", "mié", "jue", "vie", "sáb"],
        "months": [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        "shortMonths": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
    }
}


DATASET = "points"  # the chart's one named dataset: the student's summative scores


def _spec(points: list[tuple[Any, float, str, str]], low: float, high: float) -> dict[str, Any]:
    """The chart of ``points``: the shared spec of its scale and language, with the points as its dataset."""
    rows = [
        {"date": on.isoformat(), "score": value, "indicator": code, "evidence": title}
        for on, value, code, title in points
        if on is not None
    ]
    return {**_chart_without_data(get_language() or "en", low, high), "datasets": {DATASET: rows}}


@lru_cache(maxsize=64)
def _chart_without_data(language: str, low: float, high: float) -> dict[str, Any]:
    """The spec every chart of a scale shares in a language, its data named, not given. Building a spec with
    Altair takes about 10 ms, which a page of forty standards paid forty times; this is built once per process.
    Callers must not change it: they add their own ``datasets`` to a copy."""
    import altair as alt  # imported on first use: it is large, and only this page draws charts

    chart = (
        alt.Chart(alt.Data(name=DATASET))
        .mark_line(point=True)
        .encode(
            x=alt.X("date:T", title=gettext("Date"), axis=alt.Axis(format="%b", tickCount="month", labelAngle=0)),
            y=alt.Y(
                "score:Q",
                title=gettext("Score"),
                scale=alt.Scale(domain=[low, high]),
                axis=alt.Axis(tickMinStep=1),
            ),
            color=alt.Color("indicator:N", title=gettext("Indicator")),
            tooltip=[
                alt.Tooltip("evidence:N", title=gettext("Evidence")),
                alt.Tooltip("date:T", title=gettext("Date")),
                alt.Tooltip("score:Q", title=gettext("Score")),
                alt.Tooltip("indicator:N", title=gettext("Indicator")),
            ],
        )
        .properties(width="container", height=180)
    )
    spec = chart.to_dict(validate=False)  # the spec is ours and fixed in shape
    locale = TIME_LOCALES.get(language.split("-")[0])
    if locale:  # read by progress-charts.js: month names in the reader's language
        spec["usermeta"] = {"timeFormatLocale": locale}
    return spec


def _alternative(code: str, points: list[tuple[Any, float, str, str]]) -> str:
    by_indicator: dict[str, list[str]] = {}
    # Translators: a score and the date it was given, in a chart's text alternative: "3 (October 2)".
    scored, day_format = gettext("%(score)s (%(day)s)"), gettext("F j")
    for on, value, indicator, _ in points:
        if on is not None:
            by_indicator.setdefault(indicator, []).append(
                scored % {"score": number(value), "day": dateformat.format(on, day_format)}
            )
    described = "; ".join(f"{indicator}: {', '.join(scores)}" for indicator, scores in sorted(by_indicator.items()))
    head = ngettext(
        "Growth on %(code)s: %(count)s summative score over time.",
        "Growth on %(code)s: %(count)s summative scores over time.",
        len(points),
    ) % {"code": code, "count": len(points)}
    return f"{head} {described}."


def growth_charts(progress: Progress) -> list[dict[str, Any]]:
    """[{"id", "standard", "spec", "alternative"}] for each academic standard with summative evidence."""
    framework = progress.framework
    if framework is None or not progress.growth:
        return []
    values = [float(v) for v in framework.scale.levels.values_list("value", flat=True)]
    low, high = (min(values), max(values)) if values else (0.0, 4.0)
    return [
        {
            "id": f"growth-{row['standard'].pk}",
            "standard": row["standard"],
            "spec": _spec(row["points"], low, high),
            "alternative": _alternative(row["standard"].code, row["points"]),
        }
        for row in progress.growth
    ]
