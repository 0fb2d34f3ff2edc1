from django.urls import path

from . import views

app_name = "calendars"

urlpatterns = [
    path("programme/<slug:slug>/termine.ics", views.programme_feed, name="programme_feed"),
    path(
        "kalender/<str:token>/programme/<slug:slug>/termine.ics",
        views.token_programme_feed,
        name="token_programme_feed",
    ),
    path(
        "kalender/<str:token>/meine-termine.ics",
        views.token_personal_feed,
        name="personal_feed",
    ),
]
