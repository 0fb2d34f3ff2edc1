from django.urls import include
from django.urls import path

from . import views

app_name = "calendars"

# The feeds read with a subscriber's token, under kalender/<str:token>/.
token_feeds = [
    path(
        "programme/<slug:slug>/termine.ics",
        views.token_programme_feed,
        name="token_programme_feed",
    ),
    path("meine-termine.ics", views.token_personal_feed, name="personal_feed"),
]

urlpatterns = [
    path("programme/<slug:slug>/termine.ics", views.programme_feed, name="programme_feed"),
    path("kalender/<str:token>/", include(token_feeds)),
]
