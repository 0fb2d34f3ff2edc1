"""The working-day calendar: weekdays, public holidays of the Bundesland, blackout periods,
correcting generated meetings, and report due dates that skip holidays."""

from datetime import date
from datetime import time
from datetime import timedelta

import holidays
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lotse.governance import cadence
from lotse.governance import services
from lotse.governance.models import Meeting
from lotse.portfolio.models import Programme
from lotse.portfolio.workdays import WorkCalendar
from lotse.portfolio.workdays import calendar_for
from lotse.portfolio.workdays import parse_blackout
from lotse.reporting.periods import ensure_periods
from tests.reporting.factories import ReportingConfigFactory

from ..api.conftest import call
from .conftest import make_series
from .conftest import meeting_of

pytestmark = pytest.mark.django_db


def _brandenburg(programme, blackout: str = "") -> Programme:
    Programme.objects.filter(pk=programme.pk).update(holiday_region="BB", meeting_blackout=blackout)
    programme.refresh_from_db()
    return programme


# --- the calendar -------------------------------------------------------------------------


def test_calendar_knows_the_holidays_of_the_bundesland():
    reformation = date(2025, 10, 31)  # a Friday; a holiday in Brandenburg, not in Baden-W.
    assert not WorkCalendar(region="BB").is_working_day(reformation)
    assert WorkCalendar(region="BW").is_working_day(reformation)
    assert not WorkCalendar(region="BW").is_working_day(date(2025, 1, 6))  # Hl. Drei Könige
    assert WorkCalendar(region="BB").is_working_day(date(2025, 1, 6))
    assert not WorkCalendar().is_working_day(date(2025, 10, 3))  # nationwide
    assert not WorkCalendar().is_working_day(date(2025, 10, 4))  # Saturday
    assert WorkCalendar(region="BB").why_not(reformation) == "Feiertag: Reformationstag"


def test_blackout_wraps_over_new_year_and_bad_text_is_named():
    calendar = WorkCalendar(blackout=tuple(parse_blackout("24.12.–01.01.; 14.08.-15.08.")))
    assert calendar.in_blackout(date(2025, 12, 29)) and calendar.in_blackout(date(2026, 1, 1))
    assert calendar.in_blackout(date(2025, 8, 15))
    assert not calendar.in_blackout(date(2025, 12, 23)) and calendar.is_working_day(
        date(2026, 1, 2)
    )
    with pytest.raises(ValidationError) as exc:
        parse_blackout("24.12.–01.01.; Weihnachten")
    assert "„Weihnachten“ ist kein Zeitraum" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        parse_blackout("31.02.-01.03.")
    assert "31.02." in exc.value.messages[0]


def test_monthly_slots_keep_the_ordinal_weekday():
    # First meeting on the second Tuesday of January 2026: every second Tuesday after it.
    days = cadence.slots("monthly", date(2026, 1, 13), date(2026, 1, 1), date(2026, 4, 30), 1, 1)
    assert days == [date(2026, 1, 13), date(2026, 2, 10), date(2026, 3, 10), date(2026, 4, 14)]
    assert all(d.weekday() == 1 for d in days)


# --- generating meetings ------------------------------------------------------------------


def test_generated_meetings_never_fall_on_weekend_or_holiday(cast):
    programme = _brandenburg(cast.programme)
    reference = holidays.Germany(subdiv="BB", years=range(2025, 2028))
    for weekday in range(5):
        series = make_series(
            programme,
            name=f"Weekly {weekday}",
            cadence="weekly",
            first_date=date(2025, 1, 1),
            weekday=weekday,
        )
        services.meetings_generate(series=series, start=date(2025, 1, 1), until=date(2027, 12, 31))
        days = list(series.meetings.values_list("date", flat=True))
        assert len(days) > 140
        assert all(d.weekday() < 5 and d not in reference for d in days)


def test_holiday_moves_to_next_or_previous_working_day(cast):
    programme = _brandenburg(cast.programme)
    values = {"cadence": "weekly", "first_date": date(2025, 10, 24), "weekday": 4}
    after = make_series(programme, name="Danach", **values)
    before = make_series(programme, name="Davor", non_working_day_rule="previous", **values)
    for series in (after, before):
        services.meetings_generate(series=series, start=date(2025, 10, 20), until=date(2025, 11, 9))
    # Friday 31.10.2025 is Reformationstag in Brandenburg.
    assert list(after.meetings.values_list("date", flat=True)) == [
        date(2025, 10, 24),
        date(2025, 11, 3),
        date(2025, 11, 7),
    ]
    assert list(before.meetings.values_list("date", flat=True)) == [
        date(2025, 10, 24),
        date(2025, 10, 30),
        date(2025, 11, 7),
    ]


def test_blackout_is_respected_and_no_meeting_doubles(cast):
    programme = _brandenburg(cast.programme, blackout="24.12.–01.01.")
    series = make_series(
        programme, cadence="weekly", first_date=date(2025, 12, 1), weekday=2, start_time=time(9)
    )
    services.meetings_generate(series=series, start=date(2025, 12, 1), until=date(2026, 1, 14))
    days = list(series.meetings.values_list("date", flat=True))
    # Wednesdays 24.12. and 31.12. fall into the blackout: one meeting on Friday 02.01.
    assert days == [
        date(2025, 12, 3),
        date(2025, 12, 10),
        date(2025, 12, 17),
        date(2026, 1, 2),
        date(2026, 1, 7),
        date(2026, 1, 14),
    ]


def test_regeneration_corrects_only_untouched_future_meetings(cast):
    programme = _brandenburg(cast.programme)
    series = make_series(programme, cadence="weekly", first_date=date(2025, 1, 6), weekday=0)
    sunday = date(2026, 3, 1)
    # As an earlier version generated them: on Sundays (slot = date).
    past = meeting_of(series, date(2026, 2, 22))
    untouched = meeting_of(series, sunday)
    held = meeting_of(series, sunday + timedelta(days=7), status=Meeting.Status.HELD)
    cancelled = meeting_of(series, sunday + timedelta(days=14), status=Meeting.Status.CANCELLED)
    moved = meeting_of(series, sunday + timedelta(days=21))
    Meeting.objects.filter(pk=moved.pk).update(moved=True, moved_from=sunday)
    services.agenda_item_add(meeting=untouched, data={"title": "Vorbereitet", "minutes": 5})
    result = services.meetings_generate(
        series=series, start=date(2026, 2, 25), until=date(2026, 3, 31)
    )
    for meeting in (past, untouched, held, cancelled, moved):
        meeting.refresh_from_db()
    # The untouched one takes the nearest Monday slot and keeps its agenda.
    assert untouched.date == date(2026, 3, 2) and untouched.date.weekday() == 0
    assert untouched.agenda_items.count() == 1
    assert untouched.history.first().history_change_reason == (
        "an den Arbeitstagekalender angepasst"
    )
    assert past.date == date(2026, 2, 22)  # the past is not rewritten
    assert (held.date, cancelled.date, moved.date) == (
        sunday + timedelta(days=7),
        sunday + timedelta(days=14),
        sunday + timedelta(days=21),
    )
    assert result.corrected == 1
    future = series.meetings.filter(date__gte=date(2026, 2, 25), status=Meeting.Status.PLANNED)
    assert all(m.date.weekday() == 0 for m in future.exclude(pk=moved.pk))
    again = services.meetings_generate(
        series=series, start=date(2026, 2, 25), until=date(2026, 3, 31)
    )
    assert (again.created, again.corrected, again.removed) == (0, 0, 0)


def test_changed_weekday_corrects_planned_meetings(cast):
    series = make_series(cast.programme, cadence="weekly", first_date=date(2026, 3, 2), weekday=0)
    services.meetings_generate(series=series, start=date(2026, 3, 1), until=date(2026, 3, 31))
    services.meeting_series_save(
        series=series, data={"weekday": 3}, expected_version=series.version
    )
    result = services.meetings_generate(
        series=series, start=date(2026, 3, 1), until=date(2026, 3, 31)
    )
    assert result.corrected + result.removed + result.created > 0
    days = list(series.meetings.order_by("date").values_list("date", flat=True))
    assert days == [date(2026, 3, 5), date(2026, 3, 12), date(2026, 3, 19), date(2026, 3, 26)]


def test_generate_page_reports_corrections(cast):
    programme = _brandenburg(cast.programme)
    series = make_series(programme, cadence="weekly", first_date=date(2026, 1, 5), weekday=0)
    meeting_of(series, date(2030, 3, 3))  # a Sunday, far ahead
    response = cast.client("pmo").post(
        reverse("governance:series_generate", args=[series.pk]),
        {"until": "2030-03-10"},
        follow=True,
    )
    assert "auf einen Arbeitstag korrigiert" in response.content.decode()
    assert not series.meetings.filter(date=date(2030, 3, 3)).exists()


def test_series_page_and_form_show_weekday_and_rule(cast, tk):
    _brandenburg(cast.programme, blackout="24.12.–01.01.")
    page = cast.client("viewer").get(tk.get_absolute_url()).content.decode()
    assert "Donnerstag" in page  # first date 09.01.2025
    assert "Feiertage: Brandenburg" in page and "24.12.–01.01." in page
    form = cast.client("pmo").get(reverse("governance:series_edit", args=[tk.pk]))
    assert 'name="weekday"' in form.content.decode()
    assert 'name="non_working_day_rule"' in form.content.decode()


def test_api_programme_sets_bundesland_and_refuses_bad_blackout(cast):
    client = cast.client("pmo")
    version = Programme.objects.get(pk=cast.programme.pk).version
    ok = call(
        client,
        "PATCH",
        "/programmes/potsdam",
        {"version": version, "holiday_region": "BW", "meeting_blackout": "24.12.–01.01."},
    )
    assert ok.status_code == 200, ok.content
    assert ok.json()["holiday_region"] == "BW"
    assert calendar_for(Programme.objects.get(pk=cast.programme.pk)).region == "BW"
    bad = call(
        client,
        "PATCH",
        "/programmes/potsdam",
        {"version": ok.json()["version"], "meeting_blackout": "Weihnachten"},
    )
    assert bad.status_code == 422
    assert "Weihnachten" in str(bad.json())
    unknown = call(client, "PATCH", "/programmes/potsdam", {"version": 1, "holiday_region": "XX"})
    assert unknown.status_code == 422
    assert Programme.objects.get(pk=cast.programme.pk).meeting_blackout == "24.12.–01.01."


# --- report due dates ---------------------------------------------------------------------


def test_report_due_dates_skip_public_holidays(cast):
    ReportingConfigFactory(
        programme=cast.programme, first_period_start=date(2025, 5, 1), due_working_days=5
    )
    period = ensure_periods(cast.programme, date(2025, 5, 15))[-1]
    # Back from Saturday 31.05.: 30., (29. Christi Himmelfahrt), 28., 27., 26., 23.
    assert period.due_date == date(2025, 5, 23)


def test_report_due_dates_use_the_bundesland(cast):
    _brandenburg(cast.programme)
    ReportingConfigFactory(
        programme=cast.programme,
        cadence="weeks",
        period_weeks=1,
        first_period_start=date(2025, 10, 27),
        due_working_days=2,
    )
    period = ensure_periods(cast.programme, date(2025, 10, 28))[-1]
    # Back from Sunday 02.11.: (31.10. Reformationstag in Brandenburg), 30.10., 29.10.
    assert period.end == date(2025, 11, 2)
    assert period.due_date == date(2025, 10, 29)


def test_konstanz_demo_uses_the_holidays_of_baden_wuerttemberg(db):
    from lotse.demo.konstanz import ensure_konstanz

    programme = ensure_konstanz()
    assert programme.holiday_region == "BW"
    # Fronleichnam 2026 (04.06.) is a holiday in Baden-Württemberg.
    assert not calendar_for(programme).is_working_day(date(2026, 6, 4))
