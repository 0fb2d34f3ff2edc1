"""Reactions to the portfolio: report due dates follow the programme's working-day calendar."""

from datetime import date
from typing import Any

from django.dispatch import receiver

from lotse.portfolio.models import Programme
from lotse.portfolio.signals import calendar_changed

from .periods import due_dates_recompute


@receiver(calendar_changed, dispatch_uid="reporting_due_dates_follow_calendar")
def recompute_due_dates(sender: Any, programme: Programme, today: date, **kwargs: Any) -> None:
    due_dates_recompute(programme, today)
