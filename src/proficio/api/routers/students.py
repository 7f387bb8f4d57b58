"""Students the caller has a legitimate reason to see by name; demographics only for school leaders and
district administrators, who report on subgroups."""

from datetime import date
from typing import Annotated, Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from proficio.api.errors import responses
from proficio.api.fields import Id, path_id
from proficio.api.pagination import LimitOffset
from proficio.api.reads import audit_reads
from proficio.api.scope import demographic_school_ids, get_or_404, user_of
from proficio.roster.models import Enrollment, Student

router = Router(tags=["students"])


class StudentRef(Schema):
    id: int
    first_name: str = Field(alias="user.first_name")
    last_name: str = Field(alias="user.last_name")
    student_number: str
    grade: int | None  # None: the roster gave no grade proficio can hold


class Demographics(Schema):
    birth_date: date | None
    race_ethnicity: str
    gender: str
    economically_disadvantaged: bool | None
    english_learner: bool | None
    disability: bool | None


class StudentOut(StudentRef):
    school_id: int
    is_active: bool
    demographics: Demographics | None = Field(
        description="Subgroup data: only for school leaders of the student's school and district administrators."
    )

    @staticmethod
    def resolve_demographics(student: Student, context: dict[str, Any]) -> Student | None:
        return student if student.school_id in demographic_school_ids(context["request"]) else None


class StudentFilter(FilterSchema):
    school: Annotated[Id | None, FilterLookup("school_id")] = Field(None, description="Only this school's students.")
    grade: Annotated[int | None, FilterLookup("grade")] = Field(
        None, ge=-1, le=12, description="Only this grade (-1 is PK, 0 is K)."
    )
    section: Id | None = Field(None, description="Only students enrolled in this section.")

    def filter_section(self, value: int | None) -> Q:
        if value is None:
            return Q()
        enrolled = Enrollment.objects.filter(section_id=value, role=Enrollment.Role.STUDENT).values("user_id")
        return Q(user_id__in=enrolled)


def _students(request: HttpRequest) -> QuerySet[Student]:
    return Student.objects.for_user(user_of(request)).select_related("user")


@router.get("", response=responses({200: list[StudentOut]}))
@paginate(LimitOffset)
def list_students(request: HttpRequest, filters: Query[StudentFilter]) -> QuerySet[Student]:
    return filters.filter(_students(request).order_by("user__last_name", "user__first_name", "pk"))


@router.get("/{student_id}", response=responses({200: StudentOut}))
def get_student(request: HttpRequest, student_id: int = path_id()) -> Student:
    student = get_or_404(_students(request), student_id, "student")
    audit_reads(request, [student])
    return student
