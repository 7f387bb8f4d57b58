"""Whether to offer a link to the audit trail, asked of the same rule the page itself applies."""

from __future__ import annotations

from django import template

from proficio.accounts.models import User
from proficio.audit.permissions import may_browse

register = template.Library()


@register.filter
def may_browse_audit(user: object) -> bool:
    return isinstance(user, User) and may_browse(user)
