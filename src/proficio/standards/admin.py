from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from proficio.standards.models import (
    CalculationPolicy,
    Exemplar,
    Framework,
    LearningObjective,
    PerformanceIndicator,
    ProficiencyScale,
    ScaleLevel,
    ScoringCriterion,
    Standard,
)


class ScaleLevelInline(admin.TabularInline):
    model = ScaleLevel
    extra = 0
    fields = ["value", "label", "description", "is_threshold"]


@admin.register(ProficiencyScale)
class ProficiencyScaleAdmin(SimpleHistoryAdmin):
    list_display = ["name", "purpose", "district"]
    list_filter = ["purpose", "district"]
    search_fields = ["name"]
    inlines = [ScaleLevelInline]


class PolicyInline(admin.StackedInline):
    model = CalculationPolicy
    extra = 0
    readonly_fields = ["version"]


class StandardInline(admin.TabularInline):
    model = Standard
    extra = 0
    fields = ["code", "title", "kind", "content_area", "required_for_graduation", "position"]
    show_change_link = True


@admin.register(Framework)
class FrameworkAdmin(SimpleHistoryAdmin):
    list_display = ["title", "version", "district", "is_current", "adopted_on"]
    list_filter = ["is_current", "district"]
    search_fields = ["title", "identifier"]
    inlines = [PolicyInline, StandardInline]


class IndicatorInline(admin.TabularInline):
    model = PerformanceIndicator
    extra = 0
    fields = ["code", "statement", "position"]
    show_change_link = True


@admin.register(Standard)
class StandardAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "kind", "content_area", "framework", "required_for_graduation"]
    list_filter = ["kind", "content_area", "framework"]
    search_fields = ["code", "title", "statement"]
    inlines = [IndicatorInline]


class ObjectiveInline(admin.TabularInline):
    model = LearningObjective
    extra = 0
    fields = ["code", "statement", "position"]


class CriterionInline(admin.TabularInline):
    model = ScoringCriterion
    extra = 0
    fields = ["level", "description"]


class ExemplarInline(admin.StackedInline):
    model = Exemplar
    extra = 0
    fields = ["level", "title", "text", "file"]


@admin.register(PerformanceIndicator)
class PerformanceIndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "statement", "standard"]
    list_filter = ["standard__kind", "standard__content_area", "standard__framework"]
    search_fields = ["code", "statement", "standard__title"]
    autocomplete_fields = ["standard"]
    inlines = [ObjectiveInline, CriterionInline, ExemplarInline]


@admin.register(LearningObjective)
class LearningObjectiveAdmin(admin.ModelAdmin):
    list_display = ["code", "statement", "indicator"]
    list_filter = ["indicator__standard__content_area"]
    search_fields = ["code", "statement"]
    autocomplete_fields = ["indicator"]


@admin.register(ScoringCriterion)
class ScoringCriterionAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "level", "description"]
    list_filter = ["level__scale", "indicator__standard__content_area"]
    search_fields = ["indicator__code", "description"]
    autocomplete_fields = ["indicator"]


@admin.register(Exemplar)
class ExemplarAdmin(admin.ModelAdmin):
    list_display = ["title", "indicator", "level"]
    list_filter = ["level__scale"]
    search_fields = ["title", "text", "indicator__code"]
    autocomplete_fields = ["indicator"]


@admin.register(CalculationPolicy)
class CalculationPolicyAdmin(SimpleHistoryAdmin):
    list_display = ["framework", "method", "rollup", "minimum_evidence", "rounding", "version"]
    list_filter = ["method", "rollup"]
    readonly_fields = ["version"]


@admin.register(ScaleLevel)
class ScaleLevelAdmin(SimpleHistoryAdmin):
    list_display = ["scale", "value", "label", "is_threshold"]
    list_filter = ["scale"]
    search_fields = ["label", "description"]
