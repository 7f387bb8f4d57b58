"""Reading the small files — orgs, academicSessions, courses — and settling which district is imported.

These files hold tens to a few thousand rows, so their checked records are kept in memory for the writer.
The district comes from the caller or, when the caller names none, from the one district org in orgs.csv.

When the caller names the district, a school whose ``parentSourcedId`` is neither in orgs.csv nor imported
before (an export that left out the district row, or names it by another id) is attached to that district
with a warning: the caller has said where the schools belong. Without a named district it is refused, as is
any other org (a department) whose parent is nowhere — which school it belongs to cannot be known.
An academic session without ``schoolYear`` takes the year its endDate falls in, with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from proficio.interop.oneroster import spec
from proficio.interop.oneroster.context import Org, RunContext
from proficio.interop.oneroster.rows import read_file
from proficio.interop.oneroster.values import DERIVED, content_area_of, grade_of, school_year_of, short_code
from proficio.roster.models import AcademicSession, Course, District, School, Section, Student

SET = "the file set"


@dataclass
class OrgRow:
    line: int
    sid: str
    status: str
    name: str
    type: str
    identifier: str
    parent: str


@dataclass
class SessionRow:
    line: int
    sid: str
    status: str
    title: str
    kind: str
    start: date
    end: date
    parent: str
    school_year: int


@dataclass
class CourseRow:
    line: int
    sid: str
    status: str
    title: str
    code: str
    grade: int | None
    org: str
    school: str  # "" for a district-wide course
    content_area: str


def missing_reference(ctx: RunContext, file: str, line: int, column: str, value: str, target: str, key: str) -> None:
    """Record a reference to a record that is neither in ``target`` nor (when allowed) in the database —
    unless ``target`` could not be read at all, which is already reported and would make every row dangle."""
    if key in ctx.unreadable:
        return
    also = "" if ctx.bulk(key) else " nor imported before"
    ctx.problem(file, f"refers to a record that is not in {target}{also}", line, column, value)


def read_orgs(ctx: RunContext, district: District | None) -> None:
    rows: list[OrgRow] = []
    seen: dict[str, int] = {}
    for line, v, _ok in read_file(ctx, spec.ORGS):
        sid = v["sourcedId"]
        if sid in seen:
            ctx.problem(spec.ORGS.name, f"appears twice (also line {seen[sid]})", line, "sourcedId", sid)
            continue
        if sid:
            seen[sid] = line
        rows.append(OrgRow(line, sid, v["status"], v["name"], v["type"], v["identifier"], v["parentSourcedId"]))
    ctx.state["orgs"] = rows
    _resolve_district(ctx, district, rows)
    keys = ctx.keys
    for row in rows:
        keys.orgs[row.sid] = Org(row.type, row.parent)
    if ctx.district_sid:
        keys.orgs[ctx.district_sid] = Org("district", "")
    if ctx.district is not None and ctx.district.pk and ctx.database_counts("orgs"):
        for sid in School.objects.filter(district=ctx.district, sourced_id__isnull=False).values_list(
            "sourced_id", flat=True
        ):
            if sid:
                keys.orgs.setdefault(sid, Org("school", ctx.district_sid))
    _check_schools(ctx, rows, named=district is not None)


def _resolve_district(ctx: RunContext, district: District | None, rows: list[OrgRow]) -> None:
    file = spec.ORGS.name
    active = [r for r in rows if r.type == "district" and r.status == "active"]
    if district is not None:
        ctx.district = district
        ctx.district_sid = district.sourced_id or ""
        ctx.district_name = district.name
        ctx.district_identifier = district.identifier
        if not active:
            return
        chosen = next((r for r in active if r.sid == district.sourced_id), active[0])
        for other in active:
            if other is not chosen:
                ctx.problem(file, "is a second district; one import holds one district", other.line, "type", "district")
        if district.sourced_id and district.sourced_id != chosen.sid:
            ctx.problem(
                file,
                f"describes another district than {district.name} (whose sourcedId is {district.sourced_id})",
                chosen.line,
                "sourcedId",
                chosen.sid,
            )
            return
        other_owner = District.objects.filter(sourced_id=chosen.sid).exclude(pk=district.pk).first()
        if other_owner is not None:
            ctx.problem(
                file, f"already belongs to the district {other_owner.name}", chosen.line, "sourcedId", chosen.sid
            )
            return
        _take_name(ctx, chosen, exclude_pk=district.pk)
        return
    if len(active) > 1:
        for row in active:
            ctx.problem(
                file,
                f"is one of {len(active)} districts; import one at a time, naming it (--district)",
                row.line,
                "type",
                "district",
            )
        return
    if not active and not ctx.manifest.present("orgs"):
        # A delta without orgs.csv: the one district imported before, if there is exactly one.
        imported = list(District.objects.filter(sourced_id__isnull=False)[:2])
        if len(imported) == 1:
            ctx.district = imported[0]
            ctx.district_sid = imported[0].sourced_id or ""
            ctx.district_name = imported[0].name
            ctx.district_identifier = imported[0].identifier
            return
    if not active and "orgs" in ctx.unreadable:
        return  # orgs.csv itself is reported; it may well name the district once it can be read
    if not active:
        ctx.problem(
            file if ctx.manifest.present("orgs") else spec.MANIFEST,
            "names no district (no active org of type district); name the district to import into (--district)",
            where=SET,
        )
        return
    row = active[0]
    found = District.objects.filter(sourced_id=row.sid).first()
    if found is None:
        found = District.objects.filter(name=row.name, sourced_id__isnull=True).first()
    ctx.district = found or District(name=row.name, identifier=row.identifier)
    _take_name(ctx, row, exclude_pk=found.pk if found else None)


def _take_name(ctx: RunContext, row: OrgRow, exclude_pk: int | None) -> None:
    ctx.district_sid = row.sid
    ctx.district_name = row.name
    ctx.district_identifier = row.identifier
    clash = District.objects.filter(name=row.name)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        ctx.problem(spec.ORGS.name, "is already the name of another district", row.line, "name", row.name)


def _check_schools(ctx: RunContext, rows: list[OrgRow], *, named: bool) -> None:
    file = spec.ORGS.name
    keys = ctx.keys
    names: dict[str, int] = {}
    school_sids = [r.sid for r in rows if r.type == "school"]
    elsewhere = dict(
        School.objects.filter(sourced_id__in=school_sids)
        .exclude(district__pk=ctx.district.pk if ctx.district is not None and ctx.district.pk else 0)
        .values_list("sourced_id", "district__name")
    )
    for row in rows:
        if row.parent and row.parent not in keys.orgs:
            if named and row.type == "school" and ctx.district is not None:
                ctx.warn(
                    file,
                    f"refers to an org that is not in {file} nor imported before; the school is attached to "
                    f"{ctx.district.name}, the district this import names",
                    row.line,
                    "parentSourcedId",
                    row.parent,
                )
                keys.orgs[row.sid] = Org("school", ctx.district_sid)
            else:
                missing_reference(ctx, file, row.line, "parentSourcedId", row.parent, file, "orgs")
        if row.type == "district" and row.sid != ctx.district_sid and row.status == "active":
            continue  # reported while settling the district
        if row.type != "school":
            continue
        if row.sid in elsewhere:
            ctx.problem(file, f"is a school of another district ({elsewhere[row.sid]})", row.line, "sourcedId", row.sid)
        parent_district = _district_above(ctx, row.parent)
        if parent_district and parent_district != ctx.district_sid:
            ctx.problem(
                file, "belongs to another district than the one imported", row.line, "parentSourcedId", row.parent
            )
        if row.status == "active":
            if row.name in names:
                ctx.problem(
                    file, f"is the name of another school too (line {names[row.name]})", row.line, "name", row.name
                )
            names[row.name] = row.line
    if ctx.district is not None and ctx.district.pk:
        in_file = {r.sid for r in rows}
        for name, sid in School.objects.filter(
            district=ctx.district, name__in=names, sourced_id__isnull=False
        ).values_list("name", "sourced_id"):
            if sid not in in_file:
                ctx.problem(
                    file,
                    f"is the name of a school already imported with another sourcedId ({sid})",
                    names[name],
                    "name",
                    name,
                )


def _district_above(ctx: RunContext, sid: str) -> str:
    for _ in range(8):
        org = ctx.keys.orgs.get(sid)
        if org is None:
            return ""
        if org.type == "district":
            return sid
        sid = org.parent
    return ""


def preload_database_keys(ctx: RunContext) -> None:
    """sourcedIds already imported for this district, for the files the manifest does not send in bulk.

    Loaded before any file is streamed into a staging table: while PostgreSQL receives a COPY, the
    connection can run nothing else.
    """
    district = ctx.district
    if district is None or not district.pk:
        return
    keys = ctx.keys
    if ctx.database_counts("academicSessions"):
        for sid, kind in AcademicSession.objects.filter(district=district, sourced_id__isnull=False).values_list(
            "sourced_id", "kind"
        ):
            keys.sessions[sid or ""] = kind
    if ctx.database_counts("courses"):
        for sid, school in Course.objects.filter(school__district=district, sourced_id__isnull=False).values_list(
            "sourced_id", "school__sourced_id"
        ):
            base, derived, _ = (sid or "").partition(DERIVED)
            keys.courses[base] = "" if derived else (school or "")
    if ctx.database_counts("classes"):
        for sid, school in Section.objects.filter(
            course__school__district=district, sourced_id__isnull=False
        ).values_list("sourced_id", "course__school__sourced_id"):
            keys.classes[sid or ""] = school or ""
    if ctx.database_counts("users"):
        from proficio.accounts.models import User

        keys.users.update(
            sid for sid in User.objects.filter(sourced_id__isnull=False).values_list("sourced_id", flat=True) if sid
        )
    if ctx.database_counts("roles"):
        keys.students.update(
            sid
            for sid in Student.objects.filter(school__district=district, user__sourced_id__isnull=False).values_list(
                "user__sourced_id", flat=True
            )
            if sid
        )


def read_sessions(ctx: RunContext) -> None:
    file = spec.ACADEMIC_SESSIONS.name
    rows: list[SessionRow] = []
    seen: dict[str, int] = {}
    no_year: set[str] = set()
    for line, v, ok in read_file(ctx, spec.ACADEMIC_SESSIONS):
        sid = v["sourcedId"]
        if sid in seen:
            ctx.problem(file, f"appears twice (also line {seen[sid]})", line, "sourcedId", sid)
            continue
        seen[sid] = line
        kind = v["type"]
        if kind.startswith("ext:"):
            kind = AcademicSession.Kind.TERM
        ctx.keys.sessions[sid] = kind
        if not ok:
            continue
        if v["startDate"] >= v["endDate"]:
            ctx.problem(file, "must be after the start date", line, "endDate", v["endDate"].isoformat())
            continue
        school_year = v["schoolYear"]
        if school_year == "":
            school_year = 0  # settled below, from the school year the session belongs to
            no_year.add(sid)
        rows.append(
            SessionRow(
                line,
                sid,
                v["status"],
                v["title"],
                kind,
                v["startDate"],
                v["endDate"],
                v["parentSourcedId"],
                school_year,
            )
        )
    by_sid = {r.sid: r for r in rows}
    _settle_school_years(ctx, rows, by_sid, no_year)
    for row in rows:
        if row.parent and row.parent not in ctx.keys.sessions:
            missing_reference(ctx, file, row.line, "parentSourcedId", row.parent, file, "academicSessions")
        # A parent chain that comes back to the row itself can never be written.
        walk, steps = row.parent, 0
        while walk in by_sid and steps <= len(by_sid):
            if walk == row.sid:
                ctx.problem(
                    file, "makes the sessions each other's parents (a cycle)", row.line, "parentSourcedId", row.parent
                )
                break
            walk, steps = by_sid[walk].parent, steps + 1
    _check_elsewhere(ctx, file, AcademicSession.objects.filter(sourced_id__in=list(by_sid)), "district", rows)
    ctx.state["sessions"] = rows


def _settle_school_years(
    ctx: RunContext, rows: list[SessionRow], by_sid: dict[str, SessionRow], no_year: set[str]
) -> None:
    """Sessions without a schoolYear take their school year's: the schoolYear of the nearest ancestor in the
    file that has one, else the year the top-most ancestor (the school year itself) ends in — OneRoster's
    convention, 2024–25 is 2025. A fall term ending in December is then still of the year that ends in June."""
    file = spec.ACADEMIC_SESSIONS.name
    for row in rows:
        if row.sid not in no_year:
            continue
        node, steps = row, 0
        while node.sid in no_year and node.parent in by_sid and steps <= len(by_sid):
            node, steps = by_sid[node.parent], steps + 1
        if node.sid in no_year:
            row.school_year = school_year_of(node.end)
            how = f"the year its school year ends ({node.end.isoformat()}; OneRoster's convention: 2024–25 is 2025)"
        else:
            row.school_year = node.school_year
            how = "the schoolYear of the session it belongs to"
        ctx.warn(
            file,
            f"is blank or missing; read as {row.school_year}, {how}",
            row.line,
            "schoolYear",
            repeated=(file, "schoolYear", how),
        )


def _check_elsewhere(
    ctx: RunContext, file: str, queryset: QuerySet[Any], district_path: str, rows: list[SessionRow] | list[CourseRow]
) -> None:
    """sourcedIds that already belong to another district's records."""
    if ctx.district is None:
        return
    lines = {r.sid: r.line for r in rows}
    others = queryset.exclude(**{district_path: ctx.district.pk}) if ctx.district.pk else queryset
    for sid in others.values_list("sourced_id", flat=True):
        found = str(sid)
        ctx.problem(file, "already belongs to another district's record", lines.get(found, 0) or 1, "sourcedId", found)


def read_courses(ctx: RunContext) -> None:
    file = spec.COURSES.name
    keys = ctx.keys
    rows: list[CourseRow] = []
    seen: dict[str, int] = {}
    for line, v, ok in read_file(ctx, spec.COURSES):
        sid = v["sourcedId"]
        if sid in seen:
            ctx.problem(file, f"appears twice (also line {seen[sid]})", line, "sourcedId", sid)
            continue
        seen[sid] = line
        org = v["orgSourcedId"]
        school = ""
        if org and org not in keys.orgs:
            missing_reference(ctx, file, line, "orgSourcedId", org, spec.ORGS.name, "orgs")
            ok = False
        elif org:
            school = keys.school_of(org)
            if not school and org != ctx.district_sid:
                ctx.problem(file, "is neither a school nor the district imported", line, "orgSourcedId", org)
                ok = False
        keys.courses[sid] = school
        year = v["schoolYearSourcedId"]
        if year and year not in keys.sessions:
            missing_reference(
                ctx, file, line, "schoolYearSourcedId", year, spec.ACADEMIC_SESSIONS.name, "academicSessions"
            )
        if not ok:
            continue
        grades = [g for g in v["grades"] if grade_of([g]) is not None]
        code = v["courseCode"] or short_code(sid, 32)
        rows.append(
            CourseRow(
                line,
                sid,
                v["status"],
                v["title"],
                code,
                grade_of(grades) if len(set(grades)) == 1 else None,
                org,
                school,
                content_area_of(v["subjects"], v["subjectCodes"]),
            )
        )
    _check_elsewhere(ctx, file, Course.objects.filter(sourced_id__in=[r.sid for r in rows]), "school__district", rows)
    ctx.state["courses"] = rows
