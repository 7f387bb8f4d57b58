"""Organisations, sessions, courses, sections, enrollments, students and guardians (OneRoster's shape)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext

from proficio.accounts.scoping import ScopedQuerySet

if TYPE_CHECKING:
    from proficio.accounts.models import User

GRADE_NAMES = {-1: "PK", 0: "K", **{g: str(g) for g in range(1, 13)}}
GRADE_CHOICES = list(GRADE_NAMES.items())


def grade_name(grade: int | None) -> str:
    return "" if grade is None else GRADE_NAMES.get(grade, str(grade))


def student_grade_name(grade: int | None) -> str:
    """A student's grade for display: "not given" when the roster gave none (it reads "grade not given")."""
    return gettext("not given") if grade is None else GRADE_NAMES.get(grade, str(grade))


class ContentArea(models.TextChoices):
    ELA = "ela", "English language arts"
    MATH = "math", "Mathematics"
    SCIENCE = "science", "Science"
    SOCIAL_STUDIES = "social_studies", "Social studies"
    WORLD_LANGUAGES = "world_languages", "World languages"
    ARTS = "arts", "Visual and performing arts"
    PE_HEALTH = "pe_health", "Physical education and health"
    CTE = "cte", "Career and technical education"
    INTERDISCIPLINARY = "interdisciplinary", "Interdisciplinary"
    ADVISORY = "advisory", "Advisory"


class Network(models.Model):
    """A network of schools or districts running a shared initiative (e.g. a league of innovative schools)."""

    name = models.CharField(max_length=200, unique=True)
    sourced_id = models.CharField(max_length=255, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    name = models.CharField(max_length=200, unique=True)
    network = models.ForeignKey(Network, on_delete=models.SET_NULL, null=True, blank=True, related_name="districts")
    sourced_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    identifier = models.CharField(max_length=64, blank=True, help_text="State or NCES district identifier.")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="schools")
    name = models.CharField(max_length=200)
    sourced_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    identifier = models.CharField(max_length=64, blank=True, help_text="State or NCES school identifier.")
    lowest_grade = models.SmallIntegerField(choices=GRADE_CHOICES)
    highest_grade = models.SmallIntegerField(choices=GRADE_CHOICES)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["district", "name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="school_unique_name_in_district"),
            models.CheckConstraint(
                name="school_grade_span_ordered",
                condition=Q(lowest_grade__lte=F("highest_grade")),
                violation_error_message="The lowest grade must not be above the highest grade.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def grade_span(self) -> str:
        return f"{grade_name(self.lowest_grade)}–{grade_name(self.highest_grade)}"


class AcademicSession(models.Model):
    """A school year, or a term / semester / grading period inside one (OneRoster ``academicSessions``)."""

    class Kind(models.TextChoices):
        SCHOOL_YEAR = "schoolYear", "School year"
        SEMESTER = "semester", "Semester"
        TERM = "term", "Term"
        GRADING_PERIOD = "gradingPeriod", "Grading period"

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="sessions")
    title = models.CharField(max_length=120)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    school_year = models.PositiveSmallIntegerField(help_text="The calendar year the school year ends in.")
    start_date = models.DateField()
    end_date = models.DateField()
    sourced_id = models.CharField(max_length=255, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["district", "start_date", "kind"]
        constraints = [
            models.CheckConstraint(
                name="session_dates_ordered",
                condition=Q(start_date__lt=F("end_date")),
                violation_error_message="A session must start before it ends.",
            ),
            models.UniqueConstraint(fields=["district", "title", "school_year"], name="session_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.parent_id is not None and self.parent is not None:
            parent = self.parent
            if (
                self.start_date
                and self.end_date
                and (self.start_date < parent.start_date or self.end_date > parent.end_date)
            ):
                raise ValidationError(f"{self.title} must lie within {parent.title}.")
        if self.kind == self.Kind.SCHOOL_YEAR and self.parent_id:
            raise ValidationError({"parent": "A school year cannot sit inside another session."})


class Course(models.Model):
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="courses")
    title = models.CharField(max_length=200)
    code = models.CharField(max_length=32)
    content_area = models.CharField(max_length=32, choices=ContentArea.choices)
    grade = models.SmallIntegerField(choices=GRADE_CHOICES, null=True, blank=True)
    sourced_id = models.CharField(max_length=255, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["school", "content_area", "grade", "title"]
        constraints = [models.UniqueConstraint(fields=["school", "code"], name="course_unique_code_in_school")]

    def __str__(self) -> str:
        return self.title


class SectionQuerySet(ScopedQuerySet["Section"]):
    def taught_by(self, user: User) -> SectionQuerySet:
        """Sections the user teaches or assists in: the scope for scoring and creating assessments."""
        teaching = Enrollment.objects.filter(user=user, role__in=Enrollment.TEACHING_ROLES)
        return self.filter(pk__in=teaching.values("section_id"))


class Section(models.Model):
    """A class: one course taught to one group of students in one session (OneRoster ``classes``)."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sections")
    session = models.ForeignKey(AcademicSession, on_delete=models.PROTECT, related_name="sections")
    name = models.CharField(max_length=120)
    period = models.CharField(max_length=16, blank=True)
    room = models.CharField(max_length=32, blank=True)
    sourced_id = models.CharField(max_length=255, unique=True, null=True, blank=True)

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["course__title", "period", "name"]
        constraints = [models.UniqueConstraint(fields=["course", "session", "name"], name="section_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def school(self) -> School:
        return self.course.school


class Student(models.Model):
    """A learner and the demographics used for subgroup (equity) reporting — every field optional."""

    SUBGROUP_FIELDS = ("race_ethnicity", "gender", "economically_disadvantaged", "english_learner", "disability")
    """The demographics the equity figures group students by."""

    class RaceEthnicity(models.TextChoices):
        # US federal reporting categories; Hispanic/Latino takes precedence over race.
        AMERICAN_INDIAN = "american_indian", "American Indian or Alaska Native"
        ASIAN = "asian", "Asian"
        BLACK = "black", "Black or African American"
        HISPANIC = "hispanic", "Hispanic or Latino"
        PACIFIC_ISLANDER = "pacific_islander", "Native Hawaiian or Other Pacific Islander"
        WHITE = "white", "White"
        TWO_OR_MORE = "two_or_more", "Two or more races"

    class Gender(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        NONBINARY = "nonbinary", "Non-binary"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="student_profile")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="students")
    student_number = models.CharField(max_length=32, unique=True)
    # None when the roster gave no grade proficio can hold (a blank or ungraded OneRoster ``grades``).
    grade = models.SmallIntegerField(choices=GRADE_CHOICES, null=True, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    race_ethnicity = models.CharField(max_length=24, choices=RaceEthnicity.choices, blank=True)
    gender = models.CharField(max_length=16, choices=Gender.choices, blank=True)
    economically_disadvantaged = models.BooleanField(null=True, blank=True)
    english_learner = models.BooleanField(null=True, blank=True)
    disability = models.BooleanField(null=True, blank=True, help_text="Has an IEP or 504 plan.")
    is_active = models.BooleanField(default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return str(self.user)

    def get_grade_display(self) -> str:
        """The grade as shown after the word "grade" ("grade 7", "grade K", "grade not given")."""
        return student_grade_name(self.grade)

    def clean(self) -> None:
        if self.school_id and self.grade is not None:
            school = self.school
            if not school.lowest_grade <= self.grade <= school.highest_grade:
                raise ValidationError(
                    {"grade": f"Grade {grade_name(self.grade)} is outside {school}'s span ({school.grade_span})."}
                )


class Enrollment(models.Model):
    """A person in a section, as a student or as a teacher (OneRoster ``enrollments``)."""

    class Role(models.TextChoices):
        STUDENT = "student", "Student"
        TEACHER = "teacher", "Teacher"
        AIDE = "aide", "Aide"

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="enrollments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrollments")
    TEACHING_ROLES = (Role.TEACHER, Role.AIDE)

    role = models.CharField(max_length=16, choices=Role.choices)
    primary = models.BooleanField(default=False, help_text="The section's lead teacher (teachers only).")
    begin_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    sourced_id = models.CharField(max_length=255, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["section", "role", "user"]
        constraints = [
            models.UniqueConstraint(fields=["section", "user", "role"], name="enrollment_unique"),
            models.CheckConstraint(
                name="enrollment_primary_is_teacher",
                condition=Q(primary=False) | Q(role="teacher"),
                violation_error_message="Only a teacher can be a section's primary teacher.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.section} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.role == self.Role.STUDENT and self.user_id:
            student = Student.objects.filter(user_id=self.user_id).select_related("school").first()
            if student is None:
                raise ValidationError({"user": f"{self.user} has no student record, so cannot enrol as a student."})
            if self.section_id and student.school_id != self.section.course.school_id:
                raise ValidationError({"section": f"{self.section} is not at {student.school}."})


class Guardian(models.Model):
    """A parent or other adult responsible for a student."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="guardian_profile")
    phone = models.CharField(max_length=32, blank=True)
    students = models.ManyToManyField(Student, through="GuardianLink", related_name="guardians")

    class Meta:
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return str(self.user)


class GuardianLink(models.Model):
    """Which guardian may see which student; access lasts only while the link is active."""

    class Relationship(models.TextChoices):
        PARENT = "parent", "Parent"
        GUARDIAN = "guardian", "Legal guardian"
        RELATIVE = "relative", "Relative"
        OTHER = "other", "Other"

    guardian = models.ForeignKey(Guardian, on_delete=models.CASCADE, related_name="links")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="guardian_links")
    relationship = models.CharField(max_length=16, choices=Relationship.choices, default=Relationship.PARENT)
    is_active = models.BooleanField(default=True)
    receives_reports = models.BooleanField(default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["student", "guardian"]
        constraints = [models.UniqueConstraint(fields=["guardian", "student"], name="guardian_link_unique")]

    def __str__(self) -> str:
        return f"{self.guardian} → {self.student} ({self.get_relationship_display()})"


class Advisory(models.Model):
    """An advisor or counselor's assignment to a student."""

    advisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="advisees")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="advisories")
    is_active = models.BooleanField(default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["advisor", "student"]
        verbose_name_plural = "advisories"
        constraints = [models.UniqueConstraint(fields=["advisor", "student"], name="advisory_unique")]

    def __str__(self) -> str:
        return f"{self.advisor} advises {self.student}"
