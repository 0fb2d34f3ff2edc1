from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import ApiToken, DirectoryGroupRole, ProgrammeRole, ProjectRole, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Lotse", {"fields": ("display_name", "public_name_opt_in")}),
    )


@admin.register(ProgrammeRole)
class ProgrammeRoleAdmin(SimpleHistoryAdmin):
    list_display = ("user", "programme", "role", "org_unit", "source", "source_group")
    list_filter = ("role", "programme", "source")


@admin.register(ProjectRole)
class ProjectRoleAdmin(SimpleHistoryAdmin):
    list_display = ("user", "project", "role", "source", "source_group")
    list_filter = ("role", "source")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "hint", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("token_hash", "hint", "created_at", "last_used_at")


@admin.register(DirectoryGroupRole)
class DirectoryGroupRoleAdmin(SimpleHistoryAdmin):
    """Directory groups and OIDC group claims → roles, synchronised at each login."""

    list_display = ("group", "programme", "programme_role", "org_unit", "project", "project_role")
    list_filter = ("programme", "programme_role", "project_role")
    search_fields = ("group",)
    autocomplete_fields = ("project",)
    fieldsets = (
        (None, {"fields": ("group",)}),
        ("Programmrolle", {"fields": ("programme", "programme_role", "org_unit")}),
        ("oder Projektrolle", {"fields": ("project", "project_role")}),
    )
