"""The OneRoster 1.2 CSV import service: check everything, then write everything, or nothing.

    outcome = import_oneroster(Path("roster.zip"), district=None, user=admin)

The run has two phases inside one transaction. *Reading* streams each file in dependency order (orgs,
academicSessions, courses, classes, users, roles, demographics, enrollments), checks every row and every
reference, and stages the rows in temporary tables; then whole-file checks run in SQL. If anything at all
is wrong, ``ImportRefused`` is raised with every problem found (up to the cap) and the transaction is rolled
back. Otherwise *writing* merges the staged rows — removals first (so a record re-issued under a new
sourcedId does not collide with its old self), then creations and updates, then deactivations.

The ImportRecord is written outside that transaction, so refused runs and dry runs are on record too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.db.models import Max, Min

from proficio.accounts.models import User
from proficio.interop.files import UnsafeInput, open_source
from proficio.interop.models import ImportRecord
from proficio.interop.oneroster import (
    cross_checks,
    read_classes,
    read_orgs,
    read_people,
    staging,
    write_classes,
    write_orgs,
    write_people,
)
from proficio.interop.oneroster.context import RunContext
from proficio.interop.oneroster.manifest import Manifest, read_manifest
from proficio.interop.permissions import can_exchange_rosters
from proficio.interop.problems import ImportRefused, Problem, ProblemList
from proficio.interop.records import finish_record, sha256_of, start_record
from proficio.jobs.progress import ProgressCallback, no_progress
from proficio.roster.models import District, School, Student


@dataclass
class OneRosterImportOutcome:
    record: ImportRecord
    counts: dict[str, dict[str, int]]  # file (or derived record kind) → {"created": n, "updated": n, …}
    district: District | None
    dry_run: bool
    notes: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # what was read leniently, each located


def import_oneroster(
    source: Path,
    *,
    district: District | None,
    user: User | None,
    dry_run: bool = False,
    progress: ProgressCallback = no_progress,
) -> OneRosterImportOutcome:
    """Import a OneRoster CSV set (a .zip or a folder) into ``district`` — or, when None, into the one
    district its orgs.csv defines. Raises ImportRefused (nothing written) when anything is wrong, and
    PermissionDenied when ``user`` may not exchange rosters for that district."""
    source = Path(source)
    try:
        files = open_source(source)
    except UnsafeInput as unsafe:
        record = start_record(
            ImportRecord.Kind.ONEROSTER,
            source_name=str(source),
            sha256=sha256_of([source]) if source.is_file() and not source.is_symlink() else "",
            user=user,
            district=district,
        )
        refusals = _refusal_problems(source.name, unsafe)
        finish_record(record, status=ImportRecord.Status.FAILED, problems=refusals)
        raise ImportRefused(refusals) from unsafe
    with files:
        record = start_record(
            ImportRecord.Kind.ONEROSTER, source_name=str(source), sha256=files.sha256(), user=user, district=district
        )
        problems = ProblemList()
        ctx: RunContext | None = None
        try:
            with transaction.atomic():
                ctx = RunContext(source=files, manifest=Manifest(), problems=problems, progress=progress)
                _run(ctx, district, user)
                if dry_run:
                    transaction.set_rollback(True)
        except UnsafeInput as unsafe:  # found while streaming: a member inflating past its limits
            midway = ImportRefused([*problems.items, *_refusal_problems(files.display_name, unsafe)])
            finish_record(record, status=ImportRecord.Status.FAILED, problems=midway.problems)
            raise midway from unsafe
        except ImportRefused as refused:
            finish_record(
                record, status=ImportRecord.Status.FAILED, problems=refused.problems, warnings=refused.warnings
            )
            raise
        except PermissionDenied as denied:
            finish_record(
                record,
                status=ImportRecord.Status.FAILED,
                problems=[Problem(files.display_name, str(denied), where="permission")],
            )
            raise
        except DatabaseError as error:
            # A rule of the database this import did not foresee; nothing was written.
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            database = ImportRefused([Problem("(database)", f"refused a write: {first}", where="writing")])
            finish_record(record, status=ImportRecord.Status.FAILED, problems=database.problems)
            raise database from error
    assert ctx is not None
    counts = {key: ctx.counts[key].as_dict() for key in sorted(ctx.counts, key=_count_order)}
    # In a dry run, only a district that existed before the run is still there to point at.
    existed = ctx.state.get("district_existed", False)
    written = ctx.district if ctx.district is not None and (existed or not dry_run) else district
    if written is not None and written.pk is not None:
        record.district = written
    finish_record(
        record,
        status=ImportRecord.Status.DRY_RUN if dry_run else ImportRecord.Status.COMMITTED,
        counts=dict(counts.items()),
        warnings=ctx.warnings.finished(),
    )
    return OneRosterImportOutcome(
        record=record,
        counts=counts,
        district=written if written and written.pk else None,
        dry_run=dry_run,
        notes=ctx.notes,
        warnings=ctx.warnings.finished(),
    )


COUNT_ORDER = (
    "orgs",
    "academicSessions",
    "courses",
    "classes",
    "users",
    "students",
    "guardians",
    "roles",
    "guardianLinks",
    "demographics",
    "enrollments",
)


def _count_order(key: str) -> int:
    return COUNT_ORDER.index(key) if key in COUNT_ORDER else len(COUNT_ORDER)


def _refusal_problems(name: str, unsafe: UnsafeInput) -> list[Problem]:
    return [Problem(r.member or name, r.message, where="archive") for r in unsafe.refusals]


def _run(ctx: RunContext, district: District | None, user: User | None) -> None:
    if staging.is_postgres():
        # These statements run once each over large tables: compiling them costs more than it saves.
        staging.run("SET LOCAL jit = off")
    _read(ctx, district, user)
    if ctx.problems:
        raise ImportRefused(ctx.problems.items, ctx.problems.truncated, ctx.warnings.finished())
    _write(ctx, user)


def _read(ctx: RunContext, district: District | None, user: User | None) -> None:
    ctx.manifest = read_manifest(ctx.source, ctx.problems, ctx.warn)
    read_orgs.read_orgs(ctx, district)
    _check_permission(ctx, user)
    read_orgs.preload_database_keys(ctx)
    read_orgs.read_sessions(ctx)
    read_orgs.read_courses(ctx)
    read_classes.read_classes(ctx)
    read_people.read_users(ctx)
    read_people.read_roles(ctx)
    read_people.read_demographics(ctx)
    read_classes.read_enrollments(ctx)
    ctx.progress("checking references", 0, 1)
    if _large(ctx):
        staging.analyze_targets(*BIG_TABLES)  # an earlier import's rows may not be analysed yet
    cross_checks.check_all(ctx)
    ctx.progress("checking references", 1, 1)
    _note_ignored(ctx)


def _check_permission(ctx: RunContext, user: User | None) -> None:
    if user is None or user.is_superuser:
        return
    target = ctx.district
    if target is None:
        return  # no district: already a problem, reported with the others
    if target.pk is None or not can_exchange_rosters(user, target):
        raise PermissionDenied(f"{user.username} may not import rosters for {target.name}")


def _note_ignored(ctx: RunContext) -> None:
    from proficio.interop.oneroster.spec import IGNORED_FILES

    for key in IGNORED_FILES:
        if ctx.manifest.present(key):
            ctx.notes.append(f"{key}.csv is not read by the roster import and was left aside")


def _write(ctx: RunContext, user: User | None) -> None:
    ctx.state["district_existed"] = ctx.district is not None and ctx.district.pk is not None
    write_orgs.write_district(ctx)
    write_classes.district_sections(ctx)
    scope = write_people.scope_users(ctx) if any(ctx.bulk(key) for key in ("users", "roles", "demographics")) else None
    steps = [
        ("removing enrollments", write_classes.remove_enrollments, ()),
        ("removing classes", write_classes.remove_classes, ()),
        ("removing courses", write_orgs.remove_courses, ()),
        ("removing sessions", write_orgs.remove_sessions, ()),
        ("writing schools", write_orgs.write_schools, ()),
        ("writing sessions", write_orgs.write_sessions, ()),
        ("writing courses", write_orgs.write_courses, ()),
        ("writing classes", write_classes.write_classes, ("roster_section",)),
        ("writing users", write_people.write_users, ("accounts_user",)),
        ("writing students", write_people.write_students, ("roster_student",)),
        ("writing guardians", write_people.write_guardians, ("roster_guardian",)),
        ("writing memberships", write_people.write_memberships, ("accounts_membership",)),
        ("writing guardian links", write_people.write_guardian_links, ("roster_guardianlink",)),
        ("writing demographics", write_people.write_demographics, ()),
        ("writing enrollments", write_classes.write_enrollments, ("roster_enrollment",)),
    ]
    large = _large(ctx)
    for stage, step, filled in steps:
        ctx.progress(stage, 0, 1)
        step(ctx)
        if large:
            staging.analyze_targets(*filled)  # later steps join against what this one wrote
        ctx.progress(stage, 1, 1)
    ctx.progress("deactivating what left the roster", 0, 1)
    write_people.remove_memberships(ctx, scope)
    write_people.remove_guardian_links(ctx, scope)
    write_people.remove_users(ctx, scope, user.pk if user is not None else None)
    write_people.remove_demographics(ctx, scope)
    _school_spans(ctx)
    staging.drop_all()
    ctx.progress("deactivating what left the roster", 1, 1)


LARGE = 10_000  # staged rows from which planner statistics are worth refreshing during the run


def _large(ctx: RunContext) -> bool:
    return sum(stage.count for stage in ctx.stages.values()) >= LARGE


BIG_TABLES = ("accounts_user", "accounts_membership", "roster_student", "roster_section", "roster_enrollment")


def _school_spans(ctx: RunContext) -> None:
    """A school's grade span follows its students' grades (K–12 until it has any)."""
    counts = ctx.counts_for("orgs")
    created = ctx.state.get("created_schools", set())
    unchanged = ctx.state.get("unchanged_schools", set())
    spans = (
        Student.objects.filter(school__district=ctx.district, is_active=True)
        .values("school")
        .annotate(low=Min("grade"), high=Max("grade"))
    )
    for span in spans:
        if span["low"] is None:
            continue  # none of its students has a grade yet: the span stays as it was
        school = School.objects.get(pk=span["school"])
        if (school.lowest_grade, school.highest_grade) == (span["low"], span["high"]):
            continue
        school.lowest_grade, school.highest_grade = span["low"], span["high"]
        school.save(update_fields=["lowest_grade", "highest_grade"])
        if school.pk not in created:
            counts.updated += 1
            if school.pk in unchanged:
                counts.unchanged -= 1
                unchanged.discard(school.pk)
