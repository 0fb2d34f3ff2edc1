from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Criterion, Idea, IdeaSettings, ModerationEvent, ScoringRound


@admin.register(IdeaSettings)
class IdeaSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "public_platform", "moderation", "anonymise_after_days"]


class ModerationEventInline(admin.TabularInline):
    model = ModerationEvent
    extra = 0
    readonly_fields = ["action", "note", "user", "created_at"]
    can_delete = False


@admin.register(Idea)
class IdeaAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "source", "status", "moderation", "is_public"]
    list_filter = ["programme", "source", "status", "moderation", "is_public"]
    search_fields = ["title", "description", "author_email"]
    inlines = [ModerationEventInline]


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "weight", "direction", "axis", "active"]
    list_filter = ["programme"]


@admin.register(ScoringRound)
class ScoringRoundAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "state", "closed_at"]
    list_filter = ["programme", "state"]
