from django.urls import URLPattern
from django.urls import URLResolver
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

# A board and its settings, under boards/<int:pk>/.
board_pages = [
    path("", views.board_detail, name="board"),
    path("karten/neu/", views.card_create, name="card_create"),
    path("einstellungen/", views.board_settings, name="settings"),
]

# A column's acts, under boards/spalten/<int:pk>/.
column_pages = [
    path("", views.column_edit, name="column_edit"),
    path("verschieben/", views.column_move, name="column_move"),
    path("entfernen/", views.column_delete, name="column_delete"),
]

# A retrospective and its actions, under boards/retrospektiven/<int:pk>/ and
# boards/massnahmen/<int:pk>/.
retrospective_pages = [
    path("", views_retro.retrospective_detail, name="retrospective"),
    path("massnahmen/", views_retro.action_add, name="action_add"),
]
action_pages = [
    path("karte/", views_retro.action_to_card, name="action_to_card"),
    path("erledigt/", views_retro.action_done, name="action_done"),
]

# Everything under boards/.
board_site: list[URLPattern | URLResolver] = [
    path("programm/<slug:slug>/", include(programme_pages)),
    path("projekt/<int:pk>/", include(project_pages)),
    path("meine-karten/", views.my_cards, name="my_cards"),
    path("<int:pk>/", include(board_pages)),
    path("karten/<int:pk>/", include(card_pages)),
    path("spalten/<int:pk>/", include(column_pages)),
    path("labels/<int:pk>/entfernen/", views.label_delete, name="label_delete"),
    path("retrospektiven/<int:pk>/", include(retrospective_pages)),
    path("massnahmen/<int:pk>/", include(action_pages)),
]

urlpatterns = [path("boards/", include(board_site))]
