"""Template filters for the progress pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext, gettext_noop

register = template.Library()

# The labels standards are grouped under (Standard.Kind, roster.ContentArea), which the models keep in English.
GROUP_LABELS = (
    gettext_noop("Cross-curricular"),
    gettext_noop("Content-area"),
    gettext_noop("English language arts"),
    gettext_noop("Mathematics"),
    gettext_noop("Science"),
    gettext_noop("Social studies"),
    gettext_noop("World languages"),
    gettext_noop("Visual and performing arts"),
    gettext_noop("Physical education and health"),
    gettext_noop("Career and technical education"),
    gettext_noop("Interdisciplinary"),
    gettext_noop("Advisory"),
)


@register.filter
def level_label(label: str) -> str:
    """A scale level's (or a group's) label in the reader's language, when the locale files know it (see
    sentences.LEVEL_LABELS and GROUP_LABELS); otherwise as the district wrote it."""
    return gettext(label) if label else ""
