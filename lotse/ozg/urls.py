"""The URL patterns of the app, all of them in this one module."""

from django.urls import include
from django.urls import path

from . import views

app_name = "ozg"

# The programme's OZG catalogue, under programme/<slug:slug>/ozg/.
programme_pages = [
    path("", views.overview, name="overview"),
    path("leistungen/", views.service_list, name="list"),
    path("leistungen/neu/", views.service_create, name="create"),
    path("import/", views.import_catalogue, name="import"),
    path("katalog.xlsx", views.export_xlsx, name="export"),
    path("einstellungen/", views.settings_edit, name="settings"),
]

# A service of the catalogue, under ozg/leistungen/<int:pk>/.
service_pages = [
    path("", views.service_detail, name="service"),
    path("loeschen/", views.service_delete, name="delete"),
]

urlpatterns = [
    path("programme/<slug:slug>/ozg/", include(programme_pages)),
    path("ozg/leistungen/<int:pk>/", include(service_pages)),
]
