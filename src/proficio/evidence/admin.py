from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from proficio.evidence.models import Assessment, CommentSnippet, OutsideEvidence, Score


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "section", "kind", "assessed_on", "retake_of"]
    list_filter = ["kind", "section__course__school", "section__course__content_area", "assessed_on"]
    search_fields = ["title", "section__name", "section__course__title"]
    autocomplete_fields = ["section", "indicators", "objectives", "retake_of", "created_by"]
    date_hierarchy = "assessed_on"


@admin.register(OutsideEvidence)
class OutsideEvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "student", "kind", "status", "completed_on", "verified_by"]
    list_filter = ["kind", "status", "student__school"]
    search_fields = ["title", "organization", "student__user__last_name"]
    autocomplete_fields = ["student", "indicators", "submitted_by", "verified_by"]


@admin.register(Score)
class ScoreAdmin(SimpleHistoryAdmin):
    """Scores can be added and corrected (a new score that supersedes an old one), never edited or deleted."""

    list_display = [
        "student",
        "indicator",
        "value",
        "assessment",
        "outside_evidence",
        "scorer",
        "scored_at",
        "supersedes",
    ]
    list_filter = ["assessment__kind", "indicator__standard__content_area", "student__school"]
    search_fields = [
        "student__user__last_name",
        "student__student_number",
        "indicator__code",
        "assessment__title",
    ]
    autocomplete_fields = ["student", "indicator", "assessment", "outside_evidence", "scorer", "supersedes"]
    list_select_related = ["student__user", "indicator", "assessment", "outside_evidence", "scorer"]
    date_hierarchy = "scored_at"

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CommentSnippet)
class CommentSnippetAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["indicator", "text", "created_by", "created_at"]
    search_fields = ["text", "indicator__code"]
    list_filter = ["indicator__standard__framework"]
    raw_id_fields = ["indicator", "created_by"]
