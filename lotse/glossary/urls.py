"""The URL patterns of the app, all of them in this one module."""

from django.urls import path

from . import views

app_name = "glossary"

urlpatterns = [
    path("programme/<slug:slug>/glossar/", views.glossary, name="glossary"),
    path("programme/<slug:slug>/glossar/begriffe/neu/", views.term_edit, name="term_create"),
    path("programme/<slug:slug>/glossar/begriffe/<int:pk>/", views.term_edit, name="term_edit"),
    path(
        "programme/<slug:slug>/glossar/begriffe/<int:pk>/loeschen/",
        views.term_delete,
        name="term_delete",
    ),
    path("programme/<slug:slug>/leitprinzipien/", views.principles, name="principles"),
]
