from .views import programme as programme_views
from .views import project as project_views

app_name = "okr"

urlpatterns = [*project_views.urlpatterns, *programme_views.urlpatterns]
