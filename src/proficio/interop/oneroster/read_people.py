"""Reading users.csv, roles.csv and demographics.csv into staging tables.

Who a person is in proficio comes from their roles: a student role makes a student (at the role's school,
or the user's primary org), parent / guardian / relative roles a guardian, administrator roles a district
administrator (at the district) or school leader (at a school), teacher and counselor roles a teacher or
advisor membership at the school. OneRoster 1.1 files, whose users.csv carries ``role`` and
``orgSourcedIds`` instead of a roles.csv, are read the same way.
"""

from __future__ import annotations

import json

from proficio.interop.oneroster import spec
from proficio.interop.oneroster.context import Keys, RunContext
from proficio.interop.oneroster.read_orgs import missing_reference
from proficio.interop.oneroster.rows import read_file
from proficio.interop.oneroster.staging import Stage, is_postgres, run
from proficio.interop.oneroster.values import GENDERS, grade_of, race_ethnicity_of, student_number_of

GUARDIAN_ROLES = {"parent": "parent", "guardian": "guardian", "relative": "relative"}
ADMIN_ROLES = {"administrator", "districtAdministrator", "siteAdministrator", "systemAdministrator", "principal"}
SCHOOL_ROLES = {"teacher": "teacher", "counselor": "advisor"}


def users_stage() -> Stage:
    return Stage(
        "users",
        [
            ("sid", "TEXT"),
            ("status", "TEXT"),
            ("active", "BOOLEAN"),
            ("username", "TEXT"),
            ("given", "TEXT"),
            ("family", "TEXT"),
            ("email", "TEXT"),
            ("phone", "TEXT"),
            ("grade", "INTEGER"),
            ("grades", "TEXT"),  # the cell as written, for a problem that names it
            ("student_number", "TEXT"),
            ("primary_school_sid", "TEXT"),
            ("primary_org", "TEXT"),  # primaryOrgSourcedId (1.1: orgSourcedIds) as written, for a problem
            ("agents", "TEXT"),  # JSON list of agent sourcedIds
            ("roles", "TEXT"),  # OneRoster 1.1: JSON list of role rows made from the role / orgSourcedIds columns
        ],
        index=["sid", "username"],
    )


def roles_stage() -> Stage:
    return Stage(
        "roles",
        [
            ("file", "TEXT"),
            ("sid", "TEXT"),
            ("status", "TEXT"),
            ("user_sid", "TEXT"),
            ("role", "TEXT"),
            ("role_type", "TEXT"),
            ("org_sid", "TEXT"),
            ("m_role", "TEXT"),  # the proficio membership role, NULL when the role becomes none
            ("school_sid", "TEXT"),
            ("relationship", "TEXT"),
        ],
        index=["user_sid"],
    )


def demographics_stage() -> Stage:
    return Stage(
        "demographics",
        [("sid", "TEXT"), ("status", "TEXT"), ("birth_date", "DATE"), ("gender", "TEXT"), ("race", "TEXT")],
        index=["sid"],
    )


def membership_of(keys: Keys, role: str, org_sid: str) -> tuple[str | None, str, str]:
    """(proficio role or None, school sourcedId, guardian relationship) for a OneRoster role at an org."""
    school = keys.school_of(org_sid)
    if role == "student":
        return "student", school, ""
    if role in GUARDIAN_ROLES:
        return "guardian", "", GUARDIAN_ROLES[role]
    if role in ADMIN_ROLES:
        return ("school_leader", school, "") if school else ("district_admin", "", "")
    if role in SCHOOL_ROLES and school:
        return SCHOOL_ROLES[role], school, ""
    return None, "", ""  # aide, proctor, extensions, or a teacher/counselor at the district level


def read_users(ctx: RunContext) -> None:
    file = spec.USERS.name
    keys = ctx.keys
    users, students, orgs = keys.users, keys.students, keys.orgs
    stage = users_stage()
    stage.create()
    roles = roles_stage()
    roles.create()
    ctx.stages["users"] = stage
    ctx.stages["roles"] = roles
    seen: dict[str, int] = {}
    role_column = False
    with stage.loader() as add:
        for line, v, _ok in read_file(ctx, spec.USERS):
            sid = v["sourcedId"]
            if sid in seen:
                ctx.problem(file, f"appears twice (also line {seen[sid]})", line, "sourcedId", sid)
                continue
            seen[sid] = line
            users.add(sid)
            status = v["status"]
            email = v["email"]
            if email and "@" not in email:
                ctx.problem(file, "is not an email address", line, "email", email)
            primary = v["primaryOrgSourcedId"]
            if primary and primary not in orgs:
                missing_reference(ctx, file, line, "primaryOrgSourcedId", primary, spec.ORGS.name, "orgs")
            role_rows = None
            if v["role"]:
                role_column = True
                role_rows = []
                if v["role"] == "student" and status == "active":
                    students.add(sid)
                for position, org in enumerate(v["orgSourcedIds"]):
                    if org not in orgs:
                        missing_reference(ctx, file, line, "orgSourcedIds", org, spec.ORGS.name, "orgs")
                        continue
                    m_role, school, relationship = membership_of(keys, v["role"], org)
                    role_rows.append(
                        [v["role"], "primary" if position == 0 else "secondary", org, m_role, school, relationship]
                    )
            # Staged even with problems (then nothing is written anyway): the cross-file checks that follow
            # should see every user the file names, not report its agents or roles as missing too.
            agents = v["agentSourcedIds"]
            add(
                (
                    line,
                    sid,
                    status,
                    status == "active" and bool(v["enabledUser"]),
                    v["username"],
                    v["preferredGivenName"][:150] or v["givenName"],
                    v["preferredFamilyName"][:150] or v["familyName"],
                    email,
                    (v["phone"] or v["sms"])[:32],
                    grade_of(v["grades"]),
                    ",".join(v["grades"]),
                    student_number_of(v["identifier"], sid),
                    keys.school_of(primary) if primary else "",
                    primary or ",".join(v["orgSourcedIds"]),
                    json.dumps(agents) if agents else None,
                    json.dumps(role_rows) if role_rows else None,
                )
            )
    stage.finish()
    if role_column:
        _roles_from_users(roles)
    ctx.state["roles_known"] = role_column
    _agents_from_users(ctx)


def _roles_from_users(roles: Stage) -> None:
    """OneRoster 1.1: the role rows each users.csv line carried, into the roles staging table."""
    users = "oneroster_users"
    if is_postgres():
        select = (
            f"SELECT u.line, 'users.csv', u.sid || '#' || (e->>0) || '#' || (e->>2), u.status, u.sid, e->>0, e->>1, "
            f"e->>2, e->>3, e->>4, e->>5 FROM {users} u, jsonb_array_elements(u.roles::jsonb) e "
            "WHERE u.roles IS NOT NULL"
        )
    else:
        select = (
            "SELECT u.line, 'users.csv', u.sid || '#' || json_extract(j.value, '$[0]') || '#' || "
            "json_extract(j.value, '$[2]'), u.status, u.sid, json_extract(j.value, '$[0]'), "
            "json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'), "
            f"json_extract(j.value, '$[4]'), json_extract(j.value, '$[5]') FROM {users} u, json_each(u.roles) j "
            "WHERE u.roles IS NOT NULL"
        )
    run(
        f"INSERT INTO {roles.table} (line, file, sid, status, user_sid, role, role_type, org_sid, m_role, "
        f"school_sid, relationship) {select}"
    )


def _agents_from_users(ctx: RunContext) -> None:
    """One row per (user, agent) pair, for the guardian links and the reference check."""
    stage = Stage("agents", [("user_sid", "TEXT"), ("agent_sid", "TEXT")], index=["user_sid", "agent_sid"])
    stage.create()
    ctx.stages["agents"] = stage
    users = "oneroster_users"
    if is_postgres():
        select = (
            f"SELECT u.line, u.sid, a FROM {users} u, jsonb_array_elements_text(u.agents::jsonb) a "
            "WHERE u.agents IS NOT NULL AND u.status = 'active'"
        )
    else:
        select = (
            f"SELECT u.line, u.sid, j.value FROM {users} u, json_each(u.agents) j "
            "WHERE u.agents IS NOT NULL AND u.status = 'active'"
        )
    run(f"INSERT INTO {stage.table} (line, user_sid, agent_sid) {select}")
    stage.finish()


def read_roles(ctx: RunContext) -> None:
    file = spec.ROLES.name
    keys = ctx.keys
    users, orgs, students = keys.users, keys.orgs, keys.students
    roles = ctx.stages.get("roles")
    if roles is None:  # users.csv was not sent (delta): roles still need a table
        roles = roles_stage()
        roles.create()
        ctx.stages["roles"] = roles
    if ctx.manifest.present("roles"):
        ctx.state["roles_known"] = True
    counts = ctx.counts_for("roles")
    with roles.loader() as add:
        for line, v, ok in read_file(ctx, spec.ROLES):
            user, org, role = v["userSourcedId"], v["orgSourcedId"], v["role"]
            if user and user not in users:
                missing_reference(ctx, file, line, "userSourcedId", user, spec.USERS.name, "users")
                ok = False
            if org and org not in orgs:
                missing_reference(ctx, file, line, "orgSourcedId", org, spec.ORGS.name, "orgs")
                ok = False
            begin, end = v["beginDate"], v["endDate"]
            if begin and end and end < begin:
                ctx.problem(file, "is before the begin date", line, "endDate", end.isoformat())
                ok = False
            if role == "student" and v["status"] == "active":
                students.add(user)  # even when the row has problems: enrollments should not report them again
            if not ok:
                continue
            m_role, school, relationship = membership_of(keys, role, org)
            if m_role is None:
                counts.skipped += 1
            add((line, file, v["sourcedId"], v["status"], user, role, v["roleType"], org, m_role, school, relationship))
    roles.finish()


def read_demographics(ctx: RunContext) -> None:
    file = spec.DEMOGRAPHICS.name
    users = ctx.keys.users
    stage = demographics_stage()
    stage.create()
    ctx.stages["demographics"] = stage
    with stage.loader() as add:
        for line, v, ok in read_file(ctx, spec.DEMOGRAPHICS):
            sid = v["sourcedId"]
            if sid and sid not in users:
                missing_reference(ctx, file, line, "sourcedId", sid, spec.USERS.name, "users")
                ok = False
            if not ok:
                continue
            add((line, sid, v["status"], v["birthDate"], GENDERS.get(v["sex"], ""), race_ethnicity_of(v)))
    stage.finish()
