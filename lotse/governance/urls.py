from .views import feeds, log, meetings, series

app_name = "governance"

urlpatterns = [
    *series.urlpatterns,
    *meetings.urlpatterns,
    *log.urlpatterns,
    *feeds.urlpatterns,
]
