"""OneRoster 1.2 CSV import into PostgreSQL: 100,000 users and 1,000,000 enrollments, target ≤ 60 s.

A realistic district is generated and streamed to disk (a temporary folder, then zipped as an SIS would
send it): one district, 40 schools (elementary, middle, high), a school year with two semesters, ~2,000
courses, ~30,000 classes, 90,000 students, ~4,800 staff, ~5,200 guardians, 1,000,000 enrollments, roles
and demographics. It is imported by ``import_oneroster`` into a fresh database (``proficio_bench_oneroster``,
dropped and recreated each run) in a child process, whose peak resident memory (``ru_maxrss``) is reported
with the time; the same files are then imported again (nothing changes) and timed too.

The baseline, in the same run: a naive row-by-row ORM import (``update_or_create`` per row, a ``get`` per
reference) of a 1% subset, reported as rows per second and extrapolated to the full set.

    python benchmarks/import_oneroster.py            # the full set
    python benchmarks/import_oneroster.py --small    # 2,000 users, 20,000 enrollments (smoke test)
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scratch_database import fresh_database

ROOT = Path(__file__).resolve().parents[1]
PG_DATABASE = "proficio_bench_oneroster"
TARGET_SECONDS = 60.0

FIRST_NAMES = ("Ava", "Liam", "Sofia", "Noah", "Maya", "Ethan", "Zoe", "Diego", "Amara", "Lucas", "Hannah", "Mateo")
LAST_NAMES = ("Martinez", "Chen", "Hernandez", "Johnson", "Patel", "Williams", "Nguyen", "Ramirez", "Okonkwo", "Kim")
SUBJECTS = [
    ("Mathematics", "02052"),
    ("English Language Arts", "01001"),
    ("Science", "03051"),
    ("Social Studies", "04051"),
    ("Spanish", "06101"),
    ("Visual Arts", "05151"),
    ("Physical Education", "08001"),
    ("Computer Science", "10011"),
]
Levels = tuple[tuple[str, int, int, int], ...]  # (kind, schools, lowest grade, highest grade)
DISTRICT_LEVELS: Levels = (("ES", 25, 0, 5), ("MS", 10, 6, 8), ("HS", 5, 9, 12))
ONE_OF_EACH: Levels = (("ES", 1, 0, 5), ("MS", 1, 6, 8), ("HS", 1, 9, 12))


@dataclass(frozen=True)
class Size:
    students: int
    teachers: int
    guardians: int
    classes: int
    enrollments: int
    levels: Levels = DISTRICT_LEVELS
    admins: int = 60
    counselors_per_school: int = 5


# 100,000 users: 90,000 students, 4,500 teachers, 5,200 guardians, 40 principals, 200 counselors, 60 admins.
FULL = Size(students=90_000, teachers=4_500, guardians=5_200, classes=30_000, enrollments=1_000_000)
# 2,000 users: 1,500 students, 100 teachers, 100 guardians, 40 principals, 200 counselors, 60 admins.
SMALL = Size(students=1_500, teachers=100, guardians=100, classes=600, enrollments=20_000)


def _shares(total: int, weights: list[int]) -> list[int]:
    """``total`` split in proportion to ``weights``, every share at least 1, summing exactly to ``total``."""
    shares = [max(1, total * w // sum(weights)) for w in weights]
    shares[shares.index(max(shares))] += total - sum(shares)
    return shares


def _grade(g: int) -> str:
    return "KG" if g == 0 else f"{g:02d}"


def generate(folder: Path, size: Size, seed: int = 2026) -> dict[str, int]:
    """Write a complete OneRoster 1.2 set, row by row (never all in memory); returns rows per file."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    rows: dict[str, int] = {}

    def writer(name: str, header: list[str]) -> tuple[csv.writer, object]:  # type: ignore[valid-type]
        handle = (folder / name).open("w", newline="", encoding="utf-8")
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(header)
        rows[name] = 0
        return out, handle

    manifest = ["propertyName", "value"]
    out, handle = writer("manifest.csv", manifest)
    out.writerows(
        [
            ("manifest.version", "1.0"),
            ("oneroster.version", "1.2"),
            *((f"file.{k}", "bulk") for k in ("academicSessions", "classes", "courses", "demographics", "enrollments")),
            *((f"file.{k}", "bulk") for k in ("orgs", "roles", "users")),
            ("source.systemName", "Benchmark SIS"),
        ]
    )
    handle.close()  # type: ignore[attr-defined]

    # Schools, sized so that students are spread by grade.
    schools: list[tuple[str, int, int]] = []
    out, handle = writer(
        "orgs.csv", ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"]
    )
    out.writerow(["org-district", "", "", "Benchmark Unified School District", "district", "9900001", ""])
    for kind, count, low, high in size.levels:
        for n in range(count):
            sid = f"sch-{kind}{n + 1:02d}"
            schools.append((sid, low, high))
            out.writerow([sid, "", "", f"{kind} School {n + 1}", "school", f"99000{len(schools):04d}", "org-district"])
    rows["orgs.csv"] = len(schools) + 1
    handle.close()  # type: ignore[attr-defined]

    out, handle = writer(
        "academicSessions.csv",
        [
            "sourcedId",
            "status",
            "dateLastModified",
            "title",
            "type",
            "startDate",
            "endDate",
            "parentSourcedId",
            "schoolYear",
        ],
    )
    out.writerows(
        [
            ["as-y", "", "", "2025–26", "schoolYear", "2025-08-25", "2026-06-12", "", "2026"],
            ["as-s1", "", "", "Semester 1", "semester", "2025-08-25", "2026-01-16", "as-y", "2026"],
            ["as-s2", "", "", "Semester 2", "semester", "2026-01-20", "2026-06-12", "as-y", "2026"],
        ]
    )
    rows["academicSessions.csv"] = 3
    handle.close()  # type: ignore[attr-defined]

    # Courses: per school, each subject at each grade it serves.
    courses: dict[str, list[str]] = {}
    out, handle = writer(
        "courses.csv",
        [
            "sourcedId",
            "status",
            "dateLastModified",
            "schoolYearSourcedId",
            "title",
            "courseCode",
            "grades",
            "orgSourcedId",
            "subjects",
            "subjectCodes",
        ],
    )
    for sid, low, high in schools:
        courses[sid] = []
        for grade in range(low, high + 1):
            for subject, code in SUBJECTS:
                course = f"crs-{sid[4:]}-{code}-{grade:02d}"
                courses[sid].append(course)
                out.writerow(
                    [
                        course,
                        "",
                        "",
                        "as-y",
                        f"{subject} {_grade(grade)}",
                        f"{code}-{grade:02d}",
                        _grade(grade),
                        sid,
                        subject,
                        code,
                    ]
                )
                rows["courses.csv"] += 1
    handle.close()  # type: ignore[attr-defined]

    # Students per school, proportional to the grades it serves.
    per_school = _shares(size.students, [high - low + 1 for _, low, high in schools])
    classes_per_school = _shares(size.classes, per_school)
    teachers_per_school = _shares(size.teachers, per_school)

    out, handle = writer(
        "classes.csv",
        [
            "sourcedId",
            "status",
            "dateLastModified",
            "title",
            "grades",
            "courseSourcedId",
            "classCode",
            "classType",
            "location",
            "schoolSourcedId",
            "termSourcedIds",
            "subjects",
            "subjectCodes",
            "periods",
        ],
    )
    school_classes: list[list[str]] = []
    number = 0
    for (sid, _, _), n_classes in zip(schools, classes_per_school, strict=True):
        listed = []
        for k in range(n_classes):
            number += 1
            course = courses[sid][k % len(courses[sid])]
            cls = f"cls-{number:05d}"
            listed.append(cls)
            term = "as-s1" if k % 2 == 0 else "as-s2"
            out.writerow(
                [
                    cls,
                    "",
                    "",
                    f"Section {k + 1}",
                    "",
                    course,
                    f"C{number:05d}",
                    "scheduled",
                    f"Room {100 + k % 60}",
                    sid,
                    term,
                    "",
                    "",
                    str(1 + k % 8),
                ]
            )
        school_classes.append(listed)
    rows["classes.csv"] = number
    handle.close()  # type: ignore[attr-defined]

    users_header = [
        "sourcedId",
        "status",
        "dateLastModified",
        "enabledUser",
        "username",
        "userIds",
        "givenName",
        "familyName",
        "middleName",
        "identifier",
        "email",
        "sms",
        "phone",
        "agentSourcedIds",
        "grades",
        "password",
        "userMasterIdentifier",
        "resourceSourcedIds",
        "preferredGivenName",
        "preferredMiddleName",
        "preferredFamilyName",
        "primaryOrgSourcedId",
        "pronouns",
    ]
    users, users_handle = writer("users.csv", users_header)
    roles, roles_handle = writer(
        "roles.csv",
        [
            "sourcedId",
            "status",
            "dateLastModified",
            "userSourcedId",
            "roleType",
            "role",
            "beginDate",
            "endDate",
            "orgSourcedId",
            "userProfileSourcedId",
        ],
    )
    demo, demo_handle = writer(
        "demographics.csv",
        [
            "sourcedId",
            "status",
            "dateLastModified",
            "birthDate",
            "sex",
            "americanIndianOrAlaskaNative",
            "asian",
            "blackOrAfricanAmerican",
            "nativeHawaiianOrOtherPacificIslander",
            "white",
            "demographicRaceTwoOrMoreRaces",
            "hispanicOrLatinoEthnicity",
            "countryOfBirthCode",
            "stateOfBirthAbbreviation",
            "cityOfBirth",
            "publicSchoolResidenceStatus",
        ],
    )
    enrol, enrol_handle = writer(
        "enrollments.csv",
        [
            "sourcedId",
            "status",
            "dateLastModified",
            "classSourcedId",
            "schoolSourcedId",
            "userSourcedId",
            "role",
            "primary",
            "beginDate",
            "endDate",
        ],
    )

    def user(sid: str, username: str, org: str, grade: str = "", agents: str = "", identifier: str = "") -> None:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = f"{username}@bench.example.org"
        users.writerow(
            [
                sid,
                "",
                "",
                "true",
                username,
                "",
                first,
                last,
                "",
                identifier,
                email,
                "",
                "",
                agents,
                grade,
                "",
                "",
                "",
                "",
                "",
                "",
                org,
                "",
            ]
        )
        rows["users.csv"] += 1

    def role(user_sid: str, kind: str, org: str) -> None:
        rows["roles.csv"] += 1
        roles.writerow([f"r-{user_sid}", "", "", user_sid, "primary", kind, "", "", org, ""])

    enrollment_number = 0

    def enrollment(cls: str, school: str, user_sid: str, kind: str, primary: bool) -> None:
        nonlocal enrollment_number
        enrollment_number += 1
        enrol.writerow(
            [f"e-{enrollment_number:07d}", "", "", cls, school, user_sid, kind, "true" if primary else "false", "", ""]
        )

    for n in range(size.admins):
        user(f"u-a{n:03d}", f"admin{n:03d}", "org-district")
        role(f"u-a{n:03d}", "administrator", "org-district")
    student_number = 0
    teacher_number = 0
    student_budget = size.enrollments - size.classes  # one primary teacher per class, the rest are students
    for index, ((sid, low, high), n_students) in enumerate(zip(schools, per_school, strict=True)):
        user(f"u-p{index:02d}", f"principal{index:02d}", sid)
        role(f"u-p{index:02d}", "principal", sid)
        for c in range(size.counselors_per_school):
            counselor = f"u-c{index:02d}{c}"
            user(counselor, f"counselor{index:02d}{c}", sid)
            role(counselor, "counselor", sid)
        teachers = []
        for _ in range(teachers_per_school[index]):
            teacher_number += 1
            teacher = f"u-t{teacher_number:05d}"
            teachers.append(teacher)
            user(teacher, f"teacher{teacher_number:05d}", sid)
            role(teacher, "teacher", sid)
        listed = school_classes[index]
        for k, cls in enumerate(listed):
            enrollment(cls, sid, teachers[k % len(teachers)], "teacher", True)
        per_student = student_budget * n_students // size.students  # enrollments of this school's students
        for s in range(n_students):
            student_number += 1
            student = f"u-s{student_number:06d}"
            grade = low + s % (high - low + 1)
            user(student, f"s{student_number:06d}", sid, _grade(grade), identifier=f"{700000 + student_number}")
            role(student, "student", sid)
            flags = ["false"] * 7
            flags[rng.randrange(7)] = "true"
            demo.writerow(
                [
                    student,
                    "",
                    "",
                    f"{2019 - grade}-0{1 + s % 9}-1{s % 9}",
                    rng.choice(("female", "male")),
                    *flags,
                    "",
                    "",
                    "",
                    "",
                ]
            )
            rows["demographics.csv"] += 1
            take = per_student // n_students + (1 if s < per_student % n_students else 0)
            for cls in rng.sample(listed, min(take, len(listed))):
                enrollment(cls, sid, student, "student", False)
    # Guardians: one or two children each, named on the guardian's row.
    for n in range(size.guardians):
        children = ",".join(f"u-s{1 + rng.randrange(size.students):06d}" for _ in range(1 + n % 2))
        guardian = f"u-g{n:05d}"
        user(guardian, f"guardian{n:05d}", "", agents=children)
        role(guardian, "parent" if n % 5 else "guardian", "org-district")
    rows["enrollments.csv"] = enrollment_number
    for handle in (users_handle, roles_handle, demo_handle, enrol_handle):
        handle.close()  # type: ignore[attr-defined]
    return rows


def zip_set(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return target


def _django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proficio.config.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.PROFICIO_IMPORT_MAX_BYTES = 1 << 30  # the benchmark's own, trusted, data


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_fast(source: str) -> dict[str, object]:
    """Runs in a child process: migrate, then import twice (the second run changes nothing)."""
    _django()
    from django.core.management import call_command

    from proficio.interop.oneroster.importer import import_oneroster

    call_command("migrate", verbosity=0, interactive=False)
    before = _rss_mb()
    start = time.perf_counter()
    outcome = import_oneroster(Path(source), district=None, user=None)
    seconds = time.perf_counter() - start
    peak = _rss_mb()
    start = time.perf_counter()
    again = import_oneroster(Path(source), district=None, user=None)
    again_seconds = time.perf_counter() - start
    changed = sum(v.get("created", 0) + v.get("updated", 0) + v.get("deleted", 0) for v in again.counts.values())
    return {
        "seconds": seconds,
        "again_seconds": again_seconds,
        "again_changed": changed,
        "rss_before_mb": before,
        "rss_peak_mb": peak,
        "counts": outcome.counts,
    }


def worker_naive(folder: str) -> dict[str, float]:
    """Runs in a child process: the row-by-row ORM import a first version would write."""
    _django()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import transaction

    from proficio.accounts.models import Membership, User
    from proficio.roster.models import AcademicSession, Course, District, Enrollment, Guardian, School, Section, Student

    call_command("migrate", verbosity=0, interactive=False)
    base = Path(folder)

    def read(name: str) -> Iterator[dict[str, str]]:
        with (base / name).open(encoding="utf-8") as handle:
            yield from csv.DictReader(handle)

    password = make_password(None)
    count = 0
    start = time.perf_counter()
    with transaction.atomic():
        district = None
        for row in read("orgs.csv"):
            count += 1
            if row["type"] == "district":
                district, _ = District.objects.update_or_create(
                    sourced_id=row["sourcedId"], defaults={"name": row["name"]}
                )
            else:
                School.objects.update_or_create(
                    sourced_id=row["sourcedId"],
                    defaults={"district": district, "name": row["name"], "lowest_grade": 0, "highest_grade": 12},
                )
        for row in read("academicSessions.csv"):
            count += 1
            AcademicSession.objects.update_or_create(
                sourced_id=row["sourcedId"],
                defaults={
                    "district": district,
                    "title": row["title"],
                    "kind": row["type"],
                    "school_year": int(row["schoolYear"]),
                    "start_date": row["startDate"],
                    "end_date": row["endDate"],
                    "parent": AcademicSession.objects.get(sourced_id=row["parentSourcedId"])
                    if row["parentSourcedId"]
                    else None,
                },
            )
        for row in read("courses.csv"):
            count += 1
            Course.objects.update_or_create(
                sourced_id=row["sourcedId"],
                defaults={
                    "school": School.objects.get(sourced_id=row["orgSourcedId"]),
                    "title": row["title"],
                    "code": row["courseCode"],
                    "content_area": "interdisciplinary",
                },
            )
        for row in read("classes.csv"):
            count += 1
            Section.objects.update_or_create(
                sourced_id=row["sourcedId"],
                defaults={
                    "course": Course.objects.get(sourced_id=row["courseSourcedId"]),
                    "session": AcademicSession.objects.get(sourced_id=row["termSourcedIds"].split(",")[0]),
                    "name": row["title"] + " " + row["classCode"],
                    "room": row["location"],
                },
            )
        grades = {}
        for row in read("users.csv"):
            count += 1
            User.objects.update_or_create(
                sourced_id=row["sourcedId"],
                defaults={
                    "username": row["username"],
                    "first_name": row["givenName"],
                    "last_name": row["familyName"],
                    "email": row["email"],
                    "password": password,
                },
            )
            grades[row["sourcedId"]] = (row["grades"], row["identifier"], row["primaryOrgSourcedId"])
        for row in read("roles.csv"):
            count += 1
            account = User.objects.get(sourced_id=row["userSourcedId"])
            kind = row["role"]
            if kind == "student":
                grade, number, org = grades[row["userSourcedId"]]
                Student.objects.get_or_create(
                    user=account,
                    defaults={
                        "school": School.objects.get(sourced_id=org),
                        "student_number": number,
                        "grade": 0 if grade == "KG" else int(grade),
                    },
                )
                Membership.objects.get_or_create(user=account, role="student")
            elif kind in ("parent", "guardian"):
                Guardian.objects.get_or_create(user=account)
                Membership.objects.get_or_create(user=account, role="guardian")
            elif kind in ("teacher", "counselor", "principal"):
                role = {"teacher": "teacher", "counselor": "advisor", "principal": "school_leader"}[kind]
                Membership.objects.get_or_create(
                    user=account, role=role, school=School.objects.get(sourced_id=row["orgSourcedId"])
                )
            else:
                Membership.objects.get_or_create(user=account, role="district_admin", district=district)
        for row in read("demographics.csv"):
            count += 1
            student = Student.objects.get(user__sourced_id=row["sourcedId"])
            student.birth_date = row["birthDate"] or None
            student.gender = row["sex"] if row["sex"] in ("female", "male") else ""
            student.save()
        for row in read("enrollments.csv"):
            count += 1
            Enrollment.objects.update_or_create(
                sourced_id=row["sourcedId"],
                defaults={
                    "section": Section.objects.get(sourced_id=row["classSourcedId"]),
                    "user": User.objects.get(sourced_id=row["userSourcedId"]),
                    "role": row["role"],
                    "primary": row["primary"] == "true",
                },
            )
    seconds = time.perf_counter() - start
    return {"rows": count, "seconds": seconds}


def _child(call: str, data_dir: str) -> dict[str, object]:
    env = dict(os.environ)
    env["PROFICIO_DATA_DIR"] = data_dir
    env["DATABASE_URL"] = fresh_database(PG_DATABASE)
    code = (
        f"import json, sys; sys.path.insert(0, 'benchmarks'); import import_oneroster as b; print(json.dumps({call}))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{call} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="2,000 users and 20,000 enrollments (smoke test)")
    args = parser.parse_args()
    size = SMALL if args.small else FULL
    subset = Size(  # 1% of the district: three schools, 1% of every kind of record
        students=size.students // 100,
        teachers=max(size.teachers // 100, 3),
        guardians=size.guardians // 100,
        classes=max(size.classes // 100, 3),
        enrollments=size.enrollments // 100,
        levels=ONE_OF_EACH,
        admins=1,
        counselors_per_school=1,
    )
    with tempfile.TemporaryDirectory(prefix="proficio-bench-oneroster-") as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        rows = generate(work / "full", size)
        archive = zip_set(work / "full", work / "roster.zip")
        generated = time.perf_counter() - start
        megabytes = sum(p.stat().st_size for p in (work / "full").iterdir()) / 1e6
        print(
            f"generated {rows['users.csv']:,} users, {rows['enrollments.csv']:,} enrollments, "
            f"{rows['classes.csv']:,} classes ({megabytes:,.0f} MB of CSV, "
            f"{archive.stat().st_size / 1e6:,.0f} MB zipped) in {generated:.1f} s"
        )
        subset_rows = generate(work / "subset", subset, seed=7)
        naive = _child(f"b.worker_naive({str(work / 'subset')!r})", str(work))
        fast = _child(f"b.worker_fast({str(archive)!r})", str(work))
    total_rows = sum(v for k, v in rows.items() if k != "manifest.csv")
    assert naive["rows"] == sum(v for k, v in subset_rows.items() if k != "manifest.csv")
    naive_rate = float(naive["rows"]) / float(naive["seconds"])  # type: ignore[arg-type]
    naive_full = total_rows / naive_rate
    seconds = float(fast["seconds"])  # type: ignore[arg-type]
    print(
        f"naive row-by-row ORM import of a 1% subset: {naive['rows']:,} rows in {float(naive['seconds']):.1f} s "  # type: ignore[arg-type]
        f"= {naive_rate:,.0f} rows/s; extrapolated to the full set ({total_rows:,} rows): {naive_full:,.0f} s"
    )
    print(
        f"import_oneroster: {total_rows:,} rows in {seconds:.1f} s ({total_rows / seconds:,.0f} rows/s), "
        f"peak RSS {float(fast['rss_peak_mb']):,.0f} MB (after Django setup and migrate: "  # type: ignore[arg-type]
        f"{float(fast['rss_before_mb']):,.0f} MB); re-import of the same set: {float(fast['again_seconds']):.1f} s, "  # type: ignore[arg-type]
        f"{fast['again_changed']} rows changed"
    )
    target = (
        "" if args.small else f"; target ≤ {TARGET_SECONDS:.0f} s: {'met' if seconds <= TARGET_SECONDS else 'NOT met'}"
    )
    print(f"ratio: {naive_full / seconds:,.1f}x faster than the naive import{target}")


if __name__ == "__main__":
    main()
