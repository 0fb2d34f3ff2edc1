"""Reactions to the portfolio: generated meetings follow the programme's working-day
calendar (as regeneration corrects them; held, moved and cancelled ones stay)."""

from datetime import date
from datetime import timedelta
from typing import Any

from django.db.models import Max
from django.dispatch import receiver

from lotse.portfolio.models import Programme
from lotse.portfolio.signals import calendar_changed

from .models import Meeting
from .services import programme_meetings_generate


@receiver(calendar_changed, dispatch_uid="governance_meetings_follow_calendar")
def correct_meetings(sender: Any, programme: Programme, today: date, **kwargs: Any) -> None:
    last = Meeting.objects.filter(
        series__programme=programme, slot_date__isnull=False, date__gte=today
    ).aggregate(last=Max("slot_date"))["last"]
    if last is not None:
        # As far as meetings were already generated, plus the two weeks a holiday or a
        # blackout may push the last of them.
        programme_meetings_generate(
            programme=programme, until=last + timedelta(days=14), start=today
        )
