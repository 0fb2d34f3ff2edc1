"""The URL patterns of the app, all of them in this one module."""

from django.urls import path

from . import views

app_name = "portfolio_import"

urlpatterns = [
    path("programme/<slug:slug>/portfolio-import/", views.import_page, name="import"),
    path(
        "programme/<slug:slug>/portfolio-import/vorlage.xlsx",
        views.template_xlsx,
        name="template_xlsx",
    ),
    path(
        "programme/<slug:slug>/portfolio-import/vorlage-<str:sheet>.csv",
        views.template_csv,
        name="template_csv",
    ),
]
