from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    DecisionRequest,
    Milestone,
    ReminderLog,
    ReportingConfig,
    ReportingPeriod,
    Risk,
    StatusReport,
)


@admin.register(StatusReport)
class StatusReportAdmin(SimpleHistoryAdmin):
    list_display = ("project", "period", "state", "overall")
    list_filter = ("state", "overall", "period__programme")


admin.site.register(ReportingConfig, SimpleHistoryAdmin)
admin.site.register(ReportingPeriod)
admin.site.register(Milestone, SimpleHistoryAdmin)
admin.site.register(Risk, SimpleHistoryAdmin)
admin.site.register(DecisionRequest, SimpleHistoryAdmin)
admin.site.register(ReminderLog)
