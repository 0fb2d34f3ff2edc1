from django.urls import path

from . import views, views_team

app_name = "portfolio"
urlpatterns = [
    path("programme/<slug:slug>/", views.target_picture, name="target_picture"),
    path("programme/<slug:slug>/projekte/", views.project_list, name="project_list"),
    path("programme/<slug:slug>/projekte.xlsx", views.project_list_xlsx, name="project_list_xlsx"),
    path("programme/<slug:slug>/projekte/neu/", views.project_create, name="project_create"),
    path("programme/<slug:slug>/zielbeitraege/", views.goal_matrix, name="goal_matrix"),
    path("projekte/<int:pk>/", views.project_detail, name="project_detail"),
    path(
        "projekte/<int:pk>/zur-freigabe/",
        views.project_propose_release,
        name="project_propose_release",
    ),
    path(
        "projekte/<int:pk>/abschluss-melden/",
        views.project_report_completion,
        name="project_report_completion",
    ),
    path("projekte/<int:pk>/bearbeiten/", views.project_edit, name="project_edit"),
    path("projekte/<int:pk>/abhaengigkeiten/", views.dependency_add, name="dependency_add"),
    path("abhaengigkeiten/<int:pk>/entfernen/", views.dependency_delete, name="dependency_delete"),
    path("programme/<slug:slug>/team/", views_team.programme_team, name="programme_team"),
    path(
        "programme/<slug:slug>/team/rollen/<int:pk>/entziehen/",
        views_team.programme_role_revoke,
        name="programme_role_revoke",
    ),
    path(
        "programme/<slug:slug>/team/projektrollen/<int:pk>/entziehen/",
        views_team.project_role_revoke,
        name="project_role_revoke",
    ),
]
