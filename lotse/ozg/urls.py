"""The URL patterns of the app, all of them in this one module."""

from django.urls import path

from . import views

app_name = "ozg"

urlpatterns = [
    path("programme/<slug:slug>/ozg/", views.overview, name="overview"),
    path("programme/<slug:slug>/ozg/leistungen/", views.service_list, name="list"),
    path("programme/<slug:slug>/ozg/leistungen/neu/", views.service_create, name="create"),
    path("programme/<slug:slug>/ozg/import/", views.import_catalogue, name="import"),
    path("programme/<slug:slug>/ozg/katalog.xlsx", views.export_xlsx, name="export"),
    path("programme/<slug:slug>/ozg/einstellungen/", views.settings_edit, name="settings"),
    path("ozg/leistungen/<int:pk>/", views.service_detail, name="service"),
    path("ozg/leistungen/<int:pk>/loeschen/", views.service_delete, name="delete"),
]
