"""Admin for operators: fix data by hand where the pages do not reach (e.g. edit a reporting
duty). Day-to-day work happens in the Gremien pages, which check powers and write history."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .models import ActionItem
from .models import AgendaItem
from .models import Decision
from .models import Escalation
from .models import Meeting
from .models import MeetingSeries
from .models import ReportingDuty


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "cadence", "body", "escalation_level"]
    list_filter = ["programme", "cadence"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "minutes", "notes"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["series", "date", "status"]
    list_filter = ["series__programme", "series", "status"]
    date_hierarchy = "date"
    inlines = [AgendaItemInline]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "project", "meeting"]
    list_filter = ["programme", "kind"]
    search_fields = ["wording"]
    # A decision's effect on the project happened through the service; keep what it says.
    readonly_fields = ["kind", "project", "meeting"]


@admin.register(ActionItem)
class ActionItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "owner", "due_date", "meeting"]


@admin.register(Escalation)
class EscalationAdmin(SimpleHistoryAdmin):
    list_display = ["decision_request", "from_body", "to_body", "escalated_at"]

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False  # the escalation path is a record, not something to edit


@admin.register(ReportingDuty)
class ReportingDutyAdmin(SimpleHistoryAdmin):
    list_display = ["recipient", "report", "programme", "cadence"]
    list_filter = ["programme", "cadence"]
