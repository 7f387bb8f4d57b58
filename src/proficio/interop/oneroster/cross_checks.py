"""Checks that need a whole file, or several, at once — run in SQL over the staging tables after reading.

Duplicate keys, usernames and student numbers that clash with each other or with accounts already in
proficio, agents that name nobody, students with no school, enrollments that would collide with ones
already imported: each found row is reported with its file and line, like any other problem.

A student with no grade proficio can hold is not refused: each one is a warning of its own (not folded —
the import record is then the list of students whose grade to fix, up to the warnings' cap), saying whether
the student is imported with no grade or keeps the one imported before (write_people.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from proficio.interop.oneroster import spec
from proficio.interop.oneroster.context import RunContext
from proficio.interop.oneroster.staging import rows
from proficio.roster.models import grade_name

STUDENT_ROLE = (
    "EXISTS (SELECT 1 FROM oneroster_roles r WHERE r.user_sid = s.sid AND r.m_role = 'student' AND r.status = 'active')"
)
ALREADY_STUDENT = (
    "EXISTS (SELECT 1 FROM accounts_user au JOIN roster_student st ON st.user_id = au.id WHERE au.sourced_id = s.sid)"
)


def _room(ctx: RunContext) -> int:
    return max(ctx.problems.cap - len(ctx.problems), 0) + 1


def _report(ctx: RunContext, file: str, sql: str, params: Sequence[Any], column: str, message: str) -> None:
    """Run a query returning (line, value[, detail]) and record each row as a problem."""
    for found in rows(f"{sql} ORDER BY 1 LIMIT %s", [*params, _room(ctx)]):
        line, value = found[0], found[1]
        text = message.format(detail=found[2]) if len(found) > 2 else message
        ctx.problem(file, text, line, column, str(value or ""))


def duplicates(ctx: RunContext, table: str, file: str, *, key: str, column: str, where: str = "1 = 1") -> None:
    _report(
        ctx,
        file,
        f"SELECT t.line, t.{key}, f.first FROM {table} t JOIN (SELECT {key} AS k, MIN(line) AS first FROM {table} "
        f"WHERE {where} GROUP BY {key} HAVING COUNT(*) > 1) f ON f.k = t.{key} WHERE t.line > f.first AND {where}",
        [],
        column,
        "appears twice (also line {detail})",
    )


def check_all(ctx: RunContext) -> None:
    district_id = ctx.district.pk if ctx.district is not None and ctx.district.pk else 0
    users = spec.USERS.name
    if "classes" in ctx.stages:
        _report(
            ctx,
            spec.CLASSES.name,
            "SELECT s.line, s.sid FROM oneroster_classes s JOIN roster_section x ON x.sourced_id = s.sid "
            "JOIN roster_course c ON c.id = x.course_id JOIN roster_school sc ON sc.id = c.school_id "
            "WHERE sc.district_id <> %s",
            [district_id],
            "sourcedId",
            "already belongs to a class of another district",
        )
    if "users" in ctx.stages:
        duplicates(ctx, "oneroster_users", users, key="username", column="username", where="status = 'active'")
        _report(
            ctx,
            users,
            "SELECT s.line, s.username FROM oneroster_users s JOIN accounts_user u ON u.username = s.username "
            "WHERE s.status = 'active' AND (u.sourced_id IS NULL OR u.sourced_id <> s.sid)",
            [],
            "username",
            "is already the username of another account in proficio",
        )
        _report(
            ctx,
            users,
            "SELECT s.line, s.sid FROM oneroster_users s JOIN accounts_user u ON u.sourced_id = s.sid "
            "JOIN roster_student st ON st.user_id = u.id JOIN roster_school sc ON sc.id = st.school_id "
            "WHERE sc.district_id <> %s",
            [district_id],
            "sourcedId",
            "is a student of another district",
        )
        students = f"s.status = 'active' AND ({STUDENT_ROLE} OR {ALREADY_STUDENT})"
        _report(
            ctx,
            users,
            f"SELECT s.line, s.student_number, f.first FROM oneroster_users s JOIN (SELECT s.student_number AS k, "
            f"MIN(s.line) AS first FROM oneroster_users s WHERE {students} GROUP BY s.student_number "
            f"HAVING COUNT(*) > 1) f ON f.k = s.student_number WHERE s.line > f.first AND {students}",
            [],
            "identifier",
            "is the student number of another student too (line {detail})",
        )
        _report(
            ctx,
            users,
            f"SELECT s.line, s.student_number FROM oneroster_users s JOIN roster_student st "
            f"ON st.student_number = s.student_number JOIN accounts_user u ON u.id = st.user_id "
            f"WHERE {students} AND (u.sourced_id IS NULL OR u.sourced_id <> s.sid)",
            [],
            "identifier",
            "is already the student number of another student in proficio",
        )
        _students_without_grade(ctx)
        _report(
            ctx,
            users,
            "SELECT s.line, s.primary_org FROM oneroster_users s WHERE s.status = 'active' "
            f"AND s.primary_school_sid = '' AND {STUDENT_ROLE} AND NOT {ALREADY_STUDENT} "
            "AND NOT EXISTS (SELECT 1 FROM oneroster_roles r "
            f"WHERE r.user_sid = s.sid AND r.m_role = 'student' AND r.status = 'active' AND r.school_sid <> '')",
            [],
            _school_column(ctx),
            "names no school for this student (neither the primary org nor a student role at a school)",
        )
        also = (
            ""
            if ctx.bulk("users")
            else (" AND NOT EXISTS (SELECT 1 FROM accounts_user u WHERE u.sourced_id = a.agent_sid)")
        )
        _report(
            ctx,
            users,
            "SELECT a.line, a.agent_sid FROM oneroster_agents a WHERE NOT EXISTS "
            f"(SELECT 1 FROM oneroster_users s WHERE s.sid = a.agent_sid){also}",
            [],
            "agentSourcedIds",
            "refers to a user that is not in users.csv" + ("" if ctx.bulk("users") else " nor imported before"),
        )
    if "roles" in ctx.stages:
        duplicates(ctx, "oneroster_roles", spec.ROLES.name, key="sid", column="sourcedId", where="file = 'roles.csv'")
    if "demographics" in ctx.stages:
        duplicates(ctx, "oneroster_demographics", spec.DEMOGRAPHICS.name, key="sid", column="sourcedId")
    if "enrollments" in ctx.stages:
        _enrollments(ctx, district_id)


def _school_column(ctx: RunContext) -> str:
    """Where users.csv says a user's school: primaryOrgSourcedId (1.2), or orgSourcedIds in a 1.1 file."""
    header = ctx.state.get("header:users", set())
    return (
        "orgSourcedIds" if "primaryOrgSourcedId" not in header and "orgSourcedIds" in header else "primaryOrgSourcedId"
    )


def _students_without_grade(ctx: RunContext) -> None:
    """A warning for each active student whose grades cell gives no grade proficio can hold."""
    # Students already in proficio whose roles this import does not speak of stay students (write_people).
    roles_of = "EXISTS (SELECT 1 FROM oneroster_roles r2 WHERE r2.user_sid = s.sid)"
    unspoken = "FALSE" if ctx.bulk("roles") else f"NOT {roles_of}"
    room = max(ctx.warnings.cap - len(ctx.warnings), 0) + 1
    found = rows(
        "SELECT s.line, s.grades, (SELECT MIN(st.grade) FROM accounts_user au JOIN roster_student st "
        "ON st.user_id = au.id WHERE au.sourced_id = s.sid) FROM oneroster_users s WHERE s.status = 'active' "
        f"AND s.grade IS NULL AND ({STUDENT_ROLE} OR ({ALREADY_STUDENT} AND {unspoken})) ORDER BY 1 LIMIT %s",
        [room],
    )
    for line, grades, before in found:
        written = "is blank" if not grades else "holds no grade proficio can hold (PK, KG, 01–12)"
        then = (
            "the student is imported with no grade"
            if before is None
            else f"the student keeps grade {grade_name(before)}, imported before"
        )
        ctx.warn(spec.USERS.name, f"{written}; {then}", line, "grades", grades or "")


def _enrollments(ctx: RunContext, district_id: int) -> None:
    file = spec.ENROLLMENTS.name
    duplicates(ctx, "oneroster_enrollments", file, key="sid", column="sourcedId")
    _report(
        ctx,
        file,
        "SELECT t.line, t.user_sid, f.first FROM oneroster_enrollments t JOIN (SELECT class_sid, user_sid, role, "
        "MIN(line) AS first FROM oneroster_enrollments WHERE status = 'active' AND role IS NOT NULL "
        "GROUP BY class_sid, user_sid, role HAVING COUNT(*) > 1) f ON f.class_sid = t.class_sid "
        "AND f.user_sid = t.user_sid AND f.role = t.role WHERE t.line > f.first AND t.status = 'active'",
        [],
        "userSourcedId",
        "is enrolled in this class in the same role twice (also line {detail})",
    )
    # An enrollment already imported under another sourcedId, for the same class, person and role, that this
    # import does not remove, would make two of the same.
    # Said positively (what stays), so that PostgreSQL can plan it as one hash join rather than a probe per row.
    if ctx.bulk("enrollments"):
        stays = "EXISTS (SELECT 1 FROM oneroster_enrollments o WHERE o.sid = e.sourced_id AND o.status = 'active')"
    else:
        stays = (
            "NOT EXISTS (SELECT 1 FROM oneroster_enrollments o WHERE o.sid = e.sourced_id AND o.status = 'tobedeleted')"
        )
    _report(
        ctx,
        file,
        "SELECT s.line, s.sid, e.sourced_id FROM oneroster_enrollments s "
        "JOIN roster_section sec ON sec.sourced_id = s.class_sid JOIN accounts_user u ON u.sourced_id = s.user_sid "
        "JOIN roster_enrollment e ON e.section_id = sec.id AND e.user_id = u.id AND e.role = s.role "
        f"WHERE s.status = 'active' AND e.sourced_id IS NOT NULL AND e.sourced_id <> s.sid AND {stays}",
        [],
        "sourcedId",
        "would repeat the enrollment already imported as {detail} (same class, person and role)",
    )
    _report(
        ctx,
        file,
        "SELECT s.line, s.sid FROM oneroster_enrollments s JOIN roster_enrollment e ON e.sourced_id = s.sid "
        "JOIN roster_section x ON x.id = e.section_id JOIN roster_course c ON c.id = x.course_id "
        "JOIN roster_school sc ON sc.id = c.school_id WHERE sc.district_id <> %s",
        [district_id],
        "sourcedId",
        "already belongs to an enrollment of another district",
    )
