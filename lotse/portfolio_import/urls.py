"""The URL patterns of the app, all of them in this one module."""

from django.urls import include
from django.urls import path

from . import views

app_name = "portfolio_import"

# The import page and its templates, under programme/<slug:slug>/portfolio-import/.
import_pages = [
    path("", views.import_page, name="import"),
    path("vorlage.xlsx", views.template_xlsx, name="template_xlsx"),
    path("vorlage-<str:sheet>.csv", views.template_csv, name="template_csv"),
]

urlpatterns = [path("programme/<slug:slug>/portfolio-import/", include(import_pages))]
