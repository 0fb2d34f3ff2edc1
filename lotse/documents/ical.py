"""iCalendar (RFC 5545) feeds: the one place that makes a VCALENDAR.

Every feed gets a VTIMEZONE for each TZID its events use (RFC 5545 §3.6.5; icalendar builds
it from the zoneinfo database), a PRODID, and event UIDs whose host part is the installation's
own address (LOTSE_BASE_URL), so that two Lotse installations never give two events the same
UID. SEQUENCE comes from the object's version (or its number of recorded changes) and so
rises with every change, a cancellation included.
"""

from collections.abc import Iterable
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from urllib.parse import urlparse

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar
from icalendar import Event

PRODID = "-//Lotse//Termine und Fristen//DE"
ICS_MIME = "text/calendar; charset=utf-8"


def feed_response(body: bytes, filename: str) -> HttpResponse:
    """A calendar feed to subscribe to: shown inline, never cached by others (the address may
    carry a person's secret token)."""
    response = HttpResponse(body, content_type=ICS_MIME)
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


def uid_host() -> str:
    """The host of LOTSE_BASE_URL ("lotse.potsdam.de"), "localhost" when it has none."""
    return urlparse(settings.LOTSE_BASE_URL).hostname or "localhost"


def uid(kind: str, pk: object) -> str:
    return f"lotse-{kind}-{pk}@{uid_host()}"


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def all_day_event(
    *,
    kind: str,
    pk: object,
    day: date,
    summary: str,
    sequence: int,
    description: str = "",
    url: str = "",
    categories: Iterable[str] = (),
    cancelled: bool = False,
) -> Event:
    """A date without a time (a milestone, a due date): DTSTART;VALUE=DATE, one day long."""
    event = Event()
    event.add("uid", uid(kind, pk))
    event.add("dtstamp", datetime.now(UTC).replace(microsecond=0))
    event.add("dtstart", day)
    if day < date.max:
        event.add("dtend", day + timedelta(days=1))
    # On 31.12.9999 there is no next day: without DTEND a date event lasts one day anyway
    # (RFC 5545, 3.6.1).
    event.add("summary", summary)
    event.add("sequence", max(int(sequence), 0))
    event.add("transp", "TRANSPARENT")  # a deadline does not block the day
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    categories = [c for c in categories if c]
    if categories:
        event.add("categories", categories)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def calendar_bytes(calendar: Calendar) -> bytes:
    """The feed, with a VTIMEZONE for every TZID its events use."""
    calendar.add_missing_timezones()
    return calendar.to_ical()
