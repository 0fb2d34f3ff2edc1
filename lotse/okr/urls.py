"""The URL patterns of the app, all of them in this one module."""

from django.urls import path

from .views import programme as programme_views
from .views import project as project_views

app_name = "okr"

urlpatterns = [
    path("projekte/<int:pk>/okr/", project_views.project_okrs, name="project_okrs"),
    path(
        "projekte/<int:pk>/okr/objectives/neu/",
        project_views.objective_create,
        name="objective_create",
    ),
    path(
        "okr/objectives/<int:pk>/bearbeiten/", project_views.objective_edit, name="objective_edit"
    ),
    path(
        "okr/objectives/<int:pk>/loeschen/", project_views.objective_delete, name="objective_delete"
    ),
    path(
        "okr/objectives/<int:pk>/uebernehmen/", project_views.objective_copy, name="objective_copy"
    ),
    path(
        "okr/objectives/<int:pk>/key-results/neu/",
        project_views.key_result_create,
        name="key_result_create",
    ),
    path("okr/objectives/<int:pk>/review/", project_views.review_edit, name="review_edit"),
    path(
        "okr/objectives/<int:pk>/verknuepfungen/neu/", project_views.link_create, name="link_create"
    ),
    path("okr/key-results/<int:pk>/", project_views.key_result_detail, name="key_result_detail"),
    path(
        "okr/key-results/<int:pk>/bearbeiten/",
        project_views.key_result_edit,
        name="key_result_edit",
    ),
    path(
        "okr/key-results/<int:pk>/loeschen/",
        project_views.key_result_delete,
        name="key_result_delete",
    ),
    path("okr/verknuepfungen/<int:pk>/entfernen/", project_views.link_delete, name="link_delete"),
    path("programme/<slug:slug>/okr/", programme_views.programme_okrs, name="programme_okrs"),
    path("programme/<slug:slug>/okr/quartale/", programme_views.quarters, name="quarters"),
    path(
        "programme/<slug:slug>/okr/quartale/neu/",
        programme_views.quarter_create_next,
        name="quarter_create_next",
    ),
    path(
        "okr/quartale/<int:pk>/status/",
        programme_views.quarter_transition,
        name="quarter_transition",
    ),
    path("programme/<slug:slug>/quartalskonferenz/", programme_views.conference, name="conference"),
    path(
        "programme/<slug:slug>/quartalskonferenz.pdf",
        programme_views.conference_pdf,
        name="conference_pdf",
    ),
    path(
        "programme/<slug:slug>/quartalskonferenz.xlsx",
        programme_views.conference_xlsx,
        name="conference_xlsx",
    ),
]
