from django.urls import path  # noqa: F401

app_name = "okr"

urlpatterns: list = []
