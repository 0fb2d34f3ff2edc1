"""The URL patterns of the app, all of them in this one module."""

from django.urls import include
from django.urls import path

from . import views

app_name = "glossary"

# The programme's glossary and guiding principles, under programme/<slug:slug>/.
programme_pages = [
    path("glossar/", views.glossary, name="glossary"),
    path("glossar/begriffe/neu/", views.term_edit, name="term_create"),
    path("glossar/begriffe/<int:pk>/", views.term_edit, name="term_edit"),
    path("glossar/begriffe/<int:pk>/loeschen/", views.term_delete, name="term_delete"),
    path("leitprinzipien/", views.principles, name="principles"),
]

urlpatterns = [path("programme/<slug:slug>/", include(programme_pages))]
