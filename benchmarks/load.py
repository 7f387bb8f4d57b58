"""The demo district under a school day's load: gunicorn on PostgreSQL, driven by locust, and no lost writes.

What runs, all on this machine, all of it started and stopped here:

1. a throwaway PostgreSQL database (``proficio_bench_load``, dropped and recreated each run, dropped after),
   migrated, with the demo district written into it (``proficio.demo``; password ``proficio-demo``), one new
   summative assessment per section of the teachers under load (its slots empty), and a full recompute first,
   so that the result cache the load starts from agrees with the evidence;
2. the production server (``proficio serve --production``: gunicorn, static files by WhiteNoise) as a child
   process on a free loopback port: DEBUG off, its own secret key, ``ALLOWED_HOSTS`` 127.0.0.1;
3. locust, headless (``benchmarks/load_locustfile.py`` says what each user does), twice: first one teacher
   alone at a quick pace (the single-user baseline), then the load: **50 teachers** opening their gradebooks
   and scoring empty slots of their own sections (a save every 1.5–4 s while scoring, as typing levels
   goes), **30 students and guardians** reading progress pages (one every 5–15 s), **5 leaders** opening the
   insights dashboards (one every 8–20 s). Every user logs in first; the pages are measured once all have.

Printed: a table of p50/p95/p99, count and errors per request kind; the targets (gradebook p95 ≤ 150 ms, a
score save p95 ≤ 100 ms, 0 errors) as MET or NOT MET; each p95 under load as a multiple of the single-user
p95 measured in the same run; and the lost-write check, made after the server has stopped: every save the
server acknowledged is stored exactly once (its slot's one original score, the acknowledged value and id),
with its audit event, nothing was stored that was not acknowledged, and a full recompute of every framework
changes no result (the incremental updates made under load agree with it).

Exit status 1 when a request failed or the lost-write check did not pass; the latency targets are judged at
full size only (``--smoke`` prints them, marked as not judged).

    python benchmarks/load.py            # 1,000 students, 50 + 30 + 5 users for 150 s (about 8 minutes)
    python benchmarks/load.py --smoke    # 150 students, 5 + 4 + 2 users for 15 s (CI's smoke step)
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scratch_database import drop_database, fresh_database

if TYPE_CHECKING:
    from proficio.accounts.models import User
    from proficio.demo.writer import DemoResult
    from proficio.roster.models import Section

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PG_DATABASE = "proficio_bench_load"
PASSWORD = "proficio-demo"
HOST = "127.0.0.1"
TARGETS_MS = {"gradebook": 150.0, "score save": 100.0}
KINDS = (  # the table's order: the teachers' requests, the readers', the leaders'
    "log in",
    "gradebook",
    "scoring page",
    "score save",
    "progress page",
    "family page",
    "district dashboard",
    "school dashboard",
    "school growth",
)


@dataclass(frozen=True)
class Size:
    students: int
    summative_per_course: int
    formative_per_course: int
    teachers: int
    readers: int  # students and guardians, half each
    leaders: int  # the district administrator, then school leaders
    seconds: int  # the load run, once everyone has logged in
    pace: float  # every wait under load, as a share of a person's (1: a person's pace)
    warm_up_seconds: int
    alone_seconds: dict[str, int]  # how long one user of each kind runs alone, for the single-user figures


FULL = Size(1000, 10, 6, teachers=50, readers=30, leaders=5, seconds=150, pace=1.0, warm_up_seconds=20,
            alone_seconds={"teachers": 40, "readers": 20, "leaders": 20})  # fmt: skip
SMOKE = Size(150, 3, 2, teachers=5, readers=4, leaders=2, seconds=15, pace=0.25, warm_up_seconds=0,
             alone_seconds={"teachers": 5})  # fmt: skip
WARM_UP = {"teachers": 5, "readers": 4, "leaders": 2}  # users who warm the server up, at most
LOGIN_ALLOWANCE = 120  # seconds locust may spend on log-ins before the measured time, at most
QUICK_PACE = 0.02  # the warm-up's and the single user's waits, as a share of a person's


# --- the database and Django -------------------------------------------------------------------------------


def production_environment(url: str, data_dir: str) -> dict[str, str]:
    """The server's environment, as a deployment sets it: no debug, no test switches, its own key."""
    env = {k: v for k, v in os.environ.items() if k not in {"PROFICIO_DEBUG", "PYTEST_VERSION", "PYTEST_XDIST_WORKER"}}
    return env | {
        "DATABASE_URL": url,
        "PROFICIO_DATA_DIR": data_dir,
        "PROFICIO_SECRET_KEY": secrets.token_urlsafe(50),
        "PROFICIO_ALLOWED_HOSTS": HOST,
        "DJANGO_SETTINGS_MODULE": "proficio.config.settings",
    }


def _django(env: dict[str, str]) -> None:
    """Django in this process, on the same settings as the server, migrated."""
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    assert not settings.DEBUG
    call_command("migrate", verbosity=0, interactive=False)


# --- the district and who logs in --------------------------------------------------------------------------


def write_district(size: Size) -> tuple[DemoResult, str]:
    from proficio.demo.plan import build_plan
    from proficio.demo.writer import write_plan

    start = time.perf_counter()
    plan = build_plan(
        students=size.students,
        summative_per_course=size.summative_per_course,
        formative_per_course=size.formative_per_course,
    )
    demo = write_plan(plan, PASSWORD)
    counts = ", ".join(f"{demo.counts[k]:,} {k}" for k in ("students", "staff", "sections", "assessments", "scores"))
    return demo, f"demo district: {counts}, written in {time.perf_counter() - start:.1f} s"


def _teaching(user: User, year: int, claimed: set[int]) -> list[Section]:
    from proficio.proficiency.gradebook import section_indicators
    from proficio.roster.models import Enrollment, Section

    sections = (
        Section.objects.filter(
            enrollments__user=user, enrollments__role=Enrollment.Role.TEACHER, session__school_year=year
        )
        .exclude(pk__in=claimed)
        .distinct()
        .order_by("period", "pk")
    )
    return [section for section in sections if section_indicators(section)]


def _load_assessment(section: Section, teacher: User) -> int:
    """A new summative assessment on three of the section's indicators, dated with its latest one."""
    from django.db.models import Max

    from proficio.evidence.models import Assessment
    from proficio.evidence.services import create_assessment
    from proficio.proficiency.gradebook import section_indicators

    day = section.assessments.aggregate(last=Max("assessed_on"))["last"] or section.session.end_date
    fields = {"title": "Quick check (load test)", "kind": Assessment.Kind.SUMMATIVE, "assessed_on": day}
    (created,) = create_assessment(
        section=section, created_by=teacher, fields=fields, indicators=section_indicators(section)[:3]
    )
    return created.pk


def teacher_accounts(count: int) -> list[dict[str, Any]]:
    """``count`` teachers with their current sections (no section shared between two), each with its gradebook
    and a new assessment to score."""
    from django.db.models import Max
    from django.urls import reverse

    from proficio.accounts.models import Role, User
    from proficio.roster.models import AcademicSession

    year = AcademicSession.objects.aggregate(year=Max("school_year"))["year"]
    claimed: set[int] = set()
    accounts = []
    for teacher in User.objects.filter(memberships__role=Role.TEACHER).distinct().order_by("username"):
        sections = _teaching(teacher, year, claimed)
        if not sections:
            continue
        claimed.update(s.pk for s in sections)
        listed = [
            {"gradebook": reverse("gradebook", args=[s.pk]), "assessment": _load_assessment(s, teacher)}
            for s in sections
        ]
        accounts.append({"username": teacher.username, "sections": listed})
        if len(accounts) == count:
            return accounts
    raise SystemExit(f"the demo district has {len(accounts)} teachers with sections; the run needs {count}")


def reader_accounts(demo: DemoResult, count: int) -> list[dict[str, Any]]:
    """Students reading their progress, and guardians reading their family page and each child's, in turn."""
    from django.urls import reverse

    from proficio.roster.models import Student

    def progress(student: Student) -> list[str]:
        return ["progress page", reverse("student-progress", args=[student.pk])]

    students = [
        {"username": name, "pages": [progress(Student.objects.get(user__username=name))]}
        for name in demo.usernames["student"][: (count + 1) // 2]
    ]
    guardians = []
    for name in demo.usernames["guardian"][: count // 2]:
        children = Student.objects.filter(guardian_links__guardian__user__username=name, guardian_links__is_active=True)
        guardians.append({"username": name, "pages": [["family page", reverse("family")], *map(progress, children)]})
    interleaved = [account for pair in zip(students, [*guardians, None], strict=False) for account in pair if account]
    return interleaved[:count]


def leader_accounts(count: int) -> list[dict[str, Any]]:
    """The district administrator (the district dashboard and every school's), then school leaders (theirs)."""
    from django.urls import reverse

    from proficio.accounts.models import Role, User
    from proficio.insights.scope import insight_schools

    admins = list(User.objects.filter(memberships__role=Role.DISTRICT_ADMIN).distinct().order_by("username"))
    leaders = list(User.objects.filter(memberships__role=Role.SCHOOL_LEADER).distinct().order_by("username"))
    accounts = []
    for user in [*admins, *leaders][:count]:
        pages = [["district dashboard", reverse("insights")]] if user in admins else []
        for school in insight_schools(user).order_by("pk"):
            pages.append(["school dashboard", reverse("insights-school", args=[school.pk])])
            pages.append(["school growth", reverse("insights-growth", args=[school.pk])])
        accounts.append({"username": user.username, "pages": pages})
    return accounts


def recompute_everything() -> tuple[int, int]:
    """A full recompute of every framework: (results it changed, results it found right)."""
    from proficio.proficiency.services import recompute_framework
    from proficio.standards.models import Framework

    changed = unchanged = 0
    for framework in Framework.objects.order_by("pk"):
        report = recompute_framework(framework)
        changed, unchanged = changed + report.changed, unchanged + report.unchanged
    return changed, unchanged


# --- the server --------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def server_command(port: int) -> list[str]:
    """The production server, as an operator starts it (docs/deploy.md): gunicorn, 2 × cores + 1 sync workers."""
    return [str(BIN / "proficio"), "serve", "--production", f"--address={HOST}:{port}"]


def _workers(env: dict[str, str]) -> int:
    from proficio.ops.server import usable_cores, worker_count

    return worker_count(option=None, environ=env, cores=usable_cores())


@contextmanager
def running_server(env: dict[str, str], log: Path) -> Iterator[str]:
    """The server as a child process until the block ends; its base address."""
    port = _free_port()
    command = server_command(port)
    with log.open("w") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://{HOST}:{port}"
    try:
        _wait_until_up(base, server, log)
        started = f"{Path(command[0]).name} {' '.join(command[1:])}"
        print(f"server: {started}, {_workers(env)} workers ({HOST} only; DEBUG off)", flush=True)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)  # the graceful stop: workers finish their requests
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_up(base: str, server: subprocess.Popen[bytes], log: Path, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped on starting:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/login/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer within {seconds:.0f} s:\n{log.read_text()[-3000:]}")


# --- locust ------------------------------------------------------------------------------------------------


Sample = tuple[str, float, bool]  # (request kind, milliseconds, succeeded)


@dataclass(frozen=True)
class Run:
    samples: list[Sample]
    acknowledged: list[dict[str, Any]]
    failures: list[str]
    measured_seconds: float  # from the moment everyone had logged in to the end
    login_seconds: float


def run_locust(base: str, plan: dict[str, Any], seconds: int, workdir: Path, label: str) -> Run:
    """Locust, headless, with the users ``plan["counts"]`` asks for, for ``seconds`` once all have logged in; what
    its users recorded."""
    counts = plan["counts"]
    users = sum(counts.values())
    results = workdir / f"{label}-results.json"
    plan_file = workdir / f"{label}-plan.json"
    plan_file.write_text(json.dumps(plan | {"users": users, "seconds": seconds, "results": str(results)}))
    classes = [
        name for name, kind in (("Teacher", "teachers"), ("Reader", "readers"), ("Leader", "leaders")) if counts[kind]
    ]
    command = [
        str(BIN / "locust"), "-f", str(ROOT / "benchmarks" / "load_locustfile.py"), "--headless", f"--host={base}",
        f"--users={users}", f"--spawn-rate={users}", f"--run-time={seconds + LOGIN_ALLOWANCE}s", "--stop-timeout=30",
        "--only-summary", "--loglevel=WARNING", *classes,
    ]  # fmt: skip
    log = workdir / f"{label}-locust.log"
    started = time.time()
    with log.open("w") as out:
        subprocess.run(command, env=os.environ | {"PROFICIO_LOAD_PLAN": str(plan_file)}, stdout=out,
                       stderr=subprocess.STDOUT, timeout=seconds + LOGIN_ALLOWANCE + 120, check=False)  # fmt: skip
    if not results.exists():
        raise SystemExit(f"locust wrote no results:\n{log.read_text()[-3000:]}")
    found = json.loads(results.read_text())
    moments = found["moments"]
    everyone_in = moments.get("everyone logged in", moments["stopped"])
    return Run(
        samples=[(kind, ms, ok) for kind, ms, ok in found["samples"]],
        acknowledged=found["acknowledged"],
        failures=found["failures"],
        measured_seconds=moments["stopped"] - everyone_in,
        login_seconds=everyone_in - started,
    )


NO_RUN = Run(samples=[], acknowledged=[], failures=[], measured_seconds=0.0, login_seconds=0.0)


# --- the figures -------------------------------------------------------------------------------------------


def percentile(samples: Sequence[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def table(samples: Sequence[Sample], alone: Sequence[Sample]) -> list[str]:
    """p50/p95/p99, count and errors per request kind, a total line, and each kind's p95 measured with one user
    alone (``alone``) and how many times slower it was under load."""
    by_kind: dict[str, list[float]] = {}
    errors: Counter[str] = Counter()
    for kind, ms, ok in samples:
        by_kind.setdefault(kind, []).append(ms)
        errors[kind] += not ok
    kinds = [k for k in KINDS if k in by_kind] + sorted(set(by_kind) - set(KINDS))
    lines = [
        f"{'request':<20}{'count':>8}{'errors':>8}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'max ms':>10}"
        f"{'alone p95':>11}{'× alone':>9}"
    ]
    for kind in kinds:
        times = by_kind[kind]
        figures = "".join(f"{percentile(times, q):>10.1f}" for q in (0.5, 0.95, 0.99)) + f"{max(times):>10.1f}"
        single = p95_of(alone, kind) if kind != "log in" else None  # log-ins are all at once, never alone
        if single:
            figures += f"{single[0]:>11.1f}{percentile(times, 0.95) / single[0]:>8.1f}×"
        lines.append(f"{kind:<20}{len(times):>8,}{errors[kind]:>8,}{figures}")
    lines.append(f"{'all':<20}{len(samples):>8,}{sum(errors.values()):>8,}")
    return lines


def p95_of(samples: Sequence[Sample], kind: str) -> tuple[float, int] | None:
    times = [ms for k, ms, _ in samples if k == kind]
    return (percentile(times, 0.95), len(times)) if times else None


def verdicts(load: Run, before: Sequence[Run], alone: Sequence[Sample], smoke: bool) -> tuple[list[str], bool]:
    """The targets (MET / NOT MET) and their ratios to one user alone; whether every request of every run
    (``before`` and the load) succeeded."""
    lines = []
    runs = [*before, load]
    judged = " (smoke size: not judged)" if smoke else ""
    for kind, target in TARGETS_MS.items():
        found = p95_of(load.samples, kind)
        if found is None:
            lines.append(f"target {kind} p95 ≤ {target:.0f} ms: no {kind} requests — NOT MET{judged}")
            continue
        verdict = "MET" if found[0] <= target else "NOT MET"
        lines.append(
            f"target {kind} p95 ≤ {target:.0f} ms: {found[0]:.1f} ms over {found[1]:,} requests — {verdict}{judged}"
        )
    errors = sum(not ok for run in runs for _, _, ok in run.samples)
    requests = sum(len(run.samples) for run in runs)
    lines.append(f"target 0 errors: {errors:,} of {requests:,} requests failed — {'MET' if errors == 0 else 'NOT MET'}")
    lines += [f"  failed: {failure}" for run in runs for failure in run.failures][:10]
    for kind in TARGETS_MS:
        single, under = p95_of(alone, kind), p95_of(load.samples, kind)
        if single and under:
            lines.append(
                f"under load: {kind} p95 is {under[0] / single[0]:.1f}× the single-user p95 "
                f"({single[0]:.1f} ms over {single[1]:,} requests by one teacher alone)"
            )
    return lines, errors == 0


# --- lost writes -------------------------------------------------------------------------------------------


def check_writes(acknowledged: Sequence[dict[str, Any]], assessment_ids: Sequence[int]) -> tuple[list[str], bool]:
    """Every acknowledged save stored once, as acknowledged, with its audit event; nothing stored unacknowledged."""
    from proficio.audit.models import Action, AuditEvent
    from proficio.evidence.models import Score

    stored = list(
        Score.objects.filter(assessment_id__in=assessment_ids).values_list(
            "pk", "assessment_id", "student_id", "indicator_id", "value", "supersedes_id"
        )
    )
    per_slot = Counter((a, s, i) for _, a, s, i, _, _ in stored)
    by_slot = {(a, s, i): (pk, value) for pk, a, s, i, value, supersedes in stored if supersedes is None}
    acked_slots = Counter((ack["assessment"], ack["student"], ack["indicator"]) for ack in acknowledged)
    exactly_once = sum(
        1
        for ack in acknowledged
        if per_slot[(slot := (ack["assessment"], ack["student"], ack["indicator"]))] == 1
        and acked_slots[slot] == 1
        and by_slot.get(slot) == (ack["score"], Decimal(ack["value"]))
    )
    events = Counter(
        AuditEvent.objects.filter(
            action=Action.SCORE_CREATED, object_type="evidence.score", object_id__in=[str(pk) for pk, *_ in stored]
        ).values_list("object_id", flat=True)
    )
    audited = sum(1 for ack in acknowledged if events[str(ack["score"])] == 1)
    unacknowledged = sum(1 for slot in per_slot if slot not in acked_slots)
    changed, unchanged = recompute_everything()
    n = len(acknowledged)
    passed = exactly_once == audited == n and unacknowledged == 0 and len(stored) == n and changed == 0
    return [
        f"acknowledged saves: {n:,}; stored exactly once (the slot's one original score, the acknowledged value and "
        f"id): {exactly_once:,}; with its one audit event: {audited:,}; scores stored on the load assessments: "
        f"{len(stored):,}, of them never acknowledged: {unacknowledged:,}",
        f"full recompute after the load: {changed:,} results changed, {unchanged:,} found right",
        f"lost writes: {n - min(exactly_once, audited):,} — {'PASSED' if passed else 'FAILED'}",
    ], passed


# --- the run -----------------------------------------------------------------------------------------------


def _accounts(size: Size, demo: DemoResult) -> tuple[dict[str, Any], list[int]]:
    teachers = teacher_accounts(size.teachers)
    accounts = {
        "teachers": teachers,
        "readers": reader_accounts(demo, size.readers),
        "leaders": leader_accounts(size.leaders),
    }
    assessments = [section["assessment"] for teacher in teachers for section in teacher["sections"]]
    return accounts, assessments


@dataclass(frozen=True)
class Runs:
    warm_up: Run
    alone: list[Run]  # one user of each kind by itself, in turn
    load: Run

    @property
    def acknowledged(self) -> list[dict[str, Any]]:
        return [ack for run in [self.warm_up, *self.alone, self.load] for ack in run.acknowledged]


def run_all(base: str, plan: dict[str, Any], counts: dict[str, int], size: Size, workdir: Path) -> Runs:
    """The warm-up, each kind of user alone, then the load, against the server at ``base``."""
    # Each worker's first requests import and cache what a server up since the morning has long loaded.
    few = {kind: min(n, WARM_UP[kind]) for kind, n in counts.items()}
    quick = plan | {"pace": QUICK_PACE}
    warm_up = (
        run_locust(base, quick | {"counts": few}, size.warm_up_seconds, workdir, "warm-up")
        if size.warm_up_seconds
        else NO_RUN
    )
    alone = [
        run_locust(base, quick | {"counts": {k: int(k == kind) for k in counts}}, seconds, workdir, f"{kind}-alone")
        for kind, seconds in size.alone_seconds.items()
    ]
    load = run_locust(base, plan | {"counts": counts, "pace": size.pace}, size.seconds, workdir, "load")
    return Runs(warm_up, alone, load)


def measure(size: Size, env: dict[str, str], workdir: Path, smoke: bool) -> bool:
    demo, written = write_district(size)
    print(written, flush=True)
    accounts, assessments = _accounts(size, demo)
    changed, _ = recompute_everything()
    print(f"load assessments: {len(assessments)} (empty); full recompute before the load changed {changed} results")
    counts = {kind: len(listed) for kind, listed in accounts.items()}
    with running_server(env, workdir / "server.log") as base:
        runs = run_all(base, {"accounts": accounts, "password": PASSWORD}, counts, size, workdir)
    load, alone = runs.load, [sample for run in runs.alone for sample in run.samples]
    warmed = (
        f"warm-up: {len(runs.warm_up.samples):,} requests by {sum(WARM_UP.values())} users; "
        if size.warm_up_seconds
        else ""
    )
    print(
        f"{warmed}alone: one user of each kind ({', '.join(size.alone_seconds)}) by itself for "
        f"{' + '.join(f'{run.measured_seconds:.0f}' for run in runs.alone)} s, waits × {QUICK_PACE}"
    )
    pages = sum(kind != "log in" for kind, _, _ in load.samples)
    print(
        f"load: {counts['teachers']} teachers, {counts['readers']} students and guardians, {counts['leaders']} "
        f"leaders, waits × {size.pace}; all logged in {load.login_seconds:.1f} s after locust started, then "
        f"{pages / load.measured_seconds:.1f} requests/s for {load.measured_seconds:.1f} s ({_machine()})"
    )
    print("\n".join(table(load.samples, alone)))
    lines, no_errors = verdicts(load, [runs.warm_up, *runs.alone], alone, smoke)
    print("\n".join(lines), flush=True)
    lines, kept = check_writes(runs.acknowledged, assessments)
    print("\n".join(lines), flush=True)
    return no_errors and kept


def _machine() -> str:
    """How busy the machine was: the server, locust and PostgreSQL share its cores."""
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="150 students, 11 users for 15 s (CI's smoke step)")
    args = parser.parse_args()
    size = SMOKE if args.smoke else FULL
    workdir = Path(tempfile.mkdtemp(prefix="proficio-bench-load-"))
    env = production_environment(fresh_database(PG_DATABASE), str(workdir / "data"))
    passed = False
    try:
        start = time.perf_counter()
        _django(env)
        print(f"database: {PG_DATABASE}, migrated in {time.perf_counter() - start:.1f} s", flush=True)
        passed = measure(size, env, workdir, args.smoke)
    finally:
        drop_database(PG_DATABASE, force=True)
        if passed:
            shutil.rmtree(workdir, ignore_errors=True)
        else:  # the server's and locust's logs, for whoever looks into it
            print(f"logs kept in {workdir}", file=sys.stderr)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
