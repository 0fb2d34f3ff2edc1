"""Reminders to key-result owners whose last check-in is too old (run by `send_reminders`).

A key result of an active quarter is "quiet" when its last check-in (or, without one, its
creation) lies more than `OkrSettings.checkin_reminder_days` days (default 14) back. Its owner
gets one e-mail per quiet spell: `CheckInReminderLog` records (key result, recipient, quiet
since), so reruns send nothing twice, and a new check-in starts a new spell. Each mail is sent
in its own transaction; a failed mail leaves no log entry and is tried again next run.
"""

from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from lotse.accounts.notifications import opted_out
from lotse.mail import base_url
from lotse.mail import rendered
from lotse.mail import send_digests

from .models import CheckInReminderLog
from .models import KeyResult
from .models import OkrSettings
from .models import Quarter


@dataclass(frozen=True)
class CheckInReminder:
    key_result: KeyResult
    email: str
    name: str
    quiet_since: date
    today: date

    @property
    def days(self) -> int:
        return (self.today - self.quiet_since).days


def _day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def pending_checkin_reminders(*, today: date) -> list[CheckInReminder]:
    """The check-in reminders due today that have not been sent yet."""
    days_by_programme = dict(
        OkrSettings.objects.values_list("programme_id", "checkin_reminder_days")
    )
    default_days = OkrSettings._meta.get_field("checkin_reminder_days").default
    key_results = (
        KeyResult.objects.filter(
            objective__quarter__state=Quarter.State.ACTIVE,
            owner__isnull=False,
            owner__is_active=True,
        )
        .exclude(owner__email="")
        .select_related("owner", "objective__project", "objective__quarter")
        .annotate(last_check_in=Max("check_ins__created_at"))
        .order_by("objective__project__title", "objective__order", "order", "pk")
    )
    sent = set(
        CheckInReminderLog.objects.filter(
            key_result__objective__quarter__state=Quarter.State.ACTIVE
        ).values_list("key_result_id", "recipient", "quiet_since")
    )
    pending = []
    for key_result in key_results:
        programme_id = key_result.objective.quarter.programme_id
        limit = days_by_programme.get(programme_id, default_days)
        quiet_since = _day(key_result.last_check_in or key_result.created_at)
        if today - quiet_since <= timedelta(days=limit):
            continue
        owner = key_result.owner
        if owner is None:
            continue
        email = owner.email.strip()
        if (key_result.pk, email, quiet_since) in sent:
            continue
        pending.append(
            CheckInReminder(key_result, email, str(key_result.owner), quiet_since, today)
        )
    return pending


def render(reminder: CheckInReminder) -> tuple[str, str]:
    key_result = reminder.key_result
    context = {
        "name": reminder.name,
        "key_result": key_result,
        "objective": key_result.objective,
        "project": key_result.objective.project,
        "quiet_since": reminder.quiet_since,
        "days": reminder.days,
        "link": base_url()
        + reverse("okr:key_result_detail", kwargs={"pk": key_result.pk})
        + "#checkin",
    }
    return rendered("okr/email/checkin", context)


def _record(reminder: CheckInReminder) -> None:
    CheckInReminderLog.objects.create(
        key_result=reminder.key_result,
        recipient=reminder.email,
        quiet_since=reminder.quiet_since,
    )


def send_checkin_reminders(*, today: date) -> tuple[int, int]:
    """Send the due check-in reminders, one digest per person (every quiet key result in one
    mail), to everyone who has not switched them off; returns (sent, failed) reminders."""
    sent, failed = send_digests(
        pending_checkin_reminders(today=today),
        unwanted=opted_out("checkin_reminders"),
        render=render,
        record=_record,
        subject_many=gettext_lazy("Lotse: %(n)d Key Results warten auf einen Check-in"),
        what="Check-in reminders",
    )
    return sent, len(failed)
