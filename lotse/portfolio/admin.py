from typing import Any

from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from .models import Dependency
from .models import FieldOfAction
from .models import GoalContribution
from .models import OrgUnit
from .models import Programme
from .models import Project
from .models import StrategicGoal
from .signals import programme_created


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

    def save_model(self, request: Any, obj: Programme, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            programme_created.send(sender=Programme, programme=obj, today=timezone.localdate())


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
