from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import GlossaryTerm
from .models import Principle


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(SimpleHistoryAdmin):
    list_display = ["term", "programme", "source"]
    list_filter = ["programme"]
    search_fields = ["term", "definition"]


@admin.register(Principle)
class PrincipleAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "programme", "order"]
    list_filter = ["programme"]
