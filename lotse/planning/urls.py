"""The URL patterns of the app, all of them in this one module."""

from django.urls import path

from .views import capacity as capacity_views
from .views import project as project_views

app_name = "planning"

urlpatterns = [
    path("projekte/<int:pk>/planung/", project_views.project_plan, name="project_plan"),
    path("arbeitspakete/<int:pk>/", project_views.work_package_detail, name="work_package"),
    path("programme/<slug:slug>/kapazitaet/", capacity_views.heat_map_page, name="heat_map"),
]
