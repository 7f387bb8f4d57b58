"""What the standards give the home page: the graduation frameworks a district has adopted, with their size.

A framework's size counts its graduation standards only: work habits are reported apart from academic
proficiency everywhere, so they are left out here too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from proficio.roster.models import District
from proficio.standards.models import Framework, Standard


@dataclass(frozen=True)
class FrameworkRow:
    """A current framework of the district and how many graduation standards it holds."""

    framework: Framework
    standard_count: int


def adopted_frameworks(district: District) -> list[FrameworkRow]:
    """The district's current frameworks, each with its graduation standards counted (one query)."""
    frameworks = Framework.objects.filter(district=district, is_current=True).annotate(
        standard_count=Count("standards", filter=~Q(standards__kind=Standard.Kind.WORK_HABIT))
    )
    return [FrameworkRow(framework, framework.standard_count) for framework in frameworks]
