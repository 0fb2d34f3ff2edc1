from django.urls import include
from django.urls import path

from . import views
from . import views_retro

app_name = "boards"

# The programme's boards and retrospectives, under boards/programm/<slug:slug>/.
programme_pages = [
    path("", views.overview, name="overview"),
    path("pmo/", views.programme_board, name="programme_board"),
    path("retrospektiven/", views_retro.programme_retrospectives, name="programme_retrospectives"),
    path(
        "retrospektiven/neu/",
        views_retro.programme_retrospective_create,
        name="programme_retrospective_create",
    ),
]

# A project's board and retrospectives, under boards/projekt/<int:pk>/.
project_pages = [
    path("", views.project_board, name="project_board"),
    path("retrospektiven/", views_retro.project_retrospectives, name="project_retrospectives"),
    path(
        "retrospektiven/neu/",
        views_retro.project_retrospective_create,
        name="project_retrospective_create",
    ),
]

# A card and its acts, under boards/karten/<int:pk>/.
card_pages = [
    path("", views.card_detail, name="card"),
    path("bearbeiten/", views.card_edit, name="card_edit"),
    path("verschieben/", views.card_move, name="card_move"),
    path("loeschen/", views.card_delete, name="card_delete"),
]

urlpatterns = [
    path("boards/programm/<slug:slug>/", include(programme_pages)),
    path("boards/projekt/<int:pk>/", include(project_pages)),
    path("boards/meine-karten/", views.my_cards, name="my_cards"),
    path("boards/<int:pk>/", views.board_detail, name="board"),
    path("boards/<int:pk>/karten/neu/", views.card_create, name="card_create"),
    path("boards/<int:pk>/einstellungen/", views.board_settings, name="settings"),
    path("boards/karten/<int:pk>/", include(card_pages)),
    path("boards/spalten/<int:pk>/", views.column_edit, name="column_edit"),
    path("boards/spalten/<int:pk>/verschieben/", views.column_move, name="column_move"),
    path("boards/spalten/<int:pk>/entfernen/", views.column_delete, name="column_delete"),
    path("boards/labels/<int:pk>/entfernen/", views.label_delete, name="label_delete"),
    path("boards/retrospektiven/<int:pk>/", views_retro.retrospective_detail, name="retrospective"),
    path("boards/retrospektiven/<int:pk>/massnahmen/", views_retro.action_add, name="action_add"),
    path("boards/massnahmen/<int:pk>/karte/", views_retro.action_to_card, name="action_to_card"),
    path("boards/massnahmen/<int:pk>/erledigt/", views_retro.action_done, name="action_done"),
]
