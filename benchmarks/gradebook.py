"""Server time of the gradebook page for a 35-student × 40-indicator section: p95 over repeated requests.

A fresh SQLite database gets a small demo district plus one large section: 35 students, 40 academic
indicators, two summative assessments per indicator, all scored, results computed. The page is requested
through Django's test client (the whole view: permission check, queries, template). The baseline, in the
same run, builds the same grid the way a first version would — one query per cell — so the ratio shows
what loading every result in one query buys.

    python benchmarks/gradebook.py            # 200 requests
    python benchmarks/gradebook.py --quick    # 30 requests
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STUDENTS, INDICATORS = 35, 40


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    requests = 30 if args.quick else 200
    os.environ["PROFICIO_DATA_DIR"] = tempfile.mkdtemp(prefix="proficio-bench-gradebook-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proficio.config.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from proficio.accounts.models import Membership, Role, User
    from proficio.demo.plan import build_plan
    from proficio.demo.writer import write_plan
    from proficio.evidence.models import Assessment, Score
    from proficio.proficiency.gradebook import build_gradebook, section_indicators, section_students
    from proficio.proficiency.models import IndicatorResult
    from proficio.proficiency.services import recompute_framework
    from proficio.roster.models import AcademicSession, Course, Enrollment, School, Section, Student
    from proficio.standards.models import Framework, PerformanceIndicator, Standard

    call_command("migrate", verbosity=0, interactive=False)
    write_plan(build_plan(seed=9, students=120), "bench-password")
    school = School.objects.get(highest_grade=12)
    teacher = User.objects.create_user("bench.teacher", password="bench-password-long")
    Membership.objects.create(user=teacher, role=Role.TEACHER, school=school)
    course = Course.objects.create(school=school, title="Benchmark seminar", code="BENCH", content_area="ela", grade=11)
    section = Section.objects.create(
        course=course, session=AcademicSession.objects.order_by("pk").first(), name="Benchmark — period 9"
    )
    Enrollment.objects.create(section=section, user=teacher, role=Enrollment.Role.TEACHER, primary=True)
    students = list(Student.objects.filter(school=school).order_by("pk")[:STUDENTS])
    Enrollment.objects.bulk_create(
        [Enrollment(section=section, user=s.user, role=Enrollment.Role.STUDENT) for s in students]
    )
    indicators = list(
        PerformanceIndicator.objects.exclude(standard__kind=Standard.Kind.WORK_HABIT).order_by("pk")[:INDICATORS]
    )
    scores = []
    for n, indicator in enumerate(indicators):
        for attempt in range(2):
            assessment = Assessment.objects.create(
                section=section,
                title=f"Task {n}.{attempt}",
                kind=Assessment.Kind.SUMMATIVE,
                assessed_on=date(2026, 1, 5) + timedelta(days=n + 30 * attempt),
            )
            assessment.indicators.set([indicator])
            scores += [
                Score(
                    student=s,
                    indicator=indicator,
                    assessment=assessment,
                    value=1 + (k + n + attempt) % 4,
                    scorer=teacher,
                )
                for k, s in enumerate(students)
            ]
    Score.objects.bulk_create(scores, batch_size=2000)
    recompute_framework(Framework.objects.get())

    client = Client(HTTP_HOST="127.0.0.1")  # no test instrumentation: templates render as in production
    assert client.login(username="bench.teacher", password="bench-password-long")
    url = f"/sections/{section.pk}/gradebook/"
    book = build_gradebook(section)
    assert (len(book.rows), book.indicator_count) == (STUDENTS, INDICATORS), (len(book.rows), book.indicator_count)

    def page() -> float:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200
        return elapsed

    def per_cell_grid() -> float:
        start = time.perf_counter()
        grid = [
            [IndicatorResult.objects.filter(student=s, indicator=i).select_related("level").first() for i in inds]
            for s in section_students(section)
        ]
        assert len(grid) == STUDENTS
        return (time.perf_counter() - start) * 1000

    inds = section_indicators(section)
    if os.environ.get("PROFILE"):
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(5):
            page()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    for _ in range(5):
        page()
    ours = [page() for _ in range(requests)]
    baseline = [per_cell_grid() for _ in range(max(5, requests // 10))]
    print(
        f"gradebook page for {STUDENTS} students × {INDICATORS} indicators: p95 {_percentile(ours, 0.95):.1f} ms "
        f"(p50 {statistics.median(ours):.1f} ms) over {requests} requests, SQLite; the same grid read one query "
        f"per cell: p95 {_percentile(baseline, 0.95):.1f} ms; per-cell baseline: "
        f"{_percentile(baseline, 0.95) / _percentile(ours, 0.95):.1f}x slower; target p95 ≤ 150 ms"
    )


if __name__ == "__main__":
    main()
