"""The demo district's plan as plain records: people, sections, evidence and the outcomes of past classes.

Pure data (no database, no randomness): ``plan.py`` and its helpers fill a ``DistrictPlan``, ``writer.py``
stores it. Every reference between records is by key (a person's ``key``, a section's or an assessment's
``key``), so a plan can be checked without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

SCHOOL_YEAR = 2026  # the demo's current school year, 2025–26 (named by the year it ends in)


@dataclass(frozen=True)
class PersonPlan:
    key: str
    username: str
    first_name: str
    last_name: str
    email: str


@dataclass(frozen=True)
class StudentPlan:
    person: PersonPlan
    school: str
    grade: int
    student_number: str
    birth_date: date
    race_ethnicity: str
    gender: str
    economically_disadvantaged: bool
    english_learner: bool
    disability: bool
    ability: float
    growth: float
    cohort: int  # the class of: the year the student graduates on pace (a fifth-year senior's is last year's)


@dataclass(frozen=True)
class GuardianPlan:
    person: PersonPlan
    phone: str
    student_keys: tuple[str, ...]
    relationship: str


@dataclass(frozen=True)
class StaffPlan:
    person: PersonPlan
    role: str  # accounts.Role value
    school: str  # school key, "" for district-scoped roles
    content_area: str = ""
    also_coaches: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionPlan:
    key: str
    school: str
    course_code: str
    course_title: str
    content_area: str
    grade: int
    name: str
    period: str
    room: str
    teacher: str
    student_keys: tuple[str, ...]
    school_year: int = SCHOOL_YEAR


@dataclass(frozen=True)
class AssessmentPlan:
    key: str
    section: str
    title: str
    kind: str
    assessed_on: date
    indicator_codes: tuple[str, ...]
    retake_of: str = ""


@dataclass(frozen=True)
class ScorePlan:
    student: str
    assessment: str
    indicator_code: str
    value: int
    scorer: str
    scored_at: datetime
    feedback: str
    corrected_to: int | None = None
    correction_reason: str = ""
    corrected_at: datetime | None = None


@dataclass(frozen=True)
class OutsideEvidencePlan:
    student: str
    kind: str
    title: str
    organization: str
    started_on: date
    completed_on: date
    hours: int
    indicator_codes: tuple[str, ...]
    verifier: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class PastStudentPlan:
    """A student of a past class who has left the district: graduated, dropped out or transferred out."""

    person: PersonPlan
    school: str
    grade: int  # the grade they were in when they left
    student_number: str
    birth_date: date
    race_ethnicity: str
    gender: str
    economically_disadvantaged: bool
    english_learner: bool
    disability: bool
    cohort: int


@dataclass(frozen=True)
class OutcomePlan:
    """What became of one student of a past class (``insights.CohortOutcome``)."""

    student: str  # the key of a past student, or of a fifth-year senior still enrolled
    cohort: int
    outcome: str  # insights.Outcome value
    postsecondary: bool | None


@dataclass
class DistrictPlan:
    seed: int
    district_name: str
    schools: dict[str, tuple[str, int, int]]  # key -> (name, lowest grade, highest grade)
    staff: list[StaffPlan] = field(default_factory=list)
    students: list[StudentPlan] = field(default_factory=list)
    guardians: list[GuardianPlan] = field(default_factory=list)
    advisories: list[tuple[str, str]] = field(default_factory=list)  # (advisor key, student key)
    sections: list[SectionPlan] = field(default_factory=list)
    assessments: list[AssessmentPlan] = field(default_factory=list)
    scores: list[ScorePlan] = field(default_factory=list)
    outside_evidence: list[OutsideEvidencePlan] = field(default_factory=list)
    school_years: tuple[int, ...] = (SCHOOL_YEAR,)  # every school year with sessions, oldest first
    difficulty: dict[str, float] = field(default_factory=dict)  # indicator code -> difficulty, in levels
    past_students: list[PastStudentPlan] = field(default_factory=list)
    outcomes: list[OutcomePlan] = field(default_factory=list)
