"""Two people acting on the same series or meeting at once: real concurrent transactions on
PostgreSQL, one after the other on SQLite (see tests/concurrency.py)."""

from datetime import date

import pytest

from lotse.governance import services
from lotse.governance.models import AgendaItem
from lotse.governance.models import Attendance
from lotse.governance.models import Meeting
from tests.concurrency import at_once

from .conftest import meeting_of
from .factories import make_series

pytestmark = pytest.mark.django_db(transaction=True)


def test_generating_a_series_twice_at_once_creates_each_meeting_once(cast):
    series = make_series(cast.programme, cadence="monthly", first_date=date(2025, 1, 31))

    def generate() -> None:
        services.meetings_generate(series=series, start=date(2025, 1, 1), until=date(2025, 4, 30))

    errors = at_once([generate, generate], pause_at=(Meeting.objects, "create"))

    assert errors == []
    slots = list(series.meetings.order_by("slot_date").values_list("slot_date", flat=True))
    assert slots == [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 28), date(2025, 4, 25)]


def test_two_minute_takers_recording_attendance_at_once(cast):
    meeting = meeting_of(make_series(cast.programme))
    member = cast.users["member"]

    def present() -> None:
        services.attendance_set(meeting=meeting, people={member: "present"})

    def excused() -> None:
        services.attendance_set(meeting=meeting, people={member: "excused"})

    errors = at_once([present, excused], pause_at=(Attendance.objects, "create"))

    assert errors == []
    assert meeting.attendances.filter(user=member).count() == 1


def test_two_items_added_at_once_get_their_own_places(cast):
    meeting = meeting_of(make_series(cast.programme))

    def add(title: str):
        return lambda: services.agenda_item_add(meeting=meeting, data={"title": title})

    errors = at_once([add("Haushalt"), add("Personal")], pause_at=(AgendaItem, "save"))

    assert errors == []
    positions = sorted(meeting.agenda_items.values_list("position", flat=True))
    assert positions == [0, 1]
