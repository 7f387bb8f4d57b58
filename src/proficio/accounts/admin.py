from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from proficio.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["district", "school"]


@admin.register(User)
class ProficioUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_active", "memberships__role", "preferred_language"]
    search_fields = ["username", "first_name", "last_name", "email", "sourced_id"]
    fieldsets = (*UserAdmin.fieldsets, ("proficio", {"fields": ("sourced_id", "preferred_language")}))
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "district", "school", "is_active"]
    list_filter = ["role", "is_active", "school", "district"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "district", "school"]
