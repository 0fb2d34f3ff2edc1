from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import ApiToken
from .models import DirectoryGroupRole
from .models import ProgrammeRole
from .models import ProjectRole
from .models import User


@admin.action(description=_("Deaktivieren: Sitzungen beenden, Tokens widerrufen"))
def deactivate_users(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: Any) -> None:
    for user in queryset:
        done = services.user_deactivate(user=user)
        modeladmin.message_user(
            request,
            _(
                "%(user)s ist deaktiviert: %(sessions)s Sitzungen beendet, %(api)s API-Tokens "
                "und %(calendar)s Kalender-Abos widerrufen."
            )
            % {
                "user": user,
                "sessions": done.sessions,
                "api": done.api_tokens,
                "calendar": done.calendar_tokens,
            },
        )


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Lotse", {"fields": ("display_name", "public_name_opt_in")}),
    )
    list_display = ("username", "email", "first_name", "last_name", "is_active", "last_login")
    actions = [deactivate_users]

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Unticking "Aktiv" ends sessions and revokes tokens at once, like the action.
        if change and "is_active" in form.changed_data and not obj.is_active:
            services.user_deactivate(user=obj)


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
