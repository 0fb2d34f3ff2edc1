from .views import imports as import_views
from .views import programme as programme_views
from .views import project as project_views

app_name = "finance"

urlpatterns = [
    *project_views.urlpatterns,
    *programme_views.urlpatterns,
    *import_views.urlpatterns,
]
