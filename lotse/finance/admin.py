from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Actual
from .models import BudgetLine
from .models import CallOff
from .models import Deadline
from .models import FinanceSettings
from .models import Funding
from .models import FundingPhase
from .models import SupportContract


@admin.register(FinanceSettings)
class FinanceSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "warning_days", "tolerance_percent", "publish_totals"]


@admin.register(BudgetLine)
class BudgetLineAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "org_unit", "kind", "year_from", "year_to", "amount"]
    list_filter = ["programme", "kind", "status"]
    search_fields = ["title", "purpose", "product", "cost_centre", "investment_number"]
    raw_id_fields = ["project", "funding"]


@admin.register(Actual)
class ActualAdmin(SimpleHistoryAdmin):
    list_display = ["budget_line", "month", "actual", "committed", "source", "is_example"]
    list_filter = ["source", "is_example"]
    raw_id_fields = ["budget_line", "recorded_by"]


class FundingPhaseInline(admin.TabularInline):
    model = FundingPhase
    extra = 0


@admin.register(Funding)
class FundingAdmin(SimpleHistoryAdmin):
    list_display = ["name", "programme", "funder"]
    inlines = [FundingPhaseInline]


@admin.register(Deadline)
class DeadlineAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "kind", "due_date", "status"]
    list_filter = ["programme", "kind", "status"]


class CallOffInline(admin.TabularInline):
    model = CallOff
    extra = 0
    raw_id_fields = ["recorded_by"]


@admin.register(SupportContract)
class SupportContractAdmin(SimpleHistoryAdmin):
    list_display = ["title", "programme", "start", "end", "person_days", "day_rate"]
    inlines = [CallOffInline]
