"""The URL patterns of the app, all of them in this one module."""

from django.urls import path

from . import views

app_name = "search"

urlpatterns = [path("suche/", views.results, name="results")]
