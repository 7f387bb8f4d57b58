"""Who may read learner data: whoever may read the student (the student, an active guardian, their advisor,
their teachers, the school's leaders, the district's admins). Writing is narrower and lives in ``rights.py``:
the student edits their own profile and goals, staff edit accommodations, the advisor comments and reviews."""

from __future__ import annotations

from proficio.accounts.scoping import read_perm, scope_rule
from proficio.learners.models import AssessmentRequest, Goal, LearnerProfile, ProfileComment
from proficio.roster.permissions import about_readable_students

for about_a_student in (LearnerProfile, ProfileComment, Goal, AssessmentRequest):
    scope_rule(about_a_student)(about_readable_students)
    read_perm(about_a_student)
