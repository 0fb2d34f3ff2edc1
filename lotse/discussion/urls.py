"""The URL patterns of the app, all of them in this one module."""

from django.urls import path

from . import views

app_name = "discussion"

urlpatterns = [
    path("kommentare/neu/", views.comment_create, name="create"),
    path("kommentare/<int:pk>/bearbeiten/", views.comment_edit, name="edit"),
    path("kommentare/<int:pk>/loeschen/", views.comment_delete, name="delete"),
    path("kommentare/<int:pk>/moderieren/", views.comment_moderate, name="moderate"),
]
