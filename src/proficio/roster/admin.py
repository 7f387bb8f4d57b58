from django.contrib import admin

from proficio.roster.models import (
    AcademicSession,
    Advisory,
    Course,
    District,
    Enrollment,
    Guardian,
    GuardianLink,
    Network,
    School,
    Section,
    Student,
)


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "identifier"]
    search_fields = ["name", "identifier", "sourced_id"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "grade_span", "identifier"]
    list_filter = ["district"]
    search_fields = ["name", "identifier", "sourced_id"]


class TermInline(admin.TabularInline):
    model = AcademicSession
    fk_name = "parent"
    extra = 0
    fields = ["title", "kind", "start_date", "end_date", "school_year", "district"]


@admin.register(AcademicSession)
class AcademicSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "school_year", "start_date", "end_date", "parent"]
    list_filter = ["kind", "school_year", "district"]
    search_fields = ["title", "sourced_id"]
    inlines = [TermInline]


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ["name", "session", "period", "room"]
    show_change_link = True


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "school", "content_area", "grade"]
    list_filter = ["school", "content_area", "grade"]
    search_fields = ["title", "code", "sourced_id"]
    inlines = [SectionInline]


class EnrollmentInline(admin.TabularInline):
    model = Enrollment
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "primary", "begin_date", "end_date"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "course", "session", "period", "room"]
    list_filter = ["course__school", "session", "course__content_area"]
    search_fields = ["name", "course__title", "sourced_id"]
    autocomplete_fields = ["course", "session"]
    inlines = [EnrollmentInline]


class GuardianLinkInline(admin.TabularInline):
    model = GuardianLink
    extra = 0
    autocomplete_fields = ["guardian", "student"]


class AdvisoryInline(admin.TabularInline):
    model = Advisory
    extra = 0
    autocomplete_fields = ["advisor"]


@admin.register(Student)
class StudentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "student_number", "school", "grade", "race_ethnicity", "gender", "is_active"]
    list_filter = ["school", "grade", *Student.SUBGROUP_FIELDS, "is_active"]
    search_fields = ["user__first_name", "user__last_name", "user__username", "student_number"]
    autocomplete_fields = ["user", "school"]
    inlines = [GuardianLinkInline, AdvisoryInline]


@admin.register(Guardian)
class GuardianAdmin(admin.ModelAdmin):
    list_display = ["__str__", "phone"]
    search_fields = ["user__first_name", "user__last_name", "user__email"]
    autocomplete_fields = ["user"]
    inlines = [GuardianLinkInline]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["user", "section", "role", "primary"]
    list_filter = ["role", "section__course__school", "section__session"]
    search_fields = ["user__first_name", "user__last_name", "section__name"]
    autocomplete_fields = ["user", "section"]


@admin.register(GuardianLink)
class GuardianLinkAdmin(admin.ModelAdmin):
    list_display = ["guardian", "student", "relationship", "is_active"]
    list_filter = ["relationship", "is_active"]
    search_fields = ["guardian__user__last_name", "student__user__last_name"]
    autocomplete_fields = ["guardian", "student"]


@admin.register(Advisory)
class AdvisoryAdmin(admin.ModelAdmin):
    list_display = ["advisor", "student", "is_active"]
    list_filter = ["is_active", "student__school"]
    search_fields = ["advisor__last_name", "student__user__last_name"]
    autocomplete_fields = ["advisor", "student"]
