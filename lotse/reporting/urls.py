from .views import config as config_views
from .views import programme as programme_views
from .views import project as project_views

app_name = "reporting"
urlpatterns = [
    *project_views.urlpatterns,
    *programme_views.urlpatterns,
    *config_views.urlpatterns,
]
