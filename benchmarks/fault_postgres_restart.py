"""PostgreSQL restarted under load: clean 503s while it is down, recovery within 10 s, and no partial write.

What runs, all on this machine, all of it started and stopped here:

1. a PostgreSQL server of this run's own (``private_servers.private_postgres``: initdb into a temporary folder, a
   free loopback port), never the machine's shared one; the demo district is written into it as
   ``benchmarks/load.py`` writes it, with one new, empty summative assessment per section of the teachers below;
2. the production server (``proficio serve --production``: gunicorn, DEBUG off) on a free loopback port;
3. a steady stream of requests through the real web endpoints: teachers (one thread each, logged in) open their
   gradebook, open the scoring page of their load assessment and save scores into its empty slots one by one,
   as the scoring page does, while an API reader lists sections through the JSON API (``/api/v1/sections``);
4. mid-stream, PostgreSQL is stopped (fast shutdown: sessions cut, open transactions rolled back), left down
   for a few seconds, and started again; the stream goes on throughout.

Checked and printed:
- while PostgreSQL is down, every answer is a clean 503 (``Retry-After``, the retry message; no 500, no
  traceback, no debug page); JSON API answers are JSON with the same message;
- recovery: how long after PostgreSQL accepts connections again every request succeeds (target ≤ 10 s);
- no partial write: every save the server acknowledged is stored exactly once (its slot's one score, the
  acknowledged value and id) with its one audit event; the load assessments hold no other score, and no audit
  event without its score (a save that failed left nothing).

Exit status 1 when a check fails; the last line says PASSED or FAILED.

    python benchmarks/fault_postgres_restart.py           # 300 students, 8 teachers, down 5 s, about 2 minutes
    python benchmarks/fault_postgres_restart.py --smoke   # 80 students, 3 teachers, down 2 s (CI's smoke step)
"""

from __future__ import annotations

import argparse
import http.cookiejar
import io
import json
import re
import shutil
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from load import PASSWORD, _django, production_environment, running_server, teacher_accounts, write_district
from private_servers import private_postgres

DATABASE = "proficio_fault_restart"
RECOVERY_TARGET_SECONDS = 10.0
RETRY_MESSAGE = "Please try again in a few seconds."
LEAKS = ("Traceback", "OperationalError", "InterfaceError", "psycopg", "Server Error (500)", "Something went wrong")
REQUEST_TIMEOUT = 30.0
LOGIN_SECONDS = 120.0  # for every user to have logged in, at most

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_LEVELS = re.compile(r'data-levels="([^"]*)"')
_CELL = re.compile(
    r'<input class="score-input"[^>]*?data-student="(\d+)" data-indicator="(\d+)"\s+data-saved="([^"]*)"'
)


@dataclass(frozen=True)
class Size:
    students: int
    summative_per_course: int
    formative_per_course: int
    teachers: int
    before_seconds: float  # the stream before PostgreSQL stops
    down_seconds: float  # how long it stays down
    after_seconds: float  # the stream after it is back
    pause: float  # each teacher's wait between two requests, in seconds


FULL = Size(300, 4, 2, teachers=8, before_seconds=20, down_seconds=5, after_seconds=25, pause=0.2)
SMOKE = Size(80, 2, 1, teachers=3, before_seconds=5, down_seconds=2, after_seconds=8, pause=0.1)


# --- the stream of requests --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    kind: str  # gradebook, scoring page, score save, api sections, log in
    started: float  # time.monotonic()
    ended: float
    status: int  # 0: no HTTP answer at all (connection refused or reset, timeout)
    body: str
    headers: dict[str, str]


class Browser:
    """A logged-in person's cookies and CSRF token, over urllib (no redirects followed)."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    def __init__(self, base: str, answers: list[Answer], lock: threading.Lock) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        cookies = urllib.request.HTTPCookieProcessor(self.cookies)
        self.opener = urllib.request.build_opener(cookies, self._NoRedirect)
        self.answers, self.lock = answers, lock
        self.csrf = ""

    def request(self, kind: str, path: str, data: dict[str, str] | None = None, accept: str = "text/html") -> Answer:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Accept": accept, "Referer": self.base + path}
        if data is not None:
            headers["X-CSRFToken"] = self.csrf
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                status, text, found = response.status, response.read().decode(errors="replace"), response.headers
        except urllib.error.HTTPError as error:
            status, text, found = error.code, error.read().decode(errors="replace"), error.headers
        except OSError as error:
            status, text, found = 0, repr(error), {}
        answer = Answer(kind, started, time.monotonic(), status, text, dict(found.items()) if found else {})
        with self.lock:
            self.answers.append(answer)
        token = _CSRF.search(text)
        if token:
            self.csrf = token.group(1)
        return answer

    def log_in(self, username: str) -> None:
        self.request("log in", "/login/")
        done = self.request("log in", "/login/", {"username": username, "password": PASSWORD,
                                                 "csrfmiddlewaretoken": self.csrf})  # fmt: skip
        if done.status != 302:
            raise SystemExit(f"{username} could not log in (HTTP {done.status})")
        self.csrf = next((c.value or "" for c in self.cookies if c.name == "csrftoken"), self.csrf)


@dataclass
class Stream:
    """Every answer, every acknowledged save, and the threads making them, until ``stop`` is set."""

    base: str
    pause: float
    answers: list[Answer] = field(default_factory=list)
    acknowledged: list[dict[str, Any]] = field(default_factory=list)
    failed_saves: list[tuple[int, int, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)
    # Everyone logs in before the measured stream starts: password hashing is slow and is not what is tested.
    everyone_in: threading.Barrier = field(default_factory=lambda: threading.Barrier(1))

    def teacher(self, account: dict[str, Any]) -> None:
        browser = Browser(self.base, self.answers, self.lock)
        browser.log_in(account["username"])
        self.everyone_in.wait()
        sections = account["sections"]
        turn = 0
        while not self.stop.is_set():
            section = sections[turn % len(sections)]
            turn += 1
            browser.request("gradebook", section["gradebook"])
            self.stop.wait(self.pause)
            assessment = section["assessment"]
            page = browser.request("scoring page", f"/assessments/{assessment}/score/")
            levels = _LEVELS.search(page.body)
            if page.status != 200 or levels is None:
                self.stop.wait(self.pause)
                continue
            empty = [(int(s), int(i)) for s, i, saved in _CELL.findall(page.body) if not saved][:4]
            for student, indicator in empty:
                if self.stop.is_set():
                    break
                self.stop.wait(self.pause)
                value = levels.group(1).split()[-1]
                self._save(browser, assessment, student, indicator, value)

    def _save(self, browser: Browser, assessment: int, student: int, indicator: int, value: str) -> None:
        data = {"student": str(student), "indicator": str(indicator), "value": value}
        answer = browser.request("score save", f"/assessments/{assessment}/scores/", data, accept="*/*")
        slot = (assessment, student, indicator)
        if 200 <= answer.status < 300:
            reply = json.loads(answer.body)
            with self.lock:
                self.acknowledged.append({"slot": slot, "value": value, "score": reply["score"]})
        else:
            with self.lock:
                self.failed_saves.append(slot)

    def api_reader(self, username: str) -> None:
        browser = Browser(self.base, self.answers, self.lock)
        browser.log_in(username)
        self.everyone_in.wait()
        while not self.stop.is_set():
            browser.request("api sections", "/api/v1/sections", accept="application/json")
            self.stop.wait(self.pause * 2)


# --- judging the answers -----------------------------------------------------------------------------------


def clean_503(answer: Answer) -> bool:
    """A 503 with Retry-After and the retry message, and nothing of a traceback or debug page."""
    if answer.status != 503 or "Retry-After" not in answer.headers or RETRY_MESSAGE not in answer.body:
        return False
    if any(leak in answer.body for leak in LEAKS):
        return False
    if answer.kind.startswith("api"):
        try:
            return bool(json.loads(answer.body)["error"]["code"] == "unavailable")
        except (ValueError, KeyError, TypeError):
            return False
    return True


def ok(answer: Answer) -> bool:
    return 200 <= answer.status < 400


def judge(answers: list[Answer], down: float, back: float) -> tuple[list[str], bool]:
    """The table per request kind and phase, the clean-failure check and the recovery time."""

    def phase(a: Answer) -> str:
        return "before" if a.ended < down else ("down" if a.started < back else "after")

    counts: Counter[tuple[str, str, str]] = Counter()
    unclean: list[Answer] = []
    for answer in answers:
        outcome = "ok" if ok(answer) else ("503" if clean_503(answer) else "other")
        counts[(answer.kind, phase(answer), outcome)] += 1
        if outcome == "other":
            unclean.append(answer)
    kinds = [k for k in ("gradebook", "scoring page", "score save", "api sections") if any(k == c[0] for c in counts)]
    lines = [f"{'request':<16}" + "".join(f"{p + ' ok':>11}{p + ' 503':>11}" for p in ("before", "down", "after"))
             + f"{'other':>8}"]  # fmt: skip
    for kind in kinds:
        cells = "".join(
            f"{counts[(kind, p, 'ok')]:>11,}{counts[(kind, p, '503')]:>11,}" for p in ("before", "down", "after")
        )
        other = sum(counts[(kind, p, "other")] for p in ("before", "down", "after"))
        lines.append(f"{kind:<16}{cells}{other:>8,}")
    clean_503s = sum(n for (k, p, o), n in counts.items() if o == "503")
    api_503s = sum(n for (k, p, o), n in counts.items() if o == "503" and k.startswith("api"))
    lines.append(
        f"while PostgreSQL was down or coming back: {clean_503s:,} clean 503 answers ({api_503s:,} of them JSON from "
        f"the API), {len(unclean):,} other failures (500, traceback, no answer)"
    )
    for answer in unclean[:5]:
        lines.append(f"  unclean: {answer.kind} HTTP {answer.status}: {answer.body[:160]!r}")
    # Recovery: from the moment PostgreSQL accepted connections again to the end of the last failed request.
    failed_after = [a.ended for a in answers if not ok(a) and a.started >= down]
    succeeded_after = [a for a in answers if ok(a) and a.started >= back]
    last_failure = max(failed_after, default=back)
    recovery = max(0.0, last_failure - back)
    recovered = bool(succeeded_after) and any(a.started > last_failure for a in succeeded_after)
    during = sum(1 for a in answers if a.started >= down and a.ended <= back)
    served_down = sum(1 for a in answers if a.started >= down and a.ended <= back and ok(a))
    first = min((a.ended for a in succeeded_after), default=back) - back
    verdict = "MET" if recovered and recovery <= RECOVERY_TARGET_SECONDS else "NOT MET"
    lines.append(
        f"recovery: first success {first:.2f} s and every request succeeding {recovery:.2f} s after PostgreSQL "
        f"accepted connections again "
        f"(target ≤ {RECOVERY_TARGET_SECONDS:.0f} s) — {verdict}"
    )
    saw_outage = clean_503s > 0 and during > 0
    if not saw_outage:
        lines.append(f"no request met the outage ({during} requests while down, {served_down} succeeded): not judged")
    passed = not unclean and recovered and recovery <= RECOVERY_TARGET_SECONDS and saw_outage
    return lines, passed


def check_writes(stream: Stream, assessments: list[int]) -> tuple[list[str], bool]:
    """Every acknowledged save stored once with its audit event; the load assessments hold nothing else."""
    from proficio.audit.models import Action, AuditEvent
    from proficio.evidence.models import Score

    stored = list(
        Score.objects.filter(assessment_id__in=assessments).values_list(
            "pk", "assessment_id", "student_id", "indicator_id", "value"
        )
    )
    per_slot = Counter((a, s, i) for _, a, s, i, _ in stored)
    by_slot = {(a, s, i): (pk, value) for pk, a, s, i, value in stored}
    acked = Counter(ack["slot"] for ack in stream.acknowledged)
    once = sum(
        1
        for ack in stream.acknowledged
        if per_slot[ack["slot"]] == 1 and acked[ack["slot"]] == 1
        and by_slot[ack["slot"]] == (ack["score"], Decimal(ack["value"]))
    )  # fmt: skip
    events = Counter(
        AuditEvent.objects.filter(action=Action.SCORE_CREATED, object_type="evidence.score").values_list(
            "object_id", flat=True
        )
    )
    audited = sum(1 for ack in stream.acknowledged if events[str(ack["score"])] == 1)
    stored_ids = {str(pk) for pk, *_ in stored}
    unacknowledged = [slot for slot in per_slot if slot not in acked]
    failed_left = sum(1 for slot in set(stream.failed_saves) if slot not in acked and per_slot[slot])
    n = len(stream.acknowledged)
    score_events = sum(1 for object_id in events if object_id in stored_ids)
    passed = once == audited == n == len(stored) == score_events and not unacknowledged and failed_left == 0
    return [
        f"score saves: {n + len(stream.failed_saves):,} sent, {n:,} acknowledged, {len(stream.failed_saves):,} "
        f"refused with a 503",
        f"acknowledged saves stored exactly once: {once:,} of {n:,}; with their one audit event: {audited:,}",
        f"scores on the load assessments before: 0, after: {len(stored):,} (audit events for them: {score_events:,}); "
        f"stored though never acknowledged: {len(unacknowledged):,}; failed saves that left a row: {failed_left:,}",
        f"partial writes: {n - min(once, audited) + len(unacknowledged) + failed_left:,} — "
        + ("none" if passed else "FOUND"),
    ], passed


# --- the run -----------------------------------------------------------------------------------------------


def _api_user() -> str:
    """A district administrator: sees every section through the API."""
    from proficio.accounts.models import Role, User

    admin = User.objects.filter(memberships__role=Role.DISTRICT_ADMIN).order_by("username").first()
    assert admin is not None
    return admin.username


def measure(size: Size, env: dict[str, str], workdir: Path, pg: Any) -> bool:
    _, written = write_district_sized(size)
    print(written, flush=True)
    teachers = teacher_accounts(size.teachers)
    assessments = [section["assessment"] for teacher in teachers for section in teacher["sections"]]
    reader = _api_user()
    from django.db import connections

    connections.close_all()  # this process holds no session across the restart
    with running_server(env, workdir / "server.log") as base:
        stream = Stream(base, size.pause, everyone_in=threading.Barrier(len(teachers) + 2, timeout=LOGIN_SECONDS))
        threads = [threading.Thread(target=stream.teacher, args=(t,), daemon=True) for t in teachers]
        threads.append(threading.Thread(target=stream.api_reader, args=(reader,), daemon=True))
        for thread in threads:
            thread.start()
        stream.everyone_in.wait()
        time.sleep(size.before_seconds)
        down = time.monotonic()
        pg.stop()
        stopped = time.monotonic() - down
        time.sleep(size.down_seconds)
        pg.start()
        back = time.monotonic()
        print(
            f"PostgreSQL: fast shutdown took {stopped:.2f} s, down for {back - down:.1f} s, accepting connections "
            f"again {back - down:.1f} s after the stop",
            flush=True,
        )
        time.sleep(size.after_seconds)
        stream.stop.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT + 5)
    print(f"stream: {len(teachers)} teachers and 1 API reader, {len(stream.answers):,} requests in all")
    lines, served = judge(stream.answers, down, back)
    print("\n".join(lines), flush=True)
    lines, kept = check_writes(stream, assessments)
    print("\n".join(lines), flush=True)
    return served and kept


def write_district_sized(size: Size) -> tuple[Any, str]:
    from load import Size as LoadSize

    shape = LoadSize(size.students, size.summative_per_course, size.formative_per_course, teachers=0, readers=0,
                     leaders=0, seconds=0, pace=1.0, warm_up_seconds=0, alone_seconds={})  # fmt: skip
    return write_district(shape)


class _Tee:
    """This run's standard output, kept too, so that a failed run can repeat it on standard error (the smoke
    test shows only that)."""

    def __init__(self) -> None:
        self.out, self.kept = sys.stdout, io.StringIO()

    def write(self, text: str) -> int:
        self.kept.write(text)
        return self.out.write(text)

    def flush(self) -> None:
        self.out.flush()


def main() -> None:
    tee = _Tee()
    sys.stdout = tee  # type: ignore[assignment]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="80 students, 3 teachers, down 2 s (CI's smoke step)")
    args = parser.parse_args()
    size = SMOKE if args.smoke else FULL
    workdir = Path(tempfile.mkdtemp(prefix="proficio-fault-restart-"))
    passed = False
    try:
        with private_postgres() as pg:
            print(f"PostgreSQL: a private server on 127.0.0.1:{pg.port} (its own folder; the shared one untouched)")
            env = production_environment(pg.create_database(DATABASE), str(workdir / "data"))
            start = time.perf_counter()
            _django(env)
            print(f"database: {DATABASE}, migrated in {time.perf_counter() - start:.1f} s", flush=True)
            passed = measure(size, env, workdir, pg)
            from django.db import connections

            connections.close_all()
    finally:
        if passed:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"{tee.kept.getvalue()}logs kept in {workdir}", file=sys.stderr)
    print(f"PostgreSQL restart under load: {'PASSED' if passed else 'FAILED'}")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
