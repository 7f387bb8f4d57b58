"""Sections (classes) the caller teaches, leads or administers, with their teachers and students."""

from datetime import date
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from proficio.api.errors import responses
from proficio.api.fields import Id, path_id
from proficio.api.pagination import LimitOffset
from proficio.api.routers.students import StudentRef
from proficio.api.scope import get_or_404, user_of
from proficio.roster.models import Enrollment, Section, Student

router = Router(tags=["sections"])


class CourseOut(Schema):
    id: int
    title: str
    code: str
    content_area: str
    grade: int | None


class SessionOut(Schema):
    id: int
    title: str
    kind: str
    start_date: date
    end_date: date


class PersonRef(Schema):
    id: int
    name: str


class SectionOut(Schema):
    id: int
    name: str
    period: str
    room: str
    school_id: int
    course: CourseOut
    session: SessionOut

    @staticmethod
    def resolve_school_id(section: Section) -> int:
        return section.course.school_id


class SectionDetailOut(SectionOut):
    teachers: list[PersonRef] = Field(description="Teachers first (the primary one leading), then aides.")
    students: list[StudentRef] = Field(description="The section's students the caller may see by name.")

    @staticmethod
    def resolve_teachers(section: Section) -> list[dict[str, Any]]:
        rows = (
            Enrollment.objects.filter(section=section, role__in=[Enrollment.Role.TEACHER, Enrollment.Role.AIDE])
            .select_related("user")
            .order_by("role", "-primary", "pk")
        )
        return [{"id": row.user_id, "name": str(row.user)} for row in rows]

    @staticmethod
    def resolve_students(section: Section, context: dict[str, Any]) -> list[Student]:
        enrolled = Enrollment.objects.filter(section=section, role=Enrollment.Role.STUDENT).values("user_id")
        return list(
            Student.objects.for_user(user_of(context["request"]))
            .filter(user_id__in=enrolled)
            .select_related("user")
            .order_by("user__last_name", "user__first_name", "pk")
        )


class SectionFilter(FilterSchema):
    school: Annotated[Id | None, FilterLookup("course__school_id")] = Field(
        None, description="Only this school's sections."
    )
    course: Annotated[Id | None, FilterLookup("course_id")] = Field(None, description="Only this course's sections.")
    session: Annotated[Id | None, FilterLookup("session_id")] = Field(
        None, description="Only sections of this academic session."
    )


def _sections(request: HttpRequest) -> QuerySet[Section]:
    return Section.objects.for_user(user_of(request)).select_related("course", "session")


@router.get("", response=responses({200: list[SectionOut]}))
@paginate(LimitOffset)
def list_sections(request: HttpRequest, filters: Query[SectionFilter]) -> QuerySet[Section]:
    return filters.filter(_sections(request).order_by("course__title", "period", "name", "pk"))


@router.get("/{section_id}", response=responses({200: SectionDetailOut}))
def get_section(request: HttpRequest, section_id: int = path_id()) -> Section:
    return get_or_404(_sections(request), section_id, "section")
