from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import ProgrammePublication
from .models import PublicSiteSettings


@admin.register(PublicSiteSettings)
class PublicSiteSettingsAdmin(SimpleHistoryAdmin):
    """One row for the whole installation: it can be changed, never added twice or deleted."""

    fieldsets = [
        (None, {"fields": ("operator_name",)}),
        (_("Impressum und Datenschutz"), {"fields": ("imprint", "privacy")}),
        (
            _("Erklärung zur Barrierefreiheit"),
            {
                "fields": (
                    "accessibility_conformance",
                    "accessibility_issues",
                    "accessibility_prepared_on",
                    "accessibility_method",
                    "feedback_email",
                    "feedback_phone",
                    "feedback_url",
                    "enforcement",
                )
            },
        ),
        (_("Ideen und Hinweise"), {"fields": ("ideas_email", "ideas_url")}),
        (
            _("Lizenz der offenen Daten"),
            {"fields": ("licence_name", "licence_id", "licence_url", "attribution")},
        ),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not PublicSiteSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(ProgrammePublication)
class ProgrammePublicationAdmin(SimpleHistoryAdmin):
    list_display = ("programme", "enabled", "updated_at")
    list_filter = ("enabled",)
