"""iCalendar feeds (RFC 5545) of meetings, built with the `icalendar` package through
lotse/documents/ical.py (VTIMEZONE, PRODID, UID host).

A meeting's UID depends only on its primary key and the installation's host, so calendar apps
update the same event when a meeting is moved and show it as cancelled (STATUS:CANCELLED)
instead of losing it; SEQUENCE is the meeting's version, raised by every change.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from datetime import UTC
from datetime import datetime

from django.db.models import Q
from django.db.models import QuerySet
from icalendar import Event

from lotse.documents import ical
from lotse.http import AnyUser

from .models import Meeting
from .models import MeetingSeries


def meeting_event(meeting: Meeting, url: str) -> Event:
    event = Event()
    event.add("uid", meeting.uid)
    event.add("summary", meeting.series.name)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("dtstamp", datetime.now(UTC).replace(microsecond=0))
    event.add("sequence", meeting.version)
    if meeting.location:
        event.add("location", meeting.location)
    description = [meeting.series.get_format_display()]
    if meeting.change_reason:
        description.append(meeting.change_reason)
    event.add("description", "\n".join(description))
    event.add("url", url)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    return event


def build_calendar(name: str, meetings: Iterable[Meeting], absolute: Callable[[str], str]) -> bytes:
    """`absolute` turns a path into a full URL for the events' links."""
    calendar = ical.new_calendar(name)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, absolute(meeting.get_absolute_url())))
    return ical.calendar_bytes(calendar)


def series_meetings(series: MeetingSeries) -> QuerySet[Meeting]:
    return series.meetings.select_related("series").order_by("date", "start_time", "pk")


def personal_meetings(user: AnyUser) -> QuerySet[Meeting]:
    """Meetings of every series the user sits in, chairs or moderates."""
    series = MeetingSeries.objects.filter(
        Q(members=user) | Q(chair=user) | Q(moderator=user)
    ).values("pk")
    return (
        Meeting.objects.filter(series__in=series)
        .select_related("series")
        .order_by("date", "start_time", "pk")
    )
