"""``{% load case_markdown %}{{ statement|case_markdown }}``: a CASE statement's Markdown as safe HTML."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from proficio.interop.case.markdown import render_markdown

register = template.Library()


@register.filter(name="case_markdown")
def case_markdown(value: object) -> SafeString:
    return render_markdown("" if value is None else str(value))
