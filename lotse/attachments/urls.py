"""The URL patterns of the app, all of them in this one module."""

from django.urls import path

from . import views

app_name = "attachments"

urlpatterns = [
    path("anhaenge/neu/", views.attachment_create, name="create"),
    path("anhaenge/<str:public_id>/", views.download, name="download"),
    path("anhaenge/<str:public_id>/v<int:number>/", views.download, name="download_version"),
    path("anhaenge/<str:public_id>/neue-version/", views.version_create, name="version_create"),
    path("anhaenge/<str:public_id>/loeschen/", views.attachment_delete, name="delete"),
]
