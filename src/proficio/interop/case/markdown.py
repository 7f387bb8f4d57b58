"""Render CASE statements, which may carry Markdown, as safe HTML.

CASE 1.1 statements are plain text that publishers often write in Markdown. They come from outside the
district, so rendering must never let markup through: the CommonMark preset with raw HTML disabled escapes
every tag, and links (and images) are kept only for http, https and mailto addresses or relative ones —
``javascript:``, ``data:``, ``vbscript:`` and any other scheme are left as plain text.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})


def _allowed(url: str) -> bool:
    # markdown-it hands over the percent-encoded form; browsers skip control characters inside a scheme
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", unquote(url))
    match = _SCHEME.match(cleaned)
    return match is None or match.group(1).lower() in ALLOWED_SCHEMES


def _renderer() -> MarkdownIt:
    renderer = MarkdownIt("commonmark", {"html": False})
    renderer.validateLink = _allowed  # type: ignore[method-assign]
    return renderer


_MARKDOWN = _renderer()


def render_markdown(text: str | None) -> SafeString:
    """HTML for a statement; safe to put in a template unescaped."""
    return mark_safe(_MARKDOWN.render(text or ""))  # html is disabled and links are checked above
