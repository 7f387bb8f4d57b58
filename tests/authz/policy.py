"""Who may reach each web route, for reading (GET) and writing (POST): the declared policy the matrix checks.

"Reach" means the request got to the view's own answer (a page, a redirect, a form error, a 400/409/422);
"denied" means 401, 403, 404, 405 or a redirect to the log-in page. Every named route must have an entry:
a new route without one fails the matrix until someone decides who may use it.
"""

from __future__ import annotations

from tests.authz.policy_programs import coaching, gbp, learning, network
from tests.authz.route_sets import NOBODY, PROGRAM_READERS, Route
from tests.authz.world import ROLES

EVERYONE = frozenset(ROLES)
LOGGED_IN = EVERYONE - {"anonymous"}
SECTION_READERS = frozenset({"district_admin", "school_leader", "teacher"})
SECTION_TEACHER = frozenset({"teacher"})
FRAMEWORK_IMPORTERS = frozenset({"district_admin", "school_leader"})
# Pages not about one object (a form, a filtered list) are open to the role in any district; what they
# show or accept is then scoped to the user's own district, which the web and audit tests check.
ANY_FRAMEWORK_IMPORTER = FRAMEWORK_IMPORTERS | {"admin_elsewhere", "leader_elsewhere"}
ANY_ROSTER_ADMIN = frozenset({"district_admin", "admin_elsewhere"})
ROSTER_ADMINS = frozenset({"district_admin"})
ANY_AUDIT_READER = frozenset({"district_admin", "school_leader", "admin_elsewhere", "leader_elsewhere"})
STUDENT_STAFF = frozenset({"district_admin", "school_leader", "teacher", "advisor"})  # staff who read the student
STUDENT_READERS = STUDENT_STAFF | {"student", "guardian"}
OWN_SCORES = frozenset({"student", "classmate", "guardian"})  # each sees their own (or linked child's) only
STAFF = frozenset({"district_admin", "school_leader", "teacher", "other_teacher", "advisor", "coach"}) | {
    "admin_elsewhere",
    "leader_elsewhere",
    "teacher_elsewhere",
    "network_staff",
    "leadership_team",
    "network_staff_elsewhere",
}
# Insights in aggregate (no student row): a school's leaders and coaches, its district's admins, its network's staff.
SCHOOL_FIGURES = frozenset({"district_admin", "school_leader", "coach", "network_staff"})


WEB: dict[str, Route] = {
    # Public pages.
    "login": Route(get=EVERYONE, post=EVERYONE),
    # The code step needs the password step first: without it, visitors go back to the log-in page.
    "login_code": Route(get=LOGGED_IN, post=LOGGED_IN),
    "case:documents": Route(get=EVERYONE, post=NOBODY),  # the CASE read API: published standards, GET only
    "case:document": Route(get=EVERYONE, post=NOBODY),
    "case:package": Route(get=EVERYONE, post=NOBODY),
    "case:item": Route(get=EVERYONE, post=NOBODY),
    # Anyone logged in, about themselves.
    "home": Route(get=LOGGED_IN, post=NOBODY),
    "logout": Route(get=NOBODY, post=EVERYONE),  # logging out when logged out is harmless
    "two_factor": Route(get=STAFF, post=STAFF),
    "two_factor_qr": Route(get=STAFF, post=NOBODY),
    "api-tokens": Route(get=LOGGED_IN, post=LOGGED_IN),  # each user's own tokens
    "api-token-revoke": Route(get=NOBODY, post=SECTION_TEACHER),  # the token belongs to the teacher
    # A section's gradebook: its teachers, its school's leaders, its district's admins.
    "gradebook": Route(get=SECTION_READERS, post=NOBODY),
    "work-habits-gradebook": Route(get=SECTION_READERS, post=NOBODY),
    "gradebook-cell": Route(get=SECTION_READERS, post=NOBODY),
    # Creating and scoring evidence: the section's own teachers only.
    "new-assessment": Route(get=SECTION_TEACHER, post=SECTION_TEACHER),
    "work-habits-check": Route(get=NOBODY, post=SECTION_TEACHER),
    "retake-candidates": Route(get=SECTION_TEACHER, post=NOBODY),
    "edit-assessment": Route(get=SECTION_TEACHER, post=SECTION_TEACHER),
    "score-assessment": Route(get=SECTION_TEACHER, post=NOBODY),
    "save-score": Route(get=NOBODY, post=SECTION_TEACHER),
    "mark-not-assessed": Route(get=NOBODY, post=SECTION_TEACHER),
    # Imports and exports.
    "interop": Route(get=ANY_FRAMEWORK_IMPORTER, post=NOBODY),
    "interop-upload-case": Route(get=NOBODY, post=ANY_FRAMEWORK_IMPORTER),
    "interop-upload-oneroster": Route(get=NOBODY, post=ANY_ROSTER_ADMIN),
    "interop-job": Route(get=ROSTER_ADMINS, post=NOBODY),  # the job was started by the district admin
    "interop-job-status": Route(get=ROSTER_ADMINS, post=NOBODY),
    "interop-job-commit": Route(get=NOBODY, post=NOBODY),  # only after a clean dry run (tested elsewhere)
    "interop-record": Route(get=FRAMEWORK_IMPORTERS, post=NOBODY),
    "interop-export-gradebook": Route(get=ROSTER_ADMINS, post=NOBODY),
    # Everything held about the student: the student, an active guardian, the school's leaders and admins.
    "student-export": Route(get=frozenset({"student", "guardian", "school_leader", "district_admin"}), post=NOBODY),
    "student-export-pdf": Route(get=frozenset({"student", "guardian", "school_leader", "district_admin"}), post=NOBODY),
    # Learner profile and goals (issue 8): whoever reads the student reads them; the student edits their own
    # profile, goals and requests; staff who read the student edit accommodations; the advisor comments and reviews.
    "learner-profile": Route(get=STUDENT_READERS, post=frozenset({"student"})),
    "learner-accommodations": Route(get=NOBODY, post=STUDENT_STAFF),
    "learner-comment": Route(get=NOBODY, post=frozenset({"advisor"})),
    "learner-goals": Route(get=STUDENT_READERS, post=frozenset({"student"})),
    "learner-goal-checkpoint": Route(get=NOBODY, post=frozenset({"student"})),
    "learner-goal-reflection": Route(get=NOBODY, post=frozenset({"student"})),
    "learner-goal-review": Route(get=NOBODY, post=frozenset({"advisor"})),
    "learner-request": Route(get=NOBODY, post=frozenset({"student"})),
    # A section's learning path: its readers and its own students see it; its teachers build it and answer requests.
    "learning-path": Route(get=SECTION_READERS | {"student"}, post=SECTION_TEACHER),
    "learning-path-step": Route(get=NOBODY, post=SECTION_TEACHER),
    "learning-path-option": Route(get=NOBODY, post=SECTION_TEACHER),
    "section-requests": Route(get=SECTION_TEACHER, post=SECTION_TEACHER),
    # The audit trail.
    "audit-events": Route(get=ANY_AUDIT_READER, post=NOBODY),
    "audit-my-scores": Route(get=OWN_SCORES, post=NOBODY),
    # A student's progress: whoever may read the student (Student.objects.for_user); staff reads are audited.
    "student-progress": Route(get=STUDENT_READERS, post=NOBODY),
    "family": Route(get=frozenset({"guardian", "former_guardian"}), post=NOBODY),  # a former one sees no child
    "set-language": Route(get=NOBODY, post=LOGGED_IN),  # each user's own language
    # Reports (issue 8): whoever reads the student reads and downloads them; the school's leaders and the
    # district's admins issue them (one student, or a whole school's term in a background job).
    "reports-student": Route(get=STUDENT_STAFF | {"student", "guardian"}, post=NOBODY),
    "reports-issue": Route(get=NOBODY, post=frozenset({"school_leader", "district_admin"})),
    "reports-download": Route(get=STUDENT_STAFF | {"student", "guardian"}, post=NOBODY),
    "reports-section-comments": Route(get=SECTION_TEACHER, post=SECTION_TEACHER),  # the section's own teacher
    "reports-school": Route(
        get=frozenset({"school_leader", "district_admin"}), post=frozenset({"school_leader", "district_admin"})
    ),
    # The world's token is an import job's, not a report job's: nobody reaches it (tests/reports covers jobs).
    "reports-job": Route(get=NOBODY, post=NOBODY),
    "reports-job-status": Route(get=NOBODY, post=NOBODY),
    # Leaders' insights: admins (their district's schools), leaders and coaches (their school); coaches never
    # reach a student row, so the at-risk list is for leaders and admins only.
    "insights": Route(
        get=SCHOOL_FIGURES | {"admin_elsewhere", "leader_elsewhere", "network_staff_elsewhere"}, post=NOBODY
    ),
    "insights-school": Route(get=SCHOOL_FIGURES, post=NOBODY),
    "insights-readiness-csv": Route(get=SCHOOL_FIGURES, post=NOBODY),
    "insights-growth-csv": Route(get=SCHOOL_FIGURES, post=NOBODY),
    "insights-growth": Route(get=SCHOOL_FIGURES, post=NOBODY),
    "insights-at-risk-csv": Route(get=frozenset({"district_admin", "school_leader"}), post=NOBODY),
    "insights-consistency": Route(get=frozenset({"district_admin", "school_leader"}), post=NOBODY),
    "insights-flags": Route(get=frozenset({"district_admin", "school_leader"}), post=NOBODY),
    "insights-plans": Route(get=frozenset({"district_admin", "school_leader"}), post=NOBODY),
    "insights-students": Route(get=frozenset({"district_admin", "school_leader"}), post=NOBODY),
    "insights-students-csv": Route(get=frozenset({"district_admin", "school_leader"}), post=NOBODY),
    # The district's strategy library (not about one object: the user's own district): leaders read it,
    # administrators add to it.
    "insights-strategies": Route(get=ANY_FRAMEWORK_IMPORTER, post=ANY_ROSTER_ADMIN),
    # Improvement cycles hold figures, never students: whoever sees the school's insights, coaches too.
    "insights-cycles": Route(get=SCHOOL_FIGURES, post=SCHOOL_FIGURES),
    "insights-cycle": Route(get=SCHOOL_FIGURES, post=SCHOOL_FIGURES),
    # Flags and intervention plans: those who support the student (leaders, admins, the active advisor); a plan
    # also its responsible staff member (the world's plan names the teacher). Coaches never: plans name students.
    "insights-my-students": Route(get=frozenset({"advisor", "teacher"}), post=NOBODY),
    "insights-plan-new": Route(
        get=frozenset({"district_admin", "school_leader", "advisor"}),
        post=frozenset({"district_admin", "school_leader", "advisor"}),
    ),
    "insights-plan": Route(get=frozenset({"district_admin", "school_leader", "advisor", "teacher"}), post=NOBODY),
    "insights-plan-note": Route(get=NOBODY, post=frozenset({"district_admin", "school_leader", "advisor", "teacher"})),
    "insights-plan-end": Route(get=NOBODY, post=frozenset({"district_admin", "school_leader", "advisor", "teacher"})),
    # each teacher's own grading against unnamed colleagues
    "insights-my-grading": Route(get=frozenset({"teacher", "other_teacher", "teacher_elsewhere"}), post=NOBODY),
    "insights-outcomes": Route(get=SCHOOL_FIGURES, post=frozenset({"district_admin", "school_leader"})),
    # ---- Programs (networks and coaching). No page in it names a student. ----
    # A school's Implementation Grid: whoever reads the school's programs pages updates it.
    "programs-school-grid": Route(get=PROGRAM_READERS, post=PROGRAM_READERS),
    **gbp.ROUTES,
    **coaching.ROUTES,
    **learning.ROUTES,
    **network.ROUTES,
}
