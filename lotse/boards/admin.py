from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Board
from .models import Card
from .models import Column
from .models import Retrospective


class ColumnInline(admin.TabularInline):
    model = Column
    extra = 0
    fields = ["position", "name", "wip_limit", "is_done"]


@admin.register(Board)
class BoardAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "swimlanes"]
    inlines = [ColumnInline]


@admin.register(Card)
class CardAdmin(SimpleHistoryAdmin):
    list_display = ["title", "board", "column", "assignee", "due_date"]
    search_fields = ["title"]
    # Position changes go through the move service, which keeps each column's order dense.
    readonly_fields = ["board", "column", "position"]


@admin.register(Retrospective)
class RetrospectiveAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "held_on"]
