"""Changing the programme's Bundesland (or blackout) moves what was computed from the old
calendar for the future: report due dates and generated meetings. The past stays."""

from datetime import date
from datetime import time
from datetime import timedelta

import pytest
from django.utils import timezone

from lotse.governance.models import Meeting
from lotse.portfolio.services import programme_update
from lotse.portfolio.workdays import calendar_for
from lotse.reporting.models import ReportingPeriod
from lotse.reporting.periods import ensure_periods
from lotse.reporting.periods import working_days_before
from tests.reporting.factories import ReportingConfigFactory

from .conftest import make_series
from .conftest import meeting_of

pytestmark = pytest.mark.django_db


def _change_region(programme, region: str) -> None:
    programme.refresh_from_db()
    programme_update(programme=programme, data={"holiday_region": region}, expected_version=None)
    programme.refresh_from_db()


def test_changing_the_bundesland_recomputes_future_report_due_dates(cast):
    today = timezone.localdate()
    config = ReportingConfigFactory(
        programme=cast.programme, first_period_start=today.replace(day=1) - timedelta(days=400)
    )
    ensure_periods(cast.programme, today + timedelta(days=3 * 365))
    past = {
        p.pk: p.due_date
        for p in ReportingPeriod.objects.filter(programme=cast.programme, due_date__lt=today)
    }
    _change_region(cast.programme, "BY")  # Bayern: the most public holidays
    calendar = calendar_for(cast.programme)
    future = ReportingPeriod.objects.filter(programme=cast.programme, due_date__gte=today)
    wanted = {p.pk: working_days_before(p.end, config.due_working_days, calendar) for p in future}
    for period in future:
        if wanted[period.pk] >= today:
            assert period.due_date == wanted[period.pk], period
    for period in future:
        assert calendar.is_working_day(period.due_date), period
    # The past is history: those due dates stay.
    assert {p.pk: p.due_date for p in ReportingPeriod.objects.filter(pk__in=past)} == past


def test_a_bundesland_holiday_moves_a_due_date_that_fell_on_it(cast):
    today = timezone.localdate()
    ReportingConfigFactory(programme=cast.programme, first_period_start=today.replace(day=1))
    ensure_periods(cast.programme, today + timedelta(days=5 * 365))
    calendar_before = calendar_for(cast.programme)  # nationwide holidays only
    _change_region(cast.programme, "BY")
    calendar_after = calendar_for(cast.programme)
    due = list(
        ReportingPeriod.objects.filter(programme=cast.programme, due_date__gte=today).values_list(
            "due_date", flat=True
        )
    )
    assert all(calendar_after.is_working_day(day) for day in due)
    # Some due date of the old calendar was a Bavarian holiday, so something really moved.
    old = [
        working_days_before(p.end, p.programme.reporting_config.due_working_days, calendar_before)
        for p in ReportingPeriod.objects.filter(programme=cast.programme, due_date__gte=today)
    ]
    assert old != due


def test_changing_the_bundesland_corrects_future_generated_meetings_only(cast):
    today = timezone.localdate()
    # A future generated meeting on a day that becomes a holiday: 01.11. in Bayern.
    holiday = date(today.year + 1, 11, 1)
    while holiday.weekday() >= 5:
        holiday = date(holiday.year + 1, 11, 1)
    series = make_series(cast.programme, cadence="weekly", first_date=holiday - timedelta(weeks=80))
    generated = meeting_of(series, holiday, slot_date=holiday)
    extra = meeting_of(series, holiday, slot_date=None)  # not generated: stays
    past = meeting_of(series, today - timedelta(days=7), slot_date=today - timedelta(days=7))
    _change_region(cast.programme, "BY")
    generated.refresh_from_db()
    assert generated.date != holiday
    assert calendar_for(cast.programme).is_working_day(generated.date)
    extra.refresh_from_db()
    past.refresh_from_db()
    assert extra.date == holiday
    assert past.date == today - timedelta(days=7)
    assert series.start_time == time(10, 0)
    assert not Meeting.objects.filter(series=series, date__gt=holiday + timedelta(days=21)).exists()
