"""Frameworks are public within their district: everyone who belongs to the district (staff through a school,
students and guardians through a student) reads its standards, indicators and objectives; other districts'
frameworks stay out of sight. Changing them is a separate right (``interop.permissions``, the admin)."""

from __future__ import annotations

from django.db.models import Q

from proficio.accounts.models import User
from proficio.accounts.scoping import read_perm, scope_rule
from proficio.roster.models import District
from proficio.standards.models import Framework, PerformanceIndicator, Standard


def _district_ids(user: User) -> list[int]:
    # Read once, as a list: a person belongs to one district or a few, and nesting the district rule inside
    # each level below (indicator → standard → framework) would overflow SQLite's parser.
    return list(District.objects.for_user(user).values_list("pk", flat=True))


@scope_rule(Framework)
def framework_filter(user: User) -> Q:
    return Q(district_id__in=_district_ids(user))


@scope_rule(Standard)
def standard_filter(user: User) -> Q:
    return Q(framework__district_id__in=_district_ids(user))


@scope_rule(PerformanceIndicator)
def indicator_filter(user: User) -> Q:
    return Q(standard__framework__district_id__in=_district_ids(user))


for scoped in (Framework, Standard, PerformanceIndicator):
    read_perm(scoped)
