import json

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from . import privacy
from .models import Criterion
from .models import Idea
from .models import IdeaSettings
from .models import ModerationEvent
from .models import ScoringRound


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
    actions = ["export_person", "erase_person"]

    def _emails(self, queryset: QuerySet[Idea]) -> list[str]:
        return sorted({e.lower() for e in queryset.values_list("author_email", flat=True) if e})

    @admin.action(description=_("Daten der Einreichenden exportieren (JSON)"))
    def export_person(self, request: HttpRequest, queryset: QuerySet[Idea]) -> HttpResponse:
        data = {email: privacy.person_data(email) for email in self._emails(queryset)}
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="personenbezogene-daten.json"'
        return response

    @admin.action(description=_("Name und E-Mail-Adresse der Einreichenden löschen"))
    def erase_person(self, request: HttpRequest, queryset: QuerySet[Idea]) -> None:
        emails = self._emails(queryset)
        count = sum(privacy.person_erase(email) for email in emails)
        self.message_user(
            request,
            _("Bei %(n)s Ideen von %(p)s Personen gelöscht.") % {"n": count, "p": len(emails)},
        )


@admin.register(Criterion)
class CriterionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "weight", "direction", "axis", "active"]
    list_filter = ["programme"]


@admin.register(ScoringRound)
class ScoringRoundAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "state", "closed_at"]
    list_filter = ["programme", "state"]
