"""The URL patterns of the app, all of them in this one module."""

from django.urls import path

from .views import decide, ideas, scoring, settings

app_name = "ideas"

MODERATION = [
    ("freigeben", "approve"),
    ("ausblenden", "hide"),
    ("zusammenfuehren", "merge"),
    ("veroeffentlichen", "release"),
    ("status", "status"),
]

urlpatterns = [
    path("programme/<slug:slug>/ideen/einstellungen/", settings.idea_settings, name="settings"),
    path("programme/<slug:slug>/ideen/kriterien/", scoring.criteria, name="criteria"),
    path(
        "programme/<slug:slug>/ideen/kriterien/standard/",
        scoring.criteria_defaults,
        name="criteria_defaults",
    ),
    path(
        "programme/<slug:slug>/ideen/kriterien/neu/",
        scoring.criterion_edit,
        name="criterion_create",
    ),
    path(
        "programme/<slug:slug>/ideen/kriterien/<int:pk>/",
        scoring.criterion_edit,
        name="criterion_edit",
    ),
    path("programme/<slug:slug>/ideen/runden/", scoring.rounds, name="rounds"),
    path("bewertungsrunden/<int:pk>/", scoring.round_detail, name="round"),
    path("bewertungsrunden/<int:pk>/bewertung/", scoring.round_scores, name="round_scores"),
    path("bewertungsrunden/<int:pk>/abschliessen/", scoring.round_close, name="round_close"),
    path("bewertungsrunden/<int:pk>/rangfolge.xlsx", scoring.round_export, name="round_export"),
    path("bewertungsrunden/<int:pk>/matrix/", scoring.round_matrix, name="round_matrix"),
    path("programme/<slug:slug>/ideen/", ideas.idea_list, name="list"),
    path("programme/<slug:slug>/ideen/neu/", ideas.idea_create, name="create"),
    path("programme/<slug:slug>/ideen/import/", ideas.workshop_import, name="import"),
    path(
        "programme/<slug:slug>/ideen/import/vorlage.xlsx",
        ideas.import_template,
        name="import_template",
    ),
    path("ideen/<int:pk>/", ideas.idea_detail, name="detail"),
    path("ideen/<int:pk>/bearbeiten/", ideas.idea_edit, name="edit"),
    path("ideen/<int:pk>/unterstuetzen/", ideas.idea_support, name="support"),
    # the acts of moderation, one view: the route's name is the act
    *[
        path(f"ideen/<int:pk>/{segment}/", ideas.idea_moderate, {"action": act}, name=act)
        for segment, act in MODERATION
    ],
    path("bewertungsrunden/<int:pk>/tagesordnung/", decide.round_to_agenda, name="round_to_agenda"),
    path("ideen/<int:pk>/entscheidung/", decide.idea_decide, name="decide"),
]
