"""The URL patterns of the app, all of them in this one module."""

from django.urls import include
from django.urls import path

from .views import feeds
from .views import log
from .views import meetings
from .views import series

app_name = "governance"

# A meeting's pages and acts, under sitzungen/<int:pk>/.
meeting_pages = [
    path("", meetings.meeting_detail, name="meeting_detail"),
    path("verschieben/", meetings.meeting_move, name="meeting_move"),
    path("absagen/", meetings.meeting_cancel, name="meeting_cancel"),
    path("zusammenstellen/", meetings.assemble, name="agenda_assemble"),
    path("thema/", meetings.topic_add, name="topic_add"),
    path("punkt/", meetings.item_add, name="item_add"),
    path("anwesenheit/", meetings.attendance, name="attendance"),
    path("protokoll-abschliessen/", meetings.close_minutes, name="close_minutes"),
    path("beschluss/", meetings.decision_create, name="decision_create"),
    path("aufgabe/", meetings.action_create, name="action_create"),
    path("tagesordnung.pdf", meetings.agenda_pdf, name="agenda_pdf"),
    path("protokoll.pdf", meetings.minutes_pdf, name="minutes_pdf"),
    path("notizen/", meetings.meeting_notes, name="meeting_notes"),
]

# An agenda item's acts, under tagesordnungspunkte/<int:pk>/.
item_pages = [
    path("", meetings.item_detail, name="item_detail"),
    path("bearbeiten/", meetings.item_edit, name="item_edit"),
    path("hoch/", meetings.item_move, {"direction": "hoch"}, name="item_up"),
    path("runter/", meetings.item_move, {"direction": "runter"}, name="item_down"),
    path("entfernen/", meetings.item_remove, name="item_remove"),
    path("notiz/", meetings.item_note, name="item_note"),
]

# A committee series and its meetings to come, under gremien/<int:pk>/.
series_pages = [
    path("", series.series_detail, name="series_detail"),
    path("bearbeiten/", series.series_edit, name="series_edit"),
    path("erzeugen/", series.series_generate, name="series_generate"),
    path("sitzung/", series.series_extra_meeting, name="series_extra_meeting"),
    path("kalender.ics", feeds.series_feed, name="series_feed"),
]

# The calendar subscriptions and their feeds, under kalender/.
feed_pages = [
    path("", feeds.feed_settings, name="feed_settings"),
    path("neu/", feeds.feed_token_new, name="feed_token_new"),
    path("widerrufen/", feeds.feed_token_revoke, name="feed_token_revoke"),
    path("<str:token>/meine-gremien.ics", feeds.token_personal_feed, name="personal_feed"),
    path("<str:token>/gremien/<int:pk>.ics", feeds.token_series_feed, name="token_series_feed"),
]

# The programme's committees, reporting duties and decision log, under programme/<slug:slug>/.
programme_pages = [
    path("gremien/", series.series_list, name="series_list"),
    path("gremien/neu/", series.series_create, name="series_create"),
    path("gremien/erzeugen/", series.programme_generate, name="programme_generate"),
    path("berichtspflichten/", series.duties, name="duties"),
    path("beschluesse/", log.decision_log, name="decision_log"),
    path("beschluesse.xlsx", log.decision_log_xlsx, name="decision_log_xlsx"),
]

urlpatterns = [
    path("programme/<slug:slug>/", include(programme_pages)),
    path("berichtspflichten/<int:pk>/erfuellt/", series.duty_fulfil, name="duty_fulfil"),
    path("gremien/<int:pk>/", include(series_pages)),
    path("sitzungen/<int:pk>/", include(meeting_pages)),
    path("tagesordnungspunkte/<int:pk>/", include(item_pages)),
    path("aufgaben/<int:pk>/erledigt/", meetings.action_done, name="action_done"),
    path("beschluesse/<int:pk>/", log.decision_detail, name="decision_detail"),
    path("entscheidungsbedarfe/<int:pk>/", log.request_detail, name="request_detail"),
    path("kalender/", include(feed_pages)),
]
