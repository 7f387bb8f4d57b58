"""Writing the district, its schools, academic sessions and courses (small: plain ORM, a few queries each).

Each record is found by its sourcedId; one made by hand before (no sourcedId) is adopted when its natural
key matches — a school by name, a session by title and year, a course by school and code. Names that
proficio requires to be unique but OneRoster does not (two "Semester 1" in one year, two courses coded
"MATH1" at a school) get the sourcedId added, deterministically, so a re-import gives the same names.

Schools are never deleted by an import (too much hangs off them); sessions and courses marked
``tobedeleted`` (or missing from a bulk file) are deleted when nothing refers to them, and kept otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from proficio.interop.oneroster.context import RunContext
from proficio.interop.oneroster.read_orgs import CourseRow, OrgRow, SessionRow
from proficio.interop.oneroster.values import DEFAULT_SPAN, DERIVED, short_code
from proficio.roster.models import AcademicSession, Course, District, School


def write_district(ctx: RunContext) -> District:
    district = ctx.district
    assert district is not None
    counts = ctx.counts_for("orgs")
    wanted = {
        "name": ctx.district_name,
        "identifier": ctx.district_identifier[:64],
        "sourced_id": ctx.district_sid or None,
    }
    if district.pk is None:
        for field, value in wanted.items():
            setattr(district, field, value)
        district.save()
        counts.created += 1
    else:
        changed = [f for f, v in wanted.items() if v is not None and getattr(district, f) != v]
        for field in changed:
            setattr(district, field, wanted[field])
        if changed:
            district.save(update_fields=changed)
            counts.updated += 1
        elif ctx.district_sid:
            counts.unchanged += 1
    return district


def write_schools(ctx: RunContext) -> None:
    district = ctx.district
    assert district is not None
    counts = ctx.counts_for("orgs")
    rows: list[OrgRow] = ctx.state.get("orgs", [])
    existing = {s.sourced_id: s for s in School.objects.filter(district=district, sourced_id__isnull=False)}
    by_name = {s.name: s for s in School.objects.filter(district=district, sourced_id__isnull=True)}
    created: set[int] = set()
    unchanged: set[int] = set()
    for row in rows:
        if row.type == "district":
            continue
        if row.type != "school":
            counts.skipped += 1
            continue
        school = existing.get(row.sid)
        if row.status != "active":
            if school is not None:
                counts.kept += 1
            continue
        if school is None:
            school = by_name.pop(row.name, None)
        if school is None:
            low, high = DEFAULT_SPAN
            school = School.objects.create(
                district=district,
                name=row.name,
                identifier=row.identifier,
                sourced_id=row.sid,
                lowest_grade=low,
                highest_grade=high,
            )
            created.add(school.pk)
            counts.created += 1
            continue
        wanted = {"name": row.name, "identifier": row.identifier, "sourced_id": row.sid}
        changed = [f for f, v in wanted.items() if getattr(school, f) != v]
        if changed:
            for field in changed:
                setattr(school, field, wanted[field])
            school.save(update_fields=changed)
            counts.updated += 1
        else:
            counts.unchanged += 1
            unchanged.add(school.pk)
    if ctx.bulk("orgs"):
        in_file = {r.sid for r in rows}
        counts.kept += sum(1 for sid in existing if sid not in in_file)
    ctx.state["created_schools"] = created
    ctx.state["unchanged_schools"] = unchanged


def remove_sessions(ctx: RunContext) -> None:
    """Delete sessions marked tobedeleted (or missing from a bulk file) that no section, session, term comment or
    issued report uses (issued reports are official records: their term is kept and counted as kept)."""
    rows: list[SessionRow] = ctx.state.get("sessions", [])
    gone = {r.sid for r in rows if r.status != "active"}
    scope = AcademicSession.objects.filter(district=ctx.district, sourced_id__isnull=False)
    if ctx.bulk("academicSessions"):
        in_file = {r.sid for r in rows}
        gone |= {sid for sid in scope.values_list("sourced_id", flat=True) if sid and sid not in in_file}
    used_by = ("sections", "children", "term_comments", "issued_reports")
    _delete_unused(ctx, "academicSessions", scope.filter(sourced_id__in=gone), used_by)


def write_sessions(ctx: RunContext) -> None:
    district = ctx.district
    rows = [r for r in ctx.state.get("sessions", []) if r.status == "active"]
    existing = {
        s.sourced_id or "": s for s in AcademicSession.objects.filter(district=district, sourced_id__isnull=False)
    }
    unsourced = {
        (s.title, s.school_year): s for s in AcademicSession.objects.filter(district=district, sourced_id=None)
    }
    titles = _unique_titles(rows, existing)
    sessions: dict[str, AcademicSession] = {}
    outcome: dict[str, str] = {}
    for row in rows:
        title = titles[row.sid]
        session = existing.get(row.sid) or unsourced.pop((title, row.school_year), None)
        wanted = {
            "title": title,
            "kind": row.kind,
            "school_year": row.school_year,
            "start_date": row.start,
            "end_date": row.end,
            "sourced_id": row.sid,
        }
        if session is None:
            session = AcademicSession.objects.create(district=district, **wanted)  # type: ignore[misc]
            outcome[row.sid] = "created"
        else:
            changed = [f for f, v in wanted.items() if getattr(session, f) != v]
            for field in changed:
                setattr(session, field, wanted[field])
            if changed:
                session.save(update_fields=changed)
            outcome[row.sid] = "updated" if changed else "unchanged"
        sessions[row.sid] = session
    # Parents last, once every session of the file exists (a term may come before its school year).
    parents = {s.sourced_id: s for s in AcademicSession.objects.filter(district=district, sourced_id__isnull=False)}
    for row in rows:
        session = sessions[row.sid]
        parent = parents.get(row.parent) if row.parent else None
        if session.parent_id != (parent.pk if parent else None):
            session.parent = parent
            session.save(update_fields=["parent"])
            if outcome[row.sid] == "unchanged":
                outcome[row.sid] = "updated"
    counts = ctx.counts_for("academicSessions")
    for result in outcome.values():
        setattr(counts, result, getattr(counts, result) + 1)


def _unique_titles(rows: list[SessionRow], existing: dict[str, AcademicSession]) -> dict[str, str]:
    """Each session's title, with its sourcedId added where several would share one title in one year."""
    seen: dict[tuple[str, int], int] = {}
    for row in rows:
        seen[(row.title, row.school_year)] = seen.get((row.title, row.school_year), 0) + 1
    taken = {(s.title, s.school_year) for sid, s in existing.items() if sid not in {r.sid for r in rows}}
    return {
        row.sid: (
            f"{row.title} ({row.sid})"[:120]
            if seen[(row.title, row.school_year)] > 1 or (row.title, row.school_year) in taken
            else row.title
        )
        for row in rows
    }


def remove_courses(ctx: RunContext) -> None:
    rows: list[CourseRow] = ctx.state.get("courses", [])
    gone = {r.sid for r in rows if r.status != "active"}
    scope = Course.objects.filter(school__district=ctx.district, sourced_id__isnull=False)
    if ctx.bulk("courses"):
        in_file = {r.sid for r in rows}
        bases = {(sid or "").partition(DERIVED)[0] for sid in scope.values_list("sourced_id", flat=True)}
        gone |= {base for base in bases if base and base not in in_file}
    if not gone:
        return
    match = Q(sourced_id__in=gone)
    for sid in gone:
        match |= Q(sourced_id__startswith=f"{sid}{DERIVED}")
    _delete_unused(ctx, "courses", scope.filter(match), ("sections",))


def write_courses(ctx: RunContext) -> None:
    """School courses as they are; a district-wide course once for each school that has classes of it."""
    counts = ctx.counts_for("courses")
    schools = dict(
        School.objects.filter(district=ctx.district, sourced_id__isnull=False).values_list("sourced_id", "pk")
    )
    rows = {r.sid: r for r in ctx.state.get("courses", []) if r.status == "active"}
    wanted: list[tuple[str, int, CourseRow]] = []  # (sourced_id, school pk, row)
    for row in rows.values():
        if row.school:
            wanted.append((row.sid, schools[row.school], row))
    for course_sid, school_sid in sorted(ctx.state.get("derived_courses", set())):
        row = rows.get(course_sid)
        if row is not None and school_sid in schools:
            wanted.append((f"{course_sid}{DERIVED}{school_sid}", schools[school_sid], row))
    taught = {course_sid for course_sid, _ in ctx.state.get("derived_courses", set())}
    counts.skipped += sum(1 for r in rows.values() if not r.school and r.sid not in taught)
    sids = [sid for sid, _, _ in wanted]
    existing = {c.sourced_id: c for c in Course.objects.filter(sourced_id__in=sids)}
    school_pks = {pk for _, pk, _ in wanted}
    unsourced = {(c.school_id, c.code): c for c in Course.objects.filter(school_id__in=school_pks, sourced_id=None)}
    taken = {
        (c.school_id, c.code): c.sourced_id or ""
        for c in Course.objects.filter(school_id__in=school_pks).exclude(sourced_id=None)
    }
    codes = _unique_codes(wanted, taken)
    for sid, school_pk, row in wanted:
        code = codes[sid]
        course = existing.get(sid) or unsourced.pop((school_pk, code), None)
        values = {
            "school_id": school_pk,
            "title": row.title,
            "code": code,
            "content_area": row.content_area,
            "grade": row.grade,
            "sourced_id": sid,
        }
        if course is None:
            Course.objects.create(**values)
            counts.created += 1
            continue
        changed = [f for f, v in values.items() if getattr(course, f) != v]
        if changed:
            for field in changed:
                setattr(course, field, values[field])
            course.save(update_fields=changed)
            counts.updated += 1
        else:
            counts.unchanged += 1


def _unique_codes(wanted: list[tuple[str, int, CourseRow]], taken: dict[tuple[int, str], str]) -> dict[str, str]:
    """Course codes unique within each school: a shared code gets the sourcedId added."""
    seen: dict[tuple[int, str], int] = {}
    for _, school_pk, row in wanted:
        seen[(school_pk, row.code)] = seen.get((school_pk, row.code), 0) + 1
    ours = {sid for sid, _, _ in wanted}
    codes = {}
    for sid, school_pk, row in wanted:
        owner = taken.get((school_pk, row.code))
        clash = seen[(school_pk, row.code)] > 1 or (owner is not None and owner != sid and owner not in ours)
        codes[sid] = short_code(f"{row.code}-{sid}", 32) if clash else row.code
    return codes


def _delete_unused(ctx: RunContext, key: str, queryset: QuerySet[Any], relations: Iterable[str]) -> None:
    """Delete the records nothing refers to; count the others as kept. Repeated, so a school year whose
    terms are deleted in the same run goes too."""
    counts = ctx.counts_for(key)
    used = Q()
    for relation in relations:
        used |= Q(**{f"{relation}__isnull": False})
    remaining = set(queryset.values_list("pk", flat=True))
    while remaining:
        free = set(queryset.model.objects.filter(pk__in=remaining).exclude(used).values_list("pk", flat=True))
        if not free:
            break
        queryset.model.objects.filter(pk__in=free).delete()
        counts.deleted += len(free)
        remaining -= free
    counts.kept += len(remaining)
