"""The high school's curriculum map: which performance indicators each course teaches and assesses.

Pure (no database, no randomness). A proficiency-based high school maps its courses onto the graduation
standards so that four years of courses teach every one of them:

- **Content areas.** An area's standards, in the framework's order, are split into consecutive blocks, one per
  high-school grade that takes the area (ELA, mathematics, science, social studies and world languages every
  year; the arts in grades 9 and 11, PE and health in 10 and 12). A course teaches every indicator of its block,
  so a standard is taught — and gets enough evidence for a level — in one course.
- **Cross-curricular standards** are taught in every course: each course takes three of their indicators, in
  a rotation that gives each of the six standards three indicators a year, different ones each year, so that a
  standard has half of its indicators taught after a year or two and all of them by grade 11.

Invariants: every indicator of every required standard is taught in some high-school course; a course's
indicators come from its own area (plus the cross-curricular ones); the map depends only on the catalogue.
Middle-school courses are not mapped (they sample indicators, as before): their evidence is not what the
high school's readiness reads.
"""

from __future__ import annotations

from functools import cache

from proficio.demo import catalogue as cat

HIGH_SCHOOL_GRADES = (9, 10, 11, 12)
CC_PER_COURSE = 3


def areas_for_grade(grade: int) -> list[str]:
    """The content areas a high-school student in ``grade`` takes, in timetable order."""
    areas = ["ela", "math", "science", "social_studies", "world_languages"]
    return [*areas, "arts" if grade % 2 else "pe_health"]


def grades_for_area(area: str) -> list[int]:
    return [grade for grade in HIGH_SCHOOL_GRADES if area in areas_for_grade(grade)]


def _blocks(count: int, parts: int) -> list[range]:
    """``count`` items in ``parts`` consecutive blocks, the first ones one larger when it does not divide."""
    size, extra = divmod(count, parts)
    blocks, start = [], 0
    for part in range(parts):
        end = start + size + (1 if part < extra else 0)
        blocks.append(range(start, end))
        start = end
    return blocks


@cache
def focus_standards(area: str, grade: int) -> tuple[cat.StandardSpec, ...]:
    """The area's graduation standards the grade's course teaches."""
    standards = cat.standards_for_area(area)
    grades = grades_for_area(area)
    block = _blocks(len(standards), len(grades))[grades.index(grade)]
    return tuple(standards[i] for i in block)


@cache
def area_indicators(area: str, grade: int) -> tuple[str, ...]:
    """The codes of the area indicators the grade's course assesses, standard by standard."""
    return tuple(indicator.code for standard in focus_standards(area, grade) for indicator in standard.indicators)


@cache
def cross_curricular_indicators(area: str, grade: int) -> tuple[str, ...]:
    """The three cross-curricular indicator codes the grade's course assesses (see the module's rotation)."""
    course = areas_for_grade(grade).index(area)
    standards = cat.CROSS_CURRICULAR
    codes = []
    for slot in range(CC_PER_COURSE):
        standard = standards[(CC_PER_COURSE * course + slot) % len(standards)]
        index = CC_PER_COURSE * (grade - HIGH_SCHOOL_GRADES[0]) + course // 2
        codes.append(standard.indicators[index % len(standard.indicators)].code)
    return tuple(codes)
