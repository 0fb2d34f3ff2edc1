"""The small forms of the Gremien pages keep refused input: an extra meeting on the series
page and the fulfilment of a reporting duty stand in their fields again with the reason
beside them (and at the top, as before), once (lotse.drafts)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.governance import services
from lotse.governance.models import ReportingDuty
from tests.kept import messages_of
from tests.kept import shown_field

from .factories import make_duty

pytestmark = pytest.mark.django_db

ROOM = "Rathaus, Raum 3.025"


def test_a_refused_extra_meeting_keeps_what_was_typed_once(cast, tk):
    action = reverse("governance:series_extra_meeting", args=[tk.pk])
    client = cast.client("pmo")
    posted = {"date": "2026-03-12", "start_time": "14:00", "duration_minutes": "900"}
    response = client.post(action, {**posted, "location": ROOM}, follow=True)
    assert response.redirect_chain[-1][0] == tk.get_absolute_url()
    html = response.content.decode()
    minutes = shown_field(html, action, "duration_minutes")
    assert minutes.value == "900" and minutes.invalid and not minutes.folded
    assert minutes.errors == [
        "„Dauer (Minuten)“: Bitte geben Sie eine ganze Zahl zwischen 5 und 720 an."
    ]
    [message] = messages_of(response)
    assert minutes.errors[0] in message
    for name, value in {**posted, "location": ROOM}.items():
        assert shown_field(html, action, name).value == value
    assert not tk.meetings.exists()
    again = client.get(tk.get_absolute_url()).content.decode()
    minutes = shown_field(again, action, "duration_minutes")
    assert minutes.value != "900" and not minutes.errors and minutes.folded
    assert shown_field(again, action, "location").value != ROOM


def test_a_refused_fulfilment_keeps_what_was_typed_in_its_row_once(cast):
    duty = make_duty(cast.programme, timezone.localdate() + timedelta(days=20))
    other = make_duty(cast.programme, timezone.localdate() + timedelta(days=30), recipient="Rat")
    action = reverse("governance:duty_fulfil", args=[duty.pk])
    other_action = reverse("governance:duty_fulfil", args=[other.pk])
    page = reverse("governance:duties", args=[cast.programme.slug])
    client = cast.client("pmo")
    note = "Bericht an den Personalrat " + "x" * 1000
    response = client.post(action, {"fulfilled_on": "2025-03-01", "note": note}, follow=True)
    assert response.redirect_chain[-1][0] == page
    html = response.content.decode()
    kept = shown_field(html, action, "note")
    assert kept.value == note and kept.invalid and len(kept.errors) == 1
    [message] = messages_of(response)
    assert kept.errors[0] in message and "1000" in message
    assert shown_field(html, action, "fulfilled_on").value == "2025-03-01"
    assert not shown_field(html, action, "fulfilled_on").errors
    assert shown_field(html, other_action, "note").value == ""  # only in its own row
    again = client.get(page).content.decode()
    assert shown_field(again, action, "note").value == ""
    assert not shown_field(again, action, "note").errors
    assert shown_field(again, action, "fulfilled_on").value == timezone.localdate().isoformat()
    assert not ReportingDuty.objects.filter(last_fulfilled__isnull=False).exists()


@pytest.mark.parametrize("on_series", [True, False])
def test_a_refused_generate_date_stays_in_its_field_once(cast, tk, on_series):
    """The form that generates meetings, on a series' page and on the programme's Gremien."""
    slug = cast.programme.slug
    action, page = (
        (reverse("governance:series_generate", args=[tk.pk]), tk.get_absolute_url())
        if on_series
        else (
            reverse("governance:programme_generate", args=[slug]),
            reverse("governance:series_list", args=[slug]),
        )
    )
    client = cast.client("pmo")
    response = client.post(action, {"until": "9999-12-31"}, follow=True)
    assert response.redirect_chain[-1][0] == page
    until = shown_field(response.content.decode(), action, "until")
    assert until.value == "9999-12-31" and until.invalid
    [message] = messages_of(response)
    assert until.errors and until.errors[0] in message and "01.01.1900" in message
    again = shown_field(client.get(page).content.decode(), action, "until")
    assert again.value != "9999-12-31" and not again.errors
    assert not tk.meetings.exists()


def test_a_refused_note_stays_in_its_field_once(cast, tk, tk_meeting):
    """A Protokollnotiz with a control character (a vertical tab pasted from a word processor)
    was dropped without a word: now it says why, and the note stands in its field again -- an
    agenda item's (a row written in Python) and the meeting's general notes."""
    item = services.agenda_item_add(meeting=tk_meeting, data={"title": "Budget"})
    typed = "Budget reicht\x0bbis Juni."
    client = cast.client("pmo")
    for action, name in (
        (reverse("governance:item_note", args=[item.pk]), f"note-{item.pk}"),
        (reverse("governance:meeting_notes", args=[tk_meeting.pk]), "minutes-notes"),
    ):
        response = client.post(action, {"notes": typed}, follow=True)
        note = shown_field(response.content.decode(), action, "notes")
        assert note.value == typed and note.invalid, name
        assert len(note.errors) == 1
        [message] = messages_of(response)
        assert note.errors[0] in message and "Steuerzeichen" in message
        again = client.get(tk_meeting.get_absolute_url()).content.decode()
        assert shown_field(again, action, "notes").value == ""
        assert not shown_field(again, action, "notes").errors
    item.refresh_from_db()
    tk_meeting.refresh_from_db()
    assert item.notes == "" and tk_meeting.minutes_notes == ""
