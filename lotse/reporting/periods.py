"""Reporting periods: generated from the programme's rhythm, with their due dates."""

from datetime import date
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from lotse.hygiene import clamp_date
from lotse.portfolio.models import Programme
from lotse.portfolio.workdays import WorkCalendar
from lotse.portfolio.workdays import calendar_for

from .models import ReportingConfig
from .models import ReportingPeriod


def config_for(programme: Programme, until: date | None = None) -> ReportingConfig:
    """The programme's rhythm, read only: the stored one, or the default (monthly from the
    programme's start) as an unsaved instance if nobody set one yet."""
    config = getattr(programme, "reporting_config", None)
    if config is None:
        start = programme.start_date or (until or timezone.localdate()).replace(day=1)
        config = ReportingConfig(programme=programme, first_period_start=start.replace(day=1))
    return config


def default_config(programme: Programme, until: date | None = None) -> ReportingConfig:
    """The programme's rhythm, stored (created with the default if nobody set one)."""
    config = config_for(programme, until)
    if config.pk is None:
        # Inserted unless there is one (then read): two requests storing the programme's
        # first rhythm at once would otherwise both find none and the second insert would
        # break the one-rhythm-per-programme constraint, a 500 after the first had committed.
        ReportingConfig.objects.bulk_create([config], ignore_conflicts=True)
        config = ReportingConfig.objects.get(programme_id=programme.pk)
        programme.reporting_config = config
    return config


def working_days_before(day: date, count: int, calendar: WorkCalendar | None = None) -> date:
    """`count` working days before `day`: weekends and the public holidays of the
    programme's Bundesland (`calendar`; nationwide ones without) are skipped."""
    return (calendar or WorkCalendar()).working_days_before(day, count)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def period_bounds(config: ReportingConfig, index: int) -> tuple[date, date]:
    """Start and end of the period number `index` (0 = the first)."""
    first = clamp_date(config.first_period_start)
    if config.cadence == ReportingConfig.Cadence.MONTHLY:
        start = _add_months(first.replace(day=1), index)
        return start, _add_months(start, 1) - timedelta(days=1)
    length = timedelta(weeks=config.period_weeks)
    start = first + index * length
    return start, start + length - timedelta(days=1)


_PERIODS_OF = (
    'SELECT id, programme_id, start, "end", due_date FROM reporting_reportingperiod'
    " WHERE programme_id = %s"
)


def periods_until(programme: Programme, until: date) -> list[ReportingPeriod]:
    """All periods up to the one containing `until`, read only (a GET never writes).

    Periods the rhythm has but nobody stored yet come back unsaved (`pk` None, no reports
    can belong to them); `ensure_periods` stores them. Periods before the rhythm's start
    (from an earlier rhythm) are kept as they are.
    """
    config = config_for(programme, until)
    if programme.end_date:
        # A programme that has ended reports no more (Konstanz ran until 12/2021).
        until = min(until, programme.end_date)
    calendar = calendar_for(programme)
    existing = (
        # Written out and unordered (sorted by start below): the ORM spent more time composing
        # this on every cockpit request than the database reading it, and the default
        # ordering joins the programme.
        {p.start: p for p in ReportingPeriod.objects.raw(_PERIODS_OF, [programme.pk])}
        if programme.pk
        else {}
    )
    first = clamp_date(config.first_period_start)
    periods = [p for start, p in sorted(existing.items()) if start < first]

    def period_at(start: date, end: date) -> ReportingPeriod:
        return existing.get(start) or ReportingPeriod(
            programme=programme,
            start=start,
            end=end,
            due_date=working_days_before(end, config.due_working_days, calendar),
        )

    index = 0
    start, end = period_bounds(config, index)
    while start <= until:
        periods.append(period_at(start, end))
        index += 1
        start, end = period_bounds(config, index)
    if not periods:
        # The rhythm starts after `until`: its first period is the one coming up.
        periods.append(period_at(*period_bounds(config, 0)))
    return periods


@transaction.atomic
def ensure_periods(programme: Programme, until: date) -> list[ReportingPeriod]:
    """All periods up to the one containing `until`, storing the missing ones (a service:
    called when the rhythm is saved, a programme is created, the demo is loaded, by the
    daily `send_reminders` run and by the POSTs that need the current period)."""
    default_config(programme, until)
    periods = periods_until(programme, until)
    missing = [period for period in periods if period.pk is None]
    if missing:
        # Inserted unless stored meanwhile, then read again: two requests storing a new period
        # at once (two leads starting their reports on its first day) would otherwise both
        # find it missing and the second insert would break the one-period-per-start
        # constraint, a 500 for the second lead.
        ReportingPeriod.objects.bulk_create(missing, ignore_conflicts=True)
        periods = periods_until(programme, until)
    return periods


def current_period(programme: Programme, today: date) -> ReportingPeriod:
    """The period whose Projektcheck is next (the one containing `today`)."""
    return ensure_periods(programme, today)[-1]


@transaction.atomic
def due_dates_recompute(programme: Programme, today: date) -> int:
    """Compute the due dates of the periods still to come again (after the programme's
    working-day calendar changed); past due dates stay as they were. Returns how many moved."""
    config = getattr(programme, "reporting_config", None)
    if config is None:
        return 0
    calendar = calendar_for(programme)
    moved = 0
    for period in ReportingPeriod.objects.filter(programme=programme, due_date__gte=today):
        wanted = working_days_before(period.end, config.due_working_days, calendar)
        if wanted != period.due_date and wanted >= today:
            period.due_date = wanted
            period.save(update_fields=["due_date"])
            moved += 1
    return moved
