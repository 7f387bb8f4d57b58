"""The users of the load test (``benchmarks/load.py``), for locust: teachers scoring, families reading, leaders.

``benchmarks/load.py`` writes a plan (JSON, its path in ``PROFICIO_LOAD_PLAN``) and runs this file with the
``locust`` command; nothing here imports Django, so locust's gevent patching never meets the ORM. The plan
names the accounts, each account's pages, how many users of each class to run, a pace (every wait is
multiplied by it: 1 is a person's pace, the single-user baseline runs faster) and where to write the results.

Invariants:
- each user takes its own account from the plan, and a teacher scores only the load assessments of its own
  sections (no other user holds them), only in slots the scoring page shows empty, with a level the page
  offers: a save can only be a new original score, so any conflict or refusal is an error of the server;
- every request is one step of a task, so locust's stop timeout lets each user finish the request it has
  started: no save is abandoned half-way, and every save the server answered is known to the client;
- no user starts its tasks before every user has logged in (a barrier), so the password hashing of the
  log-in storm is not mixed into the figures of the pages; the run lasts the plan's seconds from then;
- on quitting, the results file holds every request's kind, milliseconds and outcome, and the
  (assessment, student, indicator, value, score id) of every save answered with a 2xx.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import gevent.event
from locust import FastHttpUser, between, events, task
from locust.env import Environment

PLAN: dict[str, Any] = json.loads(Path(os.environ["PROFICIO_LOAD_PLAN"]).read_text())
PACE: float = PLAN["pace"]
PASSWORD: str = PLAN["password"]
LOGIN_TIMEOUT_SECONDS = 180

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_LEVELS = re.compile(r'data-levels="([^"]*)"')
_CELL = re.compile(
    r'<input class="score-input"[^>]*?data-student="(\d+)" data-indicator="(\d+)"\s+data-saved="([^"]*)"'
)

samples: list[tuple[str, float, bool]] = []  # (request kind, milliseconds, succeeded)
acknowledged: list[dict[str, Any]] = []
failures: list[str] = []
moments: dict[str, float] = {}  # when everyone had logged in, and when the run ended (time.time())
_taken: dict[str, int] = {}
_logged_in = 0
_everyone_in = gevent.event.Event()
_environment: list[Environment] = []


def _take(kind: str) -> dict[str, Any]:
    """The next account of this kind: each user its own."""
    n = _taken.get(kind, 0)
    _taken[kind] = n + 1
    accounts: list[dict[str, Any]] = PLAN["accounts"][kind]
    return accounts[n % len(accounts)]


@events.request.add_listener
def _record(request_type: str, name: str, response_time: float, exception: Any = None, **_: Any) -> None:
    samples.append((name, response_time, exception is None))
    if exception is not None and len(failures) < 50:
        failures.append(f"{request_type} {name}: {exception}")


@events.init.add_listener
def _keep(environment: Environment, **_: Any) -> None:
    _environment.append(environment)


@events.quitting.add_listener
def _write_results(environment: Environment, **_: Any) -> None:
    moments["stopped"] = time.time()
    results = {"samples": samples, "acknowledged": acknowledged, "failures": failures, "moments": moments}
    Path(PLAN["results"]).write_text(json.dumps(results))


class Member(FastHttpUser):
    """A person with an account: logs in on arrival, then waits until everyone has."""

    abstract = True
    kind = ""
    account: dict[str, Any]

    def on_start(self) -> None:
        global _logged_in
        self.account = _take(self.kind)
        self._log_in(self.account["username"])
        _logged_in += 1
        if _logged_in >= PLAN["users"]:
            moments["everyone logged in"] = time.time()
            _everyone_in.set()
            runner = _environment[0].runner
            assert runner is not None
            gevent.spawn_later(PLAN["seconds"], runner.quit)  # the measured time starts now
        _everyone_in.wait(timeout=LOGIN_TIMEOUT_SECONDS)

    def _log_in(self, username: str) -> None:
        page = self.client.get("/login/", name="log in")
        token = _CSRF.search(page.text or "")
        data = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1) if token else ""}
        post = self.client.post
        with post("/login/", data=data, name="log in", catch_response=True, allow_redirects=False) as response:
            if response.status_code != 302:  # the form again: the password was refused
                response.failure(f"{username} could not log in (HTTP {response.status_code})")


class Teacher(Member):
    """Opens a gradebook, then the scoring page of that section's load assessment, then scores a few empty
    slots there, one save per step, as a teacher typing levels does."""

    kind = "teachers"
    fixed_count = PLAN["counts"]["teachers"]
    wait_time = between(1.5 * PACE, 4 * PACE)
    queue: list[tuple[int, str, str, str]]  # (assessment, student, indicator, value) still to save
    csrf = ""
    next_page = "gradebook"

    def on_start(self) -> None:
        self.queue = []
        super().on_start()

    @task
    def step(self) -> None:
        if self.queue:
            self._save(*self.queue.pop())
            return
        section = random.choice(self.account["sections"])
        if self.next_page == "gradebook":
            self.client.get(section["gradebook"], name="gradebook")
            self.next_page = "scoring page"
        else:
            self._plan_scores(section["assessment"])
            self.next_page = "gradebook"

    def _plan_scores(self, assessment: int) -> None:
        page = self.client.get(f"/assessments/{assessment}/score/", name="scoring page")
        text = page.text or ""
        token, levels = _CSRF.search(text), _LEVELS.search(text)
        if token is None or levels is None:
            return  # a failed page: locust has counted it
        self.csrf = token.group(1)
        empty = [(student, indicator) for student, indicator, saved in _CELL.findall(text) if not saved]
        chosen = random.sample(empty, k=min(len(empty), random.randint(3, 6)))
        self.queue = [(assessment, s, i, random.choice(levels.group(1).split())) for s, i in chosen]

    def _save(self, assessment: int, student: str, indicator: str, value: str) -> None:
        data = {"student": student, "indicator": indicator, "value": value}
        headers = {"X-CSRFToken": self.csrf}
        url = f"/assessments/{assessment}/scores/"
        with self.client.post(url, data=data, headers=headers, name="score save", catch_response=True) as response:
            if not 200 <= (response.status_code or 0) < 300:
                response.failure(f"HTTP {response.status_code}: {(response.text or '')[:200]}")
                return
            answer = response.json()
            if answer.get("corrected") or Decimal(answer.get("value", "nan")) != Decimal(value):
                response.failure(f"an empty slot's save came back as {answer}")
            acknowledged.append(
                {
                    "assessment": assessment,
                    "student": int(student),
                    "indicator": int(indicator),
                    "value": value,
                    "score": answer.get("score"),
                }
            )


class Reader(Member):
    """A student or a family member reading progress pages."""

    kind = "readers"
    fixed_count = PLAN["counts"]["readers"]
    wait_time = between(5 * PACE, 15 * PACE)

    @task
    def read(self) -> None:
        name, url = random.choice(self.account["pages"])
        self.client.get(url, name=name)


class Leader(Member):
    """A district administrator or school leader opening the insights dashboards."""

    kind = "leaders"
    fixed_count = PLAN["counts"]["leaders"]
    wait_time = between(8 * PACE, 20 * PACE)

    @task
    def look(self) -> None:
        name, url = random.choice(self.account["pages"])
        self.client.get(url, name=name)
