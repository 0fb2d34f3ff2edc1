"""Reactions to the portfolio: a new programme gets its reporting periods; report due dates
follow the programme's working-day calendar."""

from datetime import date
from typing import Any

from django.dispatch import receiver

from lotse.portfolio.models import Programme
from lotse.portfolio.signals import calendar_changed
from lotse.portfolio.signals import programme_created

from .periods import due_dates_recompute
from .periods import ensure_periods


@receiver(calendar_changed, dispatch_uid="reporting_due_dates_follow_calendar")
def recompute_due_dates(sender: Any, programme: Programme, today: date, **kwargs: Any) -> None:
    due_dates_recompute(programme, today)


@receiver(programme_created, dispatch_uid="reporting_periods_for_new_programme")
def periods_for_new_programme(
    sender: Any, programme: Programme, today: date, **kwargs: Any
) -> None:
    """A new programme gets its rhythm and its periods up to today at once (pages that show
    periods only read them)."""
    ensure_periods(programme, today)
