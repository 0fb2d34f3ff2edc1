"""Every calendar feed, parsed by two independent parsers (icalendar and vobject): VTIMEZONE
for every TZID, UIDs on the installation's host, SEQUENCE rising with every change, and the
new feeds of dates and deadlines (per programme and "meine Termine und Fristen")."""

from datetime import date
from datetime import timedelta

import pytest
import vobject
from django.urls import reverse
from icalendar import Calendar

from lotse.finance.models import Deadline
from lotse.governance import services as governance
from lotse.planning.models import Gate
from lotse.planning.models import Phase
from tests.governance.factories import make_series
from tests.reporting.factories import MilestoneFactory
from tests.reporting.factories import ReportingPeriodFactory

HOST = "lotse.potsdam.example"


@pytest.fixture
def world(cast, settings):
    settings.LOTSE_BASE_URL = f"https://{HOST}/"
    series = make_series(
        cast.programme,
        name="Transformationskonferenz",
        first_date=date(2026, 1, 15),
        duration_minutes=90,
        chair=cast.users["sponsor"],
    )
    series.members.add(cast.users["project_lead"])
    governance.meetings_generate(series=series, start=date(2026, 1, 1), until=date(2026, 4, 30))
    milestone = MilestoneFactory(
        project=cast.project, title="Pilotbetrieb", planned_date=date(2026, 5, 4)
    )
    MilestoneFactory(project=cast.other_project, title="Fremder Meilenstein")
    period = ReportingPeriodFactory(
        programme=cast.programme, start=date(2026, 3, 1), end=date(2026, 3, 31)
    )
    deadline = Deadline.objects.create(
        programme=cast.programme,
        project=cast.project,
        kind="application",
        title="Förderantrag Digitalfonds",
        due_date=date(2026, 6, 30),
        consequence="Die Förderung entfällt.",
    )
    gate = Gate.objects.create(
        phase=Phase.objects.create(project=cast.project, name="Konzeption"),
        name="Freigabe Konzept",
        planned_on=date(2026, 4, 20),
    )
    secret = governance.calendar_token_create(user=cast.users["project_lead"])
    return {
        "cast": cast,
        "series": series,
        "milestone": milestone,
        "period": period,
        "deadline": deadline,
        "gate": gate,
        "secret": secret,
    }


def _feeds(world) -> dict[str, tuple[str, str]]:
    """name → (role of the signed-in client, URL)."""
    secret, slug = world["secret"], world["cast"].programme.slug
    pk = world["series"].pk
    return {
        "Gremium": ("viewer", reverse("governance:series_feed", args=[pk])),
        "Gremium (Token)": (
            "anonymous",
            reverse("governance:token_series_feed", args=[secret, pk]),
        ),
        "Meine Gremien": ("anonymous", reverse("governance:personal_feed", args=[secret])),
        "Programm": ("pmo", reverse("calendars:programme_feed", args=[slug])),
        "Programm (Token)": (
            "anonymous",
            reverse("calendars:token_programme_feed", args=[secret, slug]),
        ),
        "Meine Termine": ("anonymous", reverse("calendars:personal_feed", args=[secret])),
    }


def _both_parsers(content: bytes) -> tuple[Calendar, list]:
    """The feed read by icalendar and by vobject; both must see the same events."""
    calendar = Calendar.from_ical(content)
    parsed = vobject.readOne(content.decode("utf-8"))
    events = list(getattr(parsed, "vevent_list", []))
    assert len(events) == len(calendar.walk("VEVENT"))
    assert {e.uid.value for e in events} == {str(e["UID"]) for e in calendar.walk("VEVENT")}
    return calendar, events


def _tzids(calendar: Calendar) -> set[str]:
    found = set()
    for event in calendar.walk("VEVENT"):
        for name in ("DTSTART", "DTEND"):
            if name in event and "TZID" in event[name].params:
                found.add(event[name].params["TZID"])
    return found


def test_every_feed_parses_with_two_parsers_and_has_its_vtimezone(world):
    cast = world["cast"]
    seen = {}
    for name, (role, url) in _feeds(world).items():
        response = cast.client(role).get(url)
        assert response.status_code == 200, name
        assert response["Content-Type"].startswith("text/calendar"), name
        calendar, events = _both_parsers(response.content)
        assert events, name
        timezones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
        assert _tzids(calendar) <= timezones, name
        uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
        assert len(uids) == len(set(uids)), name
        assert all(uid.endswith(f"@{HOST}") for uid in uids), name
        for event in calendar.walk("VEVENT"):
            assert "DTSTAMP" in event and "SEQUENCE" in event, name
        seen[name] = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert "Europe/Berlin" in _tzids(
        Calendar.from_ical(cast.client("viewer").get(_feeds(world)["Gremium"][1]).content)
    )
    programme = seen["Programm"]
    assert "Meilenstein: Pilotbetrieb (Kommunalportal)" in programme
    assert "Meilenstein: Fremder Meilenstein (Beteiligungsportal)" in programme
    assert "Frist: Förderantrag Digitalfonds" in programme
    assert "Phasentor: Freigabe Konzept – Kommunalportal" in programme
    assert any(s.startswith("Statusberichte fällig") for s in programme)
    mine = seen["Meine Termine"]
    assert "Transformationskonferenz" in mine  # the meetings of their Gremium
    assert "Meilenstein: Pilotbetrieb (Kommunalportal)" in mine  # the project they lead
    assert "Meilenstein: Fremder Meilenstein (Beteiligungsportal)" not in mine
    assert "Frist: Förderantrag Digitalfonds" in mine


def test_dates_are_all_day_events(world):
    content = world["cast"].client("pmo").get(_feeds(world)["Programm"][1]).content
    calendar = Calendar.from_ical(content)
    pilot = next(e for e in calendar.walk("VEVENT") if "Pilotbetrieb" in str(e["SUMMARY"]))
    assert pilot.decoded("DTSTART") == date(2026, 5, 4)
    assert pilot.decoded("DTEND") == date(2026, 5, 5)
    assert "VALUE=DATE" in pilot.to_ical().decode()


def _sequence(world, feed: str, uid: str) -> tuple[int, str]:
    role, url = _feeds(world)[feed]
    calendar, _events = _both_parsers(world["cast"].client(role).get(url).content)
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == uid)
    return int(event["SEQUENCE"]), str(event["STATUS"])


def test_sequence_rises_with_every_change_a_cancellation_included(world):
    meeting = world["series"].meetings.order_by("date").first()
    before, status = _sequence(world, "Gremium", meeting.uid)
    assert status == "CONFIRMED"
    governance.meeting_move(
        meeting=meeting, new_date=meeting.date + timedelta(days=1), reason="Raum belegt"
    )
    moved, _status = _sequence(world, "Gremium", meeting.uid)
    governance.meeting_cancel(meeting=meeting, reason="Ferien")
    cancelled, status = _sequence(world, "Gremium", meeting.uid)
    assert before < moved < cancelled and status == "CANCELLED"

    milestone = world["milestone"]
    uid = f"lotse-milestone-{milestone.pk}@{HOST}"
    first, _status = _sequence(world, "Programm", uid)
    milestone.forecast_date = date(2026, 5, 18)
    milestone.save()
    assert _sequence(world, "Programm", uid)[0] == first + 1


def test_token_feeds_answer_only_for_a_valid_token_and_readable_programme(world):
    cast = world["cast"]
    slug = cast.programme.slug
    anonymous = cast.client("anonymous")
    assert anonymous.get(reverse("calendars:personal_feed", args=["falsch"])).status_code == 404
    assert anonymous.get(reverse("calendars:programme_feed", args=[slug])).status_code == 302
    outsider = governance.calendar_token_create(user=cast.users["outsider"])
    url = reverse("calendars:token_programme_feed", args=[outsider, slug])
    assert anonymous.get(url).status_code == 404


def test_a_date_on_the_last_day_of_the_calendar_is_still_an_event():
    """31.12.9999 has no next day for DTEND: the event is written without it (one day long
    by RFC 5545) instead of the feed answering 500."""
    from datetime import date

    from icalendar import Calendar

    from lotse.documents.ical import all_day_event
    from lotse.documents.ical import calendar_bytes
    from lotse.documents.ical import new_calendar

    calendar = new_calendar("Test")
    calendar.add_component(
        all_day_event(kind="milestone", pk=1, day=date.max, summary="Ende", sequence=0)
    )
    parsed = Calendar.from_ical(calendar_bytes(calendar))
    event = next(iter(parsed.walk("VEVENT")))
    assert event.decoded("dtstart") == date.max
    assert "DTEND" not in event
