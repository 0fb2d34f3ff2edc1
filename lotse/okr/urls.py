"""The URL patterns of the app, all of them in this one module."""

from django.urls import URLPattern
from django.urls import URLResolver
from django.urls import include
from django.urls import path

from .views import programme as programme_views
from .views import project as project_views

app_name = "okr"

# An objective's acts, under okr/objectives/<int:pk>/.
objective_pages = [
    path("bearbeiten/", project_views.objective_edit, name="objective_edit"),
    path("loeschen/", project_views.objective_delete, name="objective_delete"),
    path("uebernehmen/", project_views.objective_copy, name="objective_copy"),
    path("key-results/neu/", project_views.key_result_create, name="key_result_create"),
    path("review/", project_views.review_edit, name="review_edit"),
    path("verknuepfungen/neu/", project_views.link_create, name="link_create"),
]

# A key result, under okr/key-results/<int:pk>/.
key_result_pages = [
    path("", project_views.key_result_detail, name="key_result_detail"),
    path("bearbeiten/", project_views.key_result_edit, name="key_result_edit"),
    path("loeschen/", project_views.key_result_delete, name="key_result_delete"),
]

# The programme's OKR pages and the Quartalskonferenz, under programme/<slug:slug>/.
programme_pages = [
    path("okr/", programme_views.programme_okrs, name="programme_okrs"),
    path("okr/quartale/", programme_views.quarters, name="quarters"),
    path("okr/quartale/neu/", programme_views.quarter_create_next, name="quarter_create_next"),
    path("quartalskonferenz/", programme_views.conference, name="conference"),
    path("quartalskonferenz.pdf", programme_views.conference_pdf, name="conference_pdf"),
    path("quartalskonferenz.xlsx", programme_views.conference_xlsx, name="conference_xlsx"),
]

# A project's OKRs, under projekte/<int:pk>/okr/.
project_pages = [
    path("", project_views.project_okrs, name="project_okrs"),
    path("objectives/neu/", project_views.objective_create, name="objective_create"),
]

# Objectives, key results, links and quarters by id, under okr/.
record_pages: list[URLPattern | URLResolver] = [
    path("objectives/<int:pk>/", include(objective_pages)),
    path("key-results/<int:pk>/", include(key_result_pages)),
    path("verknuepfungen/<int:pk>/entfernen/", project_views.link_delete, name="link_delete"),
    path(
        "quartale/<int:pk>/status/", programme_views.quarter_transition, name="quarter_transition"
    ),
]

urlpatterns = [
    path("projekte/<int:pk>/okr/", include(project_pages)),
    path("okr/", include(record_pages)),
    path("programme/<slug:slug>/", include(programme_pages)),
]
