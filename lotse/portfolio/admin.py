from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Dependency,
    FieldOfAction,
    GoalContribution,
    OrgUnit,
    Programme,
    Project,
    StrategicGoal,
)


@admin.register(StrategicGoal)
class StrategicGoalAdmin(SimpleHistoryAdmin):
    list_display = ("name", "order")


@admin.register(OrgUnit)
class OrgUnitAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "kind", "parent")
    search_fields = ("code", "name")


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "slug", "parent", "start_date", "end_date")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(FieldOfAction)
class FieldOfActionAdmin(SimpleHistoryAdmin):
    list_display = ("name", "programme", "impact", "order")
    list_filter = ("programme",)


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ("title", "programme", "field_of_action", "stage", "lead", "published")
    list_filter = ("programme", "stage", "kind", "published")
    search_fields = ("title", "short_name")


admin.site.register(GoalContribution, SimpleHistoryAdmin)
admin.site.register(Dependency, SimpleHistoryAdmin)
