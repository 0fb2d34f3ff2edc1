"""The governance part of the Potsdam demo: six Gremien, meetings, minutes, duties."""

from datetime import time

from django.utils import timezone

from lotse.demo.loader import load_potsdam
from lotse.governance.agenda import further_topics
from lotse.governance.models import ActionItem
from lotse.governance.models import Decision
from lotse.governance.models import Meeting
from lotse.governance.models import MeetingSeries
from lotse.governance.models import ReportingDuty
from lotse.portfolio.workdays import calendar_for
from tests.demo import assert_loading_again_adds_nothing


def test_potsdam_gremien_meetings_minutes_and_duties(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    result = load_potsdam(password="lotse-demo")
    series = {s.name: s for s in MeetingSeries.objects.filter(programme=result.programme)}
    assert set(series) == {
        "Strategie-BK",
        "Transformationskonferenz",
        "Projektcheck",
        "PMO-Weekly",
        "Quartalskonferenz",
        "Soundingboard",
    }
    bk, tk = series["Strategie-BK"], series["Transformationskonferenz"]
    assert (bk.cadence, bk.duration_minutes, bk.chair.username) == ("quarterly", 30, "auftraggeber")
    assert bk.escalation_level == max(s.escalation_level for s in series.values())
    assert (tk.cadence, tk.interval_weeks, tk.chair.username, tk.moderator.username) == (
        "weeks",
        6,
        "auftraggeber",
        "programmleitung",
    )
    assert {"release_initiation", "accept_results", "cancel_project"} <= set(tk.powers)
    assert (
        series["Projektcheck"].cadence,
        series["Projektcheck"].duration_minutes,
        series["Projektcheck"].format,
    ) == ("monthly", 120, "digital")
    assert (series["PMO-Weekly"].cadence, series["PMO-Weekly"].duration_minutes) == ("weekly", 30)
    assert series["Quartalskonferenz"].duration_minutes == 240
    sb = series["Soundingboard"]
    assert (sb.cadence, sb.duration_minutes, sb.coupled_to) == (
        "half_yearly",
        150,
        series["Quartalskonferenz"],
    )
    today = timezone.localdate()
    # Working days in Brandenburg, none in the blackout 24.12.–01.01.
    programme = result.programme
    programme.refresh_from_db()
    assert (programme.holiday_region, programme.meeting_blackout) == ("BB", "24.12.–01.01.")
    calendar = calendar_for(programme)
    dates = list(Meeting.objects.values_list("date", flat=True))
    assert dates and all(calendar.is_working_day(d) for d in dates)
    assert (tk.weekday, tk.start_time) == (1, time(10, 0))  # Tuesday 10:00
    assert all(m.date.weekday() == 1 for m in tk.meetings.all() if m.date == m.slot_date)
    assert Meeting.objects.filter(series=tk, date__lt=today, status="held").exists()
    # The upcoming Transformationskonferenz: only what is due, and it fits its 90 minutes.
    upcoming = tk.meetings.filter(date__gte=today).order_by("date").first()
    items = list(upcoming.agenda_items.filter(removed=False))
    assert items and sum(i.minutes for i in items) <= upcoming.duration_minutes
    assert further_topics(upcoming, today)  # the other waiting projects, collapsed
    assert Meeting.objects.filter(series=tk, date__gte=today).exists()
    assert Decision.objects.filter(meeting__series=tk).exists()
    assert ActionItem.objects.filter(card__isnull=False).exists()
    assert ReportingDuty.objects.filter(programme=result.programme).count() == 5
    assert_loading_again_adds_nothing(
        Meeting.objects, Decision.objects, ReportingDuty.objects, MeetingSeries.history
    )
