"""Who may import and export what (issue 6): rosters by district administrators of that district only;
frameworks by district administrators or school leaders of a school in that district."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from proficio.accounts.models import Role, User
from proficio.accounts.scoping import scope_rule
from proficio.interop.models import ImportRecord
from proficio.roster.models import District


def can_exchange_rosters(user: User, district: District) -> bool:
    """Import or export OneRoster data (rosters and gradebooks) for a district."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.memberships.active().filter(role=Role.DISTRICT_ADMIN, district=district).exists()


def can_import_frameworks(user: User, district: District) -> bool:
    """Import a CASE framework into a district."""
    if not user.is_authenticated or not user.is_active:
        return False
    memberships = user.memberships.active()
    return (
        memberships.filter(role=Role.DISTRICT_ADMIN, district=district).exists()
        or memberships.filter(role=Role.SCHOOL_LEADER, school__district=district).exists()
    )


def districts_for_roster_exchange(user: User) -> list[District]:
    if not user.is_authenticated or not user.is_active:
        return []
    ids = user.memberships.active().filter(role=Role.DISTRICT_ADMIN).values("district_id")
    return list(District.objects.filter(pk__in=ids))


def districts_for_framework_import(user: User) -> list[District]:
    if not user.is_authenticated or not user.is_active:
        return []
    memberships = user.memberships.active()
    admin = memberships.filter(role=Role.DISTRICT_ADMIN).values("district_id")
    led = memberships.filter(role=Role.SCHOOL_LEADER).values("school__district_id")
    return list(District.objects.filter(pk__in=admin) | District.objects.filter(pk__in=led))


@scope_rule(ImportRecord)
def import_record_filter(user: User) -> Q:
    """Import records of every district the user may import into, whichever kind."""
    districts = {d.pk for d in districts_for_framework_import(user)} | {
        d.pk for d in districts_for_roster_exchange(user)
    }
    return Q(district_id__in=districts)


def readable_import_records(user: User) -> QuerySet[ImportRecord]:
    return ImportRecord.objects.for_user(user)
