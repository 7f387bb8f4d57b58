"""Which proficio content area a CASE subject names ("Mathematics", "ELA", "Biology", …).

CASE subjects are free text (or links to a publisher's subject list), so they are matched by the content
area's own value and label first, then by common words for it. A subject that says "cross-curricular"
makes a standard cross-curricular even when the document as a whole names a content area.
"""

from __future__ import annotations

import re

from proficio.roster.models import ContentArea

CROSS_CURRICULAR = "cross_curricular"

_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (CROSS_CURRICULAR, ("cross-curricular", "cross curricular", "transferable", "all subjects", "all content areas")),
    (ContentArea.ELA, ("english", "ela", "language arts", "reading", "writing", "literacy", "literature")),
    (ContentArea.MATH, ("math", "maths", "mathematics", "algebra", "geometry", "calculus", "statistics")),
    (ContentArea.SCIENCE, ("science", "biology", "chemistry", "physics", "earth science", "ngss")),
    (ContentArea.SOCIAL_STUDIES, ("social studies", "history", "civics", "geography", "economics", "government")),
    (ContentArea.WORLD_LANGUAGES, ("world language", "world languages", "foreign language", "spanish", "french")),
    (ContentArea.ARTS, ("arts", "art", "music", "visual arts", "theatre", "theater", "dance")),
    (ContentArea.PE_HEALTH, ("physical education", "health", "pe", "wellness")),
    (ContentArea.CTE, ("career and technical education", "cte", "career technical")),
)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def classify(subject: str) -> str | None:
    """A ContentArea value, ``"cross_curricular"``, or None when the subject names neither."""
    text = _normal(subject)
    for area in ContentArea:
        if text in (area.value, _normal(str(area.label))):
            return str(area.value)
    words = set(re.findall(r"[a-z]+", text))
    for target, names in _WORDS:
        for name in names:
            if (" " in name or "-" in name) and name in text:
                return str(target)
            if name in words:
                return str(target)
    return None


def first_match(names: list[str]) -> str | None:
    for name in names:
        found = classify(name)
        if found:
            return found
    return None


def label(area: str) -> str:
    """The subject name proficio exports for a content area (its label, which ``classify`` reads back)."""
    return str(ContentArea(area).label)
