from django.urls import URLPattern
from django.urls import URLResolver
from django.urls import include
from django.urls import path

from . import views
from . import views_team

app_name = "portfolio"

# The programme's team and its roles, under programme/<slug:slug>/team/.
team_pages = [
    path("", views_team.programme_team, name="programme_team"),
    path(
        "rollen/<int:pk>/entziehen/",
        views_team.programme_role_revoke,
        name="programme_role_revoke",
    ),
    path(
        "projektrollen/<int:pk>/entziehen/",
        views_team.project_role_revoke,
        name="project_role_revoke",
    ),
]

# The programme's Zielbild, project list, goal matrix and team, under programme/<slug:slug>/.
programme_pages: list[URLPattern | URLResolver] = [
    path("", views.target_picture, name="target_picture"),
    path("projekte/", views.project_list, name="project_list"),
    path("projekte.xlsx", views.project_list_xlsx, name="project_list_xlsx"),
    path("projekte/neu/", views.project_create, name="project_create"),
    path("zielbeitraege/", views.goal_matrix, name="goal_matrix"),
    path("team/", include(team_pages)),
]

# A project's Steckbrief and its acts, under projekte/<int:pk>/.
project_pages = [
    path("", views.project_detail, name="project_detail"),
    path("zur-freigabe/", views.project_propose_release, name="project_propose_release"),
    path("abschluss-melden/", views.project_report_completion, name="project_report_completion"),
    path("bearbeiten/", views.project_edit, name="project_edit"),
    path("abhaengigkeiten/", views.dependency_add, name="dependency_add"),
]

urlpatterns = [
    path("programme/<slug:slug>/", include(programme_pages)),
    path("projekte/<int:pk>/", include(project_pages)),
    path("abhaengigkeiten/<int:pk>/entfernen/", views.dependency_delete, name="dependency_delete"),
]
