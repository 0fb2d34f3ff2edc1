from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .models import CheckIn
from .models import CheckInReminderLog
from .models import KeyResult
from .models import Objective
from .models import ObjectiveReview
from .models import OkrLink
from .models import OkrSettings
from .models import Quarter


@admin.register(OkrSettings)
class OkrSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "max_key_results", "checkin_reminder_days"]


@admin.register(Quarter)
class QuarterAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "programme", "state"]
    list_filter = ["programme", "state"]


class KeyResultInline(admin.TabularInline):
    model = KeyResult
    extra = 0
    fields = ["title", "kind", "unit", "start_value", "target_value", "owner", "order"]
    raw_id_fields = ["owner"]


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["title", "project", "quarter", "commitment", "state"]
    list_filter = ["quarter__programme", "quarter", "state", "commitment"]
    search_fields = ["title", "project__title"]
    raw_id_fields = ["project", "copied_from"]
    inlines = [KeyResultInline]


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    """Check-ins are append-only: shown, never edited here."""

    list_display = ["key_result", "value", "done", "confidence", "author", "created_at", "source"]
    list_filter = ["source"]
    readonly_fields = [f.name for f in CheckIn._meta.fields]

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(ObjectiveReview)
class ObjectiveReviewAdmin(SimpleHistoryAdmin):
    list_display = ["objective", "outcome", "computed_score", "score_override"]
    raw_id_fields = ["objective", "reviewed_by"]


@admin.register(OkrLink)
class OkrLinkAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind"]
    raw_id_fields = ["from_objective", "to_objective", "from_key_result", "to_key_result"]


@admin.register(CheckInReminderLog)
class CheckInReminderLogAdmin(admin.ModelAdmin):
    list_display = ["key_result", "recipient", "quiet_since", "sent_at"]
