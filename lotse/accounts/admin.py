from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import ApiToken, ProgrammeRole, ProjectRole, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Lotse", {"fields": ("display_name", "public_name_opt_in")}),
    )


@admin.register(ProgrammeRole)
class ProgrammeRoleAdmin(SimpleHistoryAdmin):
    list_display = ("user", "programme", "role", "org_unit")
    list_filter = ("role", "programme")


@admin.register(ProjectRole)
class ProjectRoleAdmin(SimpleHistoryAdmin):
    list_display = ("user", "project", "role")
    list_filter = ("role",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "hint", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("token_hash", "hint", "created_at", "last_used_at")
