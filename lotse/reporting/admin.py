from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DecisionRequest
from .models import Milestone
from .models import ReminderLog
from .models import ReportingConfig
from .models import ReportingPeriod
from .models import Risk
from .models import StatusReport


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
