from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from proficio.proficiency.gradebook import Row

register = template.Library()


@register.filter
def cells_html(row: Row, cell_url: str) -> SafeString:
    return row.cells_html(cell_url)
