"""Who may read which evidence: an assessment with its section, a score or a mark with its student.

Writing is narrower than reading: only a section's teachers and aides score and create assessments
(``Section.objects.taught_by``); a school leader reads their scores but does not change them.
"""

from __future__ import annotations

from django.db.models import Q

from proficio.accounts.models import User
from proficio.accounts.scoping import read_perm, scope_rule
from proficio.evidence.models import Assessment, NotAssessed, OutsideEvidence, Score
from proficio.roster.models import Section
from proficio.roster.permissions import about_readable_students


@scope_rule(Assessment)
def assessment_filter(user: User) -> Q:
    return Q(section__in=Section.objects.for_user(user).values("pk"))


for about_a_student in (Score, OutsideEvidence, NotAssessed):
    scope_rule(about_a_student)(about_readable_students)

for scoped in (Assessment, Score, OutsideEvidence, NotAssessed):
    read_perm(scoped)
