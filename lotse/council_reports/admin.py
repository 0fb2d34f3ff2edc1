"""The archive in the admin: read-only, nothing can be added, changed or deleted."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from .models import ArchivedReport


@admin.register(ArchivedReport)
class ArchivedReportAdmin(admin.ModelAdmin):
    list_display = ("title", "programme", "kind", "format", "as_of", "created_by", "created_at")
    list_filter = ("kind", "format", "programme")
    exclude = ("content",)
    readonly_fields = [f.name for f in ArchivedReport._meta.fields if f.name not in ("content",)]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
