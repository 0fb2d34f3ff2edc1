from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Attachment
from .models import AttachmentVersion


class VersionInline(admin.TabularInline):
    model = AttachmentVersion
    extra = 0
    fields = ("number", "original_name", "size", "mime", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    can_delete = False


@admin.register(Attachment)
class AttachmentAdmin(SimpleHistoryAdmin):
    list_display = ("title", "content_type", "object_id", "current_version", "deleted_at")
    list_filter = ("content_type", "programme")
    search_fields = ("title",)
    readonly_fields = ("public_id", "content_type", "object_id", "current_version")
    inlines = [VersionInline]
