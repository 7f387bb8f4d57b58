"""Writing people from their staging tables: accounts, students, guardians, memberships, guardian links and
demographics — set-wise in SQL, counting before writing, touching only rows that change.

Imported accounts get an unusable password (people sign in after a reset, or through single sign-on).
A user marked ``tobedeleted`` — or, in a bulk users.csv, an account imported before for this district and
missing now — is deactivated, never deleted (evidence and history point at it): the account, its
memberships, student record and guardian links become inactive and its enrollments are removed.
Superusers and the person running the import are never deactivated by it.

A student with no grade proficio can hold (a blank ``grades`` cell, or only grades such as ``UG``) is
written with none — unless they had one from an earlier import, which they keep: a blank cell is more
often a gap in one export than news that the student left their grade, and clearing it would drop them
from every grade-level figure. Each such student is a warning (cross_checks.py), and the students who end
up with no grade are counted (``students.without_grade``).
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from proficio.interop.oneroster.context import RunContext
from proficio.interop.oneroster.staging import any_differs, differs, run, same, scalar, temp_table_as
from proficio.interop.oneroster.write_classes import DISTRICT_SECTIONS

SCHOOL_SCOPED = "('school_leader', 'teacher', 'advisor')"
ROSTER_ROLES = "('district_admin', 'school_leader', 'teacher', 'advisor', 'student', 'guardian')"
STUDENT_ROLE = (
    "EXISTS (SELECT 1 FROM oneroster_roles r WHERE r.user_sid = s.sid AND r.m_role = 'student' AND r.status = 'active')"
)


def district_id(ctx: RunContext) -> int:
    return ctx.district.pk if ctx.district is not None and ctx.district.pk else 0


def scope_users(ctx: RunContext) -> str:
    """Accounts imported before that belong to this district (students, staff, guardians, enrolled people),
    as they were before this run: the ones a bulk file may deactivate."""
    d = district_id(ctx)
    return temp_table_as(
        "scope_users",
        "SELECT u.id FROM accounts_user u WHERE u.sourced_id IS NOT NULL AND u.id IN ("
        "SELECT st.user_id FROM roster_student st JOIN roster_school sc ON sc.id = st.school_id "
        "WHERE sc.district_id = %s "
        "UNION SELECT m.user_id FROM accounts_membership m LEFT JOIN roster_school sc ON sc.id = m.school_id "
        "WHERE m.district_id = %s OR sc.district_id = %s "
        "UNION SELECT g.user_id FROM roster_guardian g JOIN roster_guardianlink l ON l.guardian_id = g.id "
        "JOIN roster_student st ON st.id = l.student_id JOIN roster_school sc ON sc.id = st.school_id "
        "WHERE sc.district_id = %s "
        f"UNION SELECT e.user_id FROM roster_enrollment e WHERE e.section_id IN (SELECT id FROM {DISTRICT_SECTIONS}))",
        [d, d, d, d],
        index=["id"],
    )


def write_users(ctx: RunContext) -> None:
    counts = ctx.counts_for("users")
    pairs = {
        "username": "username",
        "first_name": "given",
        "last_name": "family",
        "email": "email",
        "is_active": "active",
    }
    # New and existing rows are told apart before writing (see write_classes: no INSERT tests its own table).
    rows = temp_table_as(
        "users_resolved",
        "SELECT s.*, u.id AS existing_id FROM oneroster_users s LEFT JOIN accounts_user u ON u.sourced_id = s.sid "
        "WHERE s.status = 'active'",
    )
    matched = scalar(f"SELECT COUNT(*) FROM {rows} WHERE existing_id IS NOT NULL")
    updated = run(
        "UPDATE accounts_user SET "
        + ", ".join(f"{t} = s.{f}" for t, f in pairs.items())
        + f" FROM {rows} s WHERE accounts_user.id = s.existing_id AND "
        + any_differs([(f"accounts_user.{t}", f"s.{f}") for t, f in pairs.items()])
    )
    created = run(
        "INSERT INTO accounts_user (password, last_login, is_superuser, username, first_name, last_name, email, "
        "is_staff, is_active, date_joined, sourced_id, preferred_language) "
        "SELECT %s, NULL, FALSE, s.username, s.given, s.family, s.email, FALSE, s.active, %s, s.sid, 'en' "
        f"FROM {rows} s WHERE s.existing_id IS NULL",
        [make_password(None), timezone.now()],
    )
    counts.created += created
    counts.updated += updated
    counts.unchanged += matched - updated


def write_students(ctx: RunContext) -> None:
    counts = ctx.counts_for("students")
    bulk_roles = ctx.bulk("roles")
    temp_table_as(
        "student_school",
        "SELECT user_sid, school_sid FROM (SELECT r.user_sid, r.school_sid, ROW_NUMBER() OVER (PARTITION BY "
        "r.user_sid ORDER BY CASE r.role_type WHEN 'primary' THEN 0 ELSE 1 END, r.line) AS n FROM oneroster_roles r "
        "WHERE r.m_role = 'student' AND r.status = 'active' AND r.school_sid <> '') t WHERE n = 1",
        index=["user_sid"],
    )
    # A user is a student when they hold a student role here; one whose roles this import does not speak
    # of stays what they were.
    unspoken = _unspoken(ctx, "st.id IS NOT NULL")
    rows = temp_table_as(
        "student_rows",
        "SELECT u.id AS user_id, COALESCE(sc.id, st.school_id) AS school_id, COALESCE(s.grade, st.grade) AS grade, "
        "s.student_number, s.active AS is_active, st.id AS existing_id, d.birth_date, COALESCE(d.gender, '') "
        "AS gender, COALESCE(d.race, '') AS race, d.sid AS described FROM oneroster_users s "
        "JOIN accounts_user u ON u.sourced_id = s.sid LEFT JOIN roster_student st ON st.user_id = u.id "
        "LEFT JOIN oneroster_student_school ss ON ss.user_sid = s.sid "
        "LEFT JOIN oneroster_demographics d ON d.sid = s.sid AND d.status = 'active' "
        "LEFT JOIN roster_school sc ON sc.sourced_id = COALESCE(NULLIF(s.primary_school_sid, ''), ss.school_sid) "
        f"AND sc.district_id = %s WHERE s.status = 'active' AND ({STUDENT_ROLE} OR {unspoken})",
        [district_id(ctx)],
        index=["user_id"],
    )
    fields = ("school_id", "student_number", "grade", "is_active")
    matched = scalar(f"SELECT COUNT(*) FROM {rows} WHERE existing_id IS NOT NULL")
    updated = run(
        f"UPDATE roster_student SET {', '.join(f'{f} = r.{f}' for f in fields)} FROM {rows} r "
        "WHERE roster_student.user_id = r.user_id AND r.school_id IS NOT NULL AND "
        + any_differs([(f"roster_student.{f}", f"r.{f}") for f in fields])
    )
    # New students are written with their demographics (demographics.csv is read by then): one INSERT
    # instead of an INSERT and an UPDATE of every new row.
    new = "r.existing_id IS NULL AND r.school_id IS NOT NULL"
    ctx.counts_for("demographics").created += scalar(
        f"SELECT COUNT(*) FROM {rows} r WHERE {new} AND r.described IS NOT NULL"
    )
    created = run(
        "INSERT INTO roster_student (user_id, school_id, student_number, grade, birth_date, race_ethnicity, gender, "
        "economically_disadvantaged, english_learner, disability, is_active) SELECT r.user_id, r.school_id, "
        f"r.student_number, r.grade, r.birth_date, r.race, r.gender, NULL, NULL, NULL, r.is_active FROM {rows} r "
        f"WHERE {new} ORDER BY r.user_id"
    )
    # Students whose roles now say otherwise stop being students (their record and evidence stay).
    spoken = "TRUE" if bulk_roles else "EXISTS (SELECT 1 FROM oneroster_roles r2 WHERE r2.user_sid = s.sid)"
    counts.deleted += run(
        "UPDATE roster_student SET is_active = FALSE WHERE is_active AND user_id IN (SELECT u.id FROM "
        "oneroster_users s JOIN accounts_user u ON u.sourced_id = s.sid WHERE s.status = 'active' AND "
        f"{spoken} AND NOT {STUDENT_ROLE})"
    )
    counts.created += created
    counts.updated += updated
    counts.unchanged += matched - updated
    counts.without_grade += scalar(f"SELECT COUNT(*) FROM {rows} r WHERE r.school_id IS NOT NULL AND r.grade IS NULL")


def _unspoken(ctx: RunContext, existing: str) -> str:
    """SQL: the user (``s``) already is what ``existing`` says and this import says nothing of their roles."""
    if ctx.bulk("roles"):
        return "FALSE"
    return f"({existing} AND NOT EXISTS (SELECT 1 FROM oneroster_roles r2 WHERE r2.user_sid = s.sid))"


def write_guardians(ctx: RunContext) -> None:
    counts = ctx.counts_for("guardians")
    already = "EXISTS (SELECT 1 FROM roster_guardian g WHERE g.user_id = u.id)"
    rows = temp_table_as(
        "guardian_rows",
        "SELECT u.id AS user_id, s.phone, g0.id AS existing_id FROM oneroster_users s "
        "JOIN accounts_user u ON u.sourced_id = s.sid LEFT JOIN roster_guardian g0 ON g0.user_id = u.id "
        "WHERE s.status = 'active' AND (EXISTS (SELECT 1 FROM oneroster_roles r WHERE r.user_sid = s.sid "
        f"AND r.m_role = 'guardian' AND r.status = 'active') OR {_unspoken(ctx, already)})",
        index=["user_id"],
    )
    matched = scalar(f"SELECT COUNT(*) FROM {rows} WHERE existing_id IS NOT NULL")
    updated = run(
        f"UPDATE roster_guardian SET phone = r.phone FROM {rows} r WHERE roster_guardian.id = r.existing_id AND "
        + differs("roster_guardian.phone", "r.phone")
    )
    created = run(
        f"INSERT INTO roster_guardian (user_id, phone) SELECT r.user_id, r.phone FROM {rows} r "
        "WHERE r.existing_id IS NULL"
    )
    counts.created += created
    counts.updated += updated
    counts.unchanged += matched - updated


def _membership_match(m: str, d: str) -> str:
    return (
        f"{m}.user_id = {d}.user_id AND {m}.role = {d}.role AND {same(f'{m}.district_id', f'{d}.district_id')} "
        f"AND {same(f'{m}.school_id', f'{d}.school_id')}"
    )


def _derived_memberships(name: str, status: str, d: int) -> str:
    return temp_table_as(
        name,
        "SELECT DISTINCT u.id AS user_id, r.m_role AS role, CASE WHEN r.m_role = 'district_admin' "
        "THEN CAST(%s AS BIGINT) END AS district_id, sc.id AS school_id FROM oneroster_roles r "
        "JOIN accounts_user u ON u.sourced_id = r.user_sid LEFT JOIN roster_school sc "
        f"ON sc.sourced_id = r.school_sid AND r.m_role IN {SCHOOL_SCOPED} AND sc.district_id = %s "
        f"WHERE r.status = '{status}' AND r.m_role IS NOT NULL "
        f"AND (r.m_role NOT IN {SCHOOL_SCOPED} OR sc.id IS NOT NULL)",
        [d, d],
        index=["user_id"],
    )


def write_memberships(ctx: RunContext) -> None:
    counts = ctx.counts_for("roles")
    d = district_id(ctx)
    derived = _derived_memberships("memberships", "active", d)
    known = temp_table_as(
        "memberships_known",
        f"SELECT x.*, m.id AS existing_id, m.is_active AS was_active FROM {derived} x "
        f"LEFT JOIN accounts_membership m ON {_membership_match('m', 'x')}",
    )
    matched = scalar(f"SELECT COUNT(*) FROM {known} WHERE existing_id IS NOT NULL")
    updated = run(
        "UPDATE accounts_membership SET is_active = TRUE WHERE NOT is_active AND id IN "
        f"(SELECT existing_id FROM {known} WHERE existing_id IS NOT NULL)"
    )
    created = run(
        "INSERT INTO accounts_membership (user_id, role, district_id, school_id, is_active, created_at) "
        f"SELECT x.user_id, x.role, x.district_id, x.school_id, TRUE, %s FROM {known} x WHERE x.existing_id IS NULL "
        "ORDER BY x.user_id",
        [timezone.now()],
    )
    counts.created += created
    counts.updated += updated
    counts.unchanged += matched - updated


def remove_memberships(ctx: RunContext, scope: str | None) -> None:
    """Memberships a tobedeleted role gave, and — for a bulk roles.csv — every roster membership of this
    district's imported people that no role in the file gives any more. Coach memberships are proficio's own."""
    counts = ctx.counts_for("roles")
    d = district_id(ctx)
    derived = "oneroster_memberships"
    ended = _derived_memberships("memberships_ended", "tobedeleted", d)
    counts.deleted += run(
        f"UPDATE accounts_membership SET is_active = FALSE FROM {ended} x WHERE accounts_membership.is_active AND "
        f"{_membership_match('accounts_membership', 'x')} AND NOT EXISTS (SELECT 1 FROM {derived} y "
        f"WHERE {_membership_match('accounts_membership', 'y')})"
    )
    if scope is None or not ctx.bulk("roles"):
        return
    counts.deleted += run(
        f"UPDATE accounts_membership SET is_active = FALSE WHERE is_active AND role IN {ROSTER_ROLES} "
        f"AND user_id IN (SELECT id FROM {scope} UNION SELECT u.id FROM accounts_user u JOIN oneroster_users s "
        "ON s.sid = u.sourced_id) AND (district_id = %s OR school_id IN (SELECT id FROM roster_school "
        "WHERE district_id = %s) OR (district_id IS NULL AND school_id IS NULL)) "
        f"AND NOT EXISTS (SELECT 1 FROM {derived} y WHERE {_membership_match('accounts_membership', 'y')})",
        [d, d],
    )


def write_guardian_links(ctx: RunContext) -> None:
    counts = ctx.counts_for("guardianLinks")
    temp_table_as(
        "guardian_relationship",
        "SELECT user_sid, relationship FROM (SELECT r.user_sid, r.relationship, ROW_NUMBER() OVER (PARTITION BY "
        "r.user_sid ORDER BY CASE r.role_type WHEN 'primary' THEN 0 ELSE 1 END, r.line) AS n FROM oneroster_roles r "
        "WHERE r.m_role = 'guardian' AND r.status = 'active') t WHERE n = 1",
        index=["user_sid"],
    )
    # agentSourcedIds may be given either way round: on the student (their guardians) or on the guardian.
    links = temp_table_as(
        "links",
        "SELECT g.id AS guardian_id, st.id AS student_id, COALESCE(MIN(gr.relationship), 'parent') AS relationship "
        "FROM (SELECT user_sid AS g_sid, agent_sid AS s_sid FROM oneroster_agents UNION "
        "SELECT agent_sid, user_sid FROM oneroster_agents) p "
        "JOIN accounts_user gu ON gu.sourced_id = p.g_sid JOIN roster_guardian g ON g.user_id = gu.id "
        "JOIN accounts_user su ON su.sourced_id = p.s_sid JOIN roster_student st ON st.user_id = su.id "
        "LEFT JOIN oneroster_guardian_relationship gr ON gr.user_sid = p.g_sid GROUP BY g.id, st.id",
        index=["guardian_id, student_id"],
    )
    known = temp_table_as(
        "links_known",
        f"SELECT x.*, l.id AS existing_id FROM {links} x LEFT JOIN roster_guardianlink l "
        "ON l.guardian_id = x.guardian_id AND l.student_id = x.student_id",
    )
    matched = scalar(f"SELECT COUNT(*) FROM {known} WHERE existing_id IS NOT NULL")
    updated = run(
        f"UPDATE roster_guardianlink SET is_active = TRUE, relationship = x.relationship FROM {known} x "
        "WHERE roster_guardianlink.id = x.existing_id "
        f"AND (NOT roster_guardianlink.is_active OR {differs('roster_guardianlink.relationship', 'x.relationship')})"
    )
    created = run(
        "INSERT INTO roster_guardianlink (guardian_id, student_id, relationship, is_active, receives_reports) "
        f"SELECT x.guardian_id, x.student_id, x.relationship, TRUE, TRUE FROM {known} x WHERE x.existing_id IS NULL"
    )
    counts.created += created
    counts.updated += updated
    counts.unchanged += matched - updated


def remove_guardian_links(ctx: RunContext, scope: str | None) -> None:
    """In a bulk users.csv the agents are complete: this district's links that no agent gives any more end."""
    if scope is None or not ctx.bulk("users"):
        return
    ctx.counts_for("guardianLinks").deleted += run(
        "UPDATE roster_guardianlink SET is_active = FALSE WHERE is_active AND (guardian_id IN (SELECT g.id FROM "
        f"roster_guardian g WHERE g.user_id IN (SELECT id FROM {scope})) OR student_id IN (SELECT st.id FROM "
        f"roster_student st WHERE st.user_id IN (SELECT id FROM {scope}))) AND NOT EXISTS (SELECT 1 FROM "
        "oneroster_links x WHERE x.guardian_id = roster_guardianlink.guardian_id "
        "AND x.student_id = roster_guardianlink.student_id)"
    )


def remove_users(ctx: RunContext, scope: str | None, acting_user_id: int | None) -> None:
    counts = ctx.counts_for("users")
    absent = (
        f" UNION SELECT sc.id FROM {scope} sc JOIN accounts_user u ON u.id = sc.id WHERE NOT EXISTS "
        "(SELECT 1 FROM oneroster_users s WHERE s.sid = u.sourced_id AND s.status = 'active')"
        if scope is not None and ctx.bulk("users")
        else ""
    )
    gone = temp_table_as(
        "gone_users",
        "SELECT id FROM accounts_user WHERE NOT is_superuser AND id <> %s AND id IN (SELECT u.id FROM accounts_user u "
        f"JOIN oneroster_users s ON s.sid = u.sourced_id WHERE s.status <> 'active'{absent})",
        [acting_user_id or 0],
        index=["id"],
    )
    marked = scalar("SELECT COUNT(*) FROM oneroster_users WHERE status <> 'active'")
    marked_active = scalar(
        f"SELECT COUNT(*) FROM {gone} g JOIN accounts_user u ON u.id = g.id JOIN oneroster_users s "
        "ON s.sid = u.sourced_id WHERE s.status <> 'active' AND u.is_active"
    )
    counts.deleted += run(
        f"UPDATE accounts_user SET is_active = FALSE WHERE is_active AND id IN (SELECT id FROM {gone})"
    )
    counts.unchanged += marked - marked_active  # already inactive, or never imported
    run(f"UPDATE accounts_membership SET is_active = FALSE WHERE is_active AND user_id IN (SELECT id FROM {gone})")
    ctx.counts_for("students").deleted += run(
        f"UPDATE roster_student SET is_active = FALSE WHERE is_active AND user_id IN (SELECT id FROM {gone})"
    )
    ctx.counts_for("guardianLinks").deleted += run(
        "UPDATE roster_guardianlink SET is_active = FALSE WHERE is_active AND (guardian_id IN (SELECT g.id FROM "
        f"roster_guardian g WHERE g.user_id IN (SELECT id FROM {gone})) OR student_id IN (SELECT st.id FROM "
        f"roster_student st WHERE st.user_id IN (SELECT id FROM {gone})))"
    )
    ctx.counts_for("enrollments").deleted += run(
        f"DELETE FROM roster_enrollment WHERE user_id IN (SELECT id FROM {gone})"
    )


DEMOGRAPHIC_FIELDS = {"birth_date": "birth_date", "gender": "gender", "race_ethnicity": "race"}
BLANK_DEMOGRAPHICS = "st.birth_date IS NULL AND st.gender = '' AND st.race_ethnicity = ''"


def write_demographics(ctx: RunContext) -> None:
    if "demographics" not in ctx.stages:
        return
    counts = ctx.counts_for("demographics")
    # Students created by this run already have theirs (write_students); these are the ones from before.
    before = "NOT EXISTS (SELECT 1 FROM oneroster_student_rows n WHERE n.user_id = {user} AND n.existing_id IS NULL)"
    joined = (
        "FROM oneroster_demographics d JOIN accounts_user u ON u.sourced_id = d.sid "
        f"JOIN roster_student st ON st.user_id = u.id WHERE d.status = 'active' AND {before.format(user='st.user_id')}"
    )
    created_now = scalar(
        "SELECT COUNT(*) FROM oneroster_demographics d JOIN accounts_user u ON u.sourced_id = d.sid "
        "JOIN oneroster_student_rows n ON n.user_id = u.id WHERE d.status = 'active' AND n.existing_id IS NULL "
        "AND n.school_id IS NOT NULL"
    )
    change = any_differs([(f"st.{t}", f"d.{f}") for t, f in DEMOGRAPHIC_FIELDS.items()])
    matched = scalar(f"SELECT COUNT(*) {joined}")
    first = scalar(f"SELECT COUNT(*) {joined} AND {change} AND {BLANK_DEMOGRAPHICS}")
    changed = run(
        "UPDATE roster_student SET "
        + ", ".join(f"{t} = d.{f}" for t, f in DEMOGRAPHIC_FIELDS.items())
        + " FROM oneroster_demographics d, accounts_user u WHERE u.sourced_id = d.sid AND "
        "roster_student.user_id = u.id AND d.status = 'active' AND "
        + before.format(user="roster_student.user_id")
        + " AND "
        + any_differs([(f"roster_student.{t}", f"d.{f}") for t, f in DEMOGRAPHIC_FIELDS.items()])
    )
    counts.created += first
    counts.updated += changed - first
    counts.unchanged += matched - changed
    active = scalar("SELECT COUNT(*) FROM oneroster_demographics WHERE status = 'active'")
    counts.skipped += active - matched - created_now


def remove_demographics(ctx: RunContext, scope: str | None) -> None:
    if "demographics" not in ctx.stages:
        return
    counts = ctx.counts_for("demographics")
    clear = "birth_date = NULL, gender = '', race_ethnicity = ''"
    not_blank = "(birth_date IS NOT NULL OR gender <> '' OR race_ethnicity <> '')"
    counts.deleted += run(
        f"UPDATE roster_student SET {clear} WHERE {not_blank} AND user_id IN (SELECT u.id FROM accounts_user u "
        "JOIN oneroster_demographics d ON d.sid = u.sourced_id WHERE d.status <> 'active')"
    )
    if scope is not None and ctx.bulk("demographics"):
        counts.deleted += run(
            f"UPDATE roster_student SET {clear} WHERE {not_blank} AND user_id IN (SELECT id FROM {scope}) AND "
            "user_id NOT IN (SELECT u.id FROM accounts_user u JOIN oneroster_demographics d ON d.sid = u.sourced_id)"
        )
