"""The timing table `make test` ends with, read from var/test-report/ (scripts/test-suite.sh writes it).

Prints each step's time (setup when CI measured it, lint, each pass, the benchmark smoke), the tests each
pass ran, and the 15 slowest tests of the whole run (setup, call and teardown together, as JUnit reports
them). Exits 1 when the run tested nothing: a green run of no tests proves nothing.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

SLOWEST = 15
FEWEST_TESTS = 20  # fewer than this ran: something selected, skipped or collected far too little


@dataclass(frozen=True)
class TestTime:
    seconds: float
    test_id: str
    report: str


@dataclass(frozen=True)
class PassCounts:
    ran: int
    failed: int
    skipped: int


def read_steps(report: Path) -> list[tuple[str, int]]:
    steps_file = report / "steps.tsv"
    if not steps_file.is_file():
        return []
    rows = [line.split("\t") for line in steps_file.read_text().splitlines() if line.strip()]
    return [(name, int(seconds)) for name, seconds in rows]


def read_junit(path: Path) -> tuple[PassCounts, list[TestTime]]:
    root = ElementTree.parse(path).getroot()
    times, ran, failed, skipped = [], 0, 0, 0
    for case in root.iter("testcase"):
        outcome = {child.tag for child in case}
        if "skipped" in outcome:
            skipped += 1
            continue
        ran += 1
        failed += bool(outcome & {"failure", "error"})
        module = case.get("classname", "").replace(".", "/")
        times.append(TestTime(float(case.get("time", 0)), f"{module}.py::{case.get('name')}", path.stem))
    return PassCounts(ran, failed, skipped), times


def minutes(seconds: float) -> str:
    return f"{int(seconds // 60)} min {int(seconds % 60):02d} s"


def main(report: Path) -> int:
    steps = read_steps(report)
    counts: dict[str, PassCounts] = {}
    times: list[TestTime] = []
    for path in sorted(report.glob("*.xml")):
        counts[path.stem], pass_times = read_junit(path)
        times.extend(pass_times)
    width = max([len(name) for name, _ in steps] + [len("total")])
    print("\nTiming")
    for name, seconds in steps:
        print(f"  {name:<{width}}  {minutes(seconds):>12}")
    print(f"  {'total':<{width}}  {minutes(sum(s for _, s in steps)):>12}")
    print("\nTests")
    for name, count in counts.items():
        print(f"  {name:<18} {count.ran:>5} ran, {count.failed} failed, {count.skipped} skipped")
    print(f"\n{SLOWEST} slowest tests (setup + call + teardown)")
    for entry in sorted(times, key=lambda t: t.seconds, reverse=True)[:SLOWEST]:
        print(f"  {entry.seconds:7.2f} s  {entry.report:<16} {entry.test_id}")
    total = sum(count.ran for count in counts.values())
    if total < FEWEST_TESTS:
        print(f"Refusing to pass: only {total} tests ran.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("var/test-report")))
