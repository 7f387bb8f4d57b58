"""Reading classes.csv and enrollments.csv into staging tables, checking every reference on the way.

Only sourcedId sets are held in Python (classes → their school, users, students); the rows themselves go
straight to the staging table, so a million enrollments cost a few megabytes, not gigabytes.
"""

from __future__ import annotations

from proficio.interop.oneroster import spec
from proficio.interop.oneroster.context import RunContext
from proficio.interop.oneroster.read_orgs import missing_reference
from proficio.interop.oneroster.rows import read_file
from proficio.interop.oneroster.staging import Stage
from proficio.interop.oneroster.values import DERIVED


def classes_stage() -> Stage:
    return Stage(
        "classes",
        [
            ("sid", "TEXT"),
            ("status", "TEXT"),
            ("title", "TEXT"),
            ("course_key", "TEXT"),
            ("session_sid", "TEXT"),
            ("school_sid", "TEXT"),
            ("class_code", "TEXT"),
            ("period", "TEXT"),
            ("room", "TEXT"),
        ],
        index=["sid"],
    )


def enrollments_stage() -> Stage:
    return Stage(
        "enrollments",
        [
            ("sid", "TEXT"),
            ("status", "TEXT"),
            ("class_sid", "TEXT"),
            ("user_sid", "TEXT"),
            ("role", "TEXT"),
            ("is_primary", "BOOLEAN"),
            ("begin_date", "DATE"),
            ("end_date", "DATE"),
        ],
        index=["sid"],
    )


# OneRoster enrollment roles proficio keeps; administrators and proctors of a class have no place here.
ENROLLMENT_ROLES = {"student": "student", "teacher": "teacher", "aide": "aide"}


def read_classes(ctx: RunContext) -> None:
    file = spec.CLASSES.name
    keys = ctx.keys
    stage = classes_stage()
    stage.create()
    ctx.stages["classes"] = stage
    seen: dict[str, int] = {}
    derived: set[tuple[str, str]] = set()
    with stage.loader() as add:
        for line, v, ok in read_file(ctx, spec.CLASSES):
            sid = v["sourcedId"]
            if sid in seen:
                ctx.problem(file, f"appears twice (also line {seen[sid]})", line, "sourcedId", sid)
                continue
            seen[sid] = line
            course, school_org = v["courseSourcedId"], v["schoolSourcedId"]
            school = ""
            if school_org and school_org not in keys.orgs:
                missing_reference(ctx, file, line, "schoolSourcedId", school_org, spec.ORGS.name, "orgs")
                ok = False
            elif school_org:
                school = keys.school_of(school_org)
                if not school:
                    ctx.problem(file, "is not a school", line, "schoolSourcedId", school_org)
                    ok = False
            keys.classes[sid] = school
            if course and course not in keys.courses:
                missing_reference(ctx, file, line, "courseSourcedId", course, spec.COURSES.name, "courses")
                ok = False
            for term in v["termSourcedIds"]:
                if term not in keys.sessions:
                    missing_reference(
                        ctx, file, line, "termSourcedIds", term, spec.ACADEMIC_SESSIONS.name, "academicSessions"
                    )
                    ok = False
            if not ok:
                continue
            course_key = course
            if keys.courses[course] != school:
                course_key = f"{course}{DERIVED}{school}"
                derived.add((course, school))
            add(
                (
                    line,
                    sid,
                    v["status"],
                    v["title"],
                    course_key,
                    v["termSourcedIds"][0],
                    school,
                    v["classCode"],
                    ",".join(v["periods"])[:16],
                    v["location"][:32],
                )
            )
    stage.finish()
    ctx.state["derived_courses"] = derived


def read_enrollments(ctx: RunContext) -> None:
    file = spec.ENROLLMENTS.name
    keys = ctx.keys
    classes, users, students = keys.classes, keys.users, keys.students
    orgs = keys.orgs
    stage = enrollments_stage()
    stage.create()
    ctx.stages["enrollments"] = stage
    counts = ctx.counts_for("enrollments")
    check_students = not ctx.unreadable & {"users", "roles"}
    with stage.loader() as add:
        for line, v, ok in read_file(ctx, spec.ENROLLMENTS):
            class_sid, user_sid, school_org = v["classSourcedId"], v["userSourcedId"], v["schoolSourcedId"]
            class_school = classes.get(class_sid)
            if class_sid and class_school is None:
                missing_reference(ctx, file, line, "classSourcedId", class_sid, spec.CLASSES.name, "classes")
                ok = False
            if user_sid and user_sid not in users:
                missing_reference(ctx, file, line, "userSourcedId", user_sid, spec.USERS.name, "users")
                ok = False
            if school_org and school_org not in orgs:
                missing_reference(ctx, file, line, "schoolSourcedId", school_org, spec.ORGS.name, "orgs")
                ok = False
            elif (
                class_school
                and school_org
                and school_org != class_school
                and keys.school_of(school_org) != class_school
            ):
                ctx.problem(file, f"is not the school of class {class_sid}", line, "schoolSourcedId", school_org)
                ok = False
            role = ENROLLMENT_ROLES.get(v["role"])
            status = v["status"]
            if (
                role == "student"
                and status == "active"
                and check_students
                and user_sid in users
                and user_sid not in students
            ):
                ctx.problem(file, "enrols as a student someone with no student role", line, "userSourcedId", user_sid)
                ok = False
            begin, end = v["beginDate"], v["endDate"]
            if begin and end and end < begin:
                ctx.problem(file, "is before the begin date", line, "endDate", end.isoformat())
                ok = False
            if not ok:
                continue
            if role is None:
                counts.skipped += 1
            add(
                (
                    line,
                    v["sourcedId"],
                    status,
                    class_sid,
                    user_sid,
                    role,
                    bool(v["primary"]) and role == "teacher",
                    begin,
                    end,
                )
            )
    stage.finish()
