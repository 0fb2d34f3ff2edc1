"""The URL patterns of the app, all of them in this one module."""

from django.urls import include
from django.urls import path

from .views import decide
from .views import ideas
from .views import scoring
from .views import settings

app_name = "ideas"

MODERATION = [
    ("freigeben", "approve"),
    ("ausblenden", "hide"),
    ("zusammenfuehren", "merge"),
    ("veroeffentlichen", "release"),
    ("status", "status"),
]

# The programme's ideas, criteria and scoring rounds, under programme/<slug:slug>/ideen/.
programme_pages = [
    path("einstellungen/", settings.idea_settings, name="settings"),
    path("kriterien/", scoring.criteria, name="criteria"),
    path("kriterien/standard/", scoring.criteria_defaults, name="criteria_defaults"),
    path("kriterien/neu/", scoring.criterion_edit, name="criterion_create"),
    path("kriterien/<int:pk>/", scoring.criterion_edit, name="criterion_edit"),
    path("runden/", scoring.rounds, name="rounds"),
    path("", ideas.idea_list, name="list"),
    path("neu/", ideas.idea_create, name="create"),
    path("import/", ideas.workshop_import, name="import"),
    path("import/vorlage.xlsx", ideas.import_template, name="import_template"),
]

# A scoring round, under bewertungsrunden/<int:pk>/.
round_pages = [
    path("", scoring.round_detail, name="round"),
    path("bewertung/", scoring.round_scores, name="round_scores"),
    path("abschliessen/", scoring.round_close, name="round_close"),
    path("rangfolge.xlsx", scoring.round_export, name="round_export"),
    path("matrix/", scoring.round_matrix, name="round_matrix"),
    path("tagesordnung/", decide.round_to_agenda, name="round_to_agenda"),
]

# An idea, under ideen/<int:pk>/; the acts of moderation are one view, named by the act.
idea_pages = [
    path("", ideas.idea_detail, name="detail"),
    path("bearbeiten/", ideas.idea_edit, name="edit"),
    path("unterstuetzen/", ideas.idea_support, name="support"),
    *[
        path(f"{segment}/", ideas.idea_moderate, {"action": act}, name=act)
        for segment, act in MODERATION
    ],
    path("entscheidung/", decide.idea_decide, name="decide"),
]

urlpatterns = [
    path("programme/<slug:slug>/ideen/", include(programme_pages)),
    path("bewertungsrunden/<int:pk>/", include(round_pages)),
    path("ideen/<int:pk>/", include(idea_pages)),
]
