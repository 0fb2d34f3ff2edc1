"""Reminder e-mails to the PMO about funding deadlines (run daily by `send_reminders`).

A deadline that enters the programme's warning period brings each PMO member of the programme
one "Frist naht" mail; once it is overdue and still open, one "Frist überschritten" mail. Each
mail is logged (`DeadlineReminderLog`: deadline, person, due date, kind) inside the transaction
that sends it, so a rerun sends nothing twice and a failed mail is tried again next run.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy

from lotse.accounts.models import ProgrammeRole
from lotse.accounts.notifications import opted_out
from lotse.mail import base_url
from lotse.mail import rendered
from lotse.mail import send_digests
from lotse.portfolio.models import Programme

from . import selectors
from .models import Deadline
from .models import DeadlineReminderLog


@dataclass(frozen=True)
class DeadlineReminder:
    deadline: Deadline
    user_id: int
    email: str
    name: str
    kind: str
    today: date

    @property
    def overdue(self) -> bool:
        return self.kind == DeadlineReminderLog.Kind.OVERDUE


def pending_deadline_reminders(*, today: date) -> list[DeadlineReminder]:
    pending = []
    for programme in Programme.objects.order_by("name", "pk"):
        due = selectors.deadlines_due(programme, today)
        if not due:
            continue
        people = [
            role.user
            for role in ProgrammeRole.objects.filter(
                programme=programme, role=ProgrammeRole.Role.PMO
            ).select_related("user")
            if role.user.is_active and role.user.email.strip()
        ]
        sent = set(
            DeadlineReminderLog.objects.filter(deadline__in=due).values_list(
                "deadline_id", "user_id", "due_date", "kind"
            )
        )
        for deadline in due:
            kind = (
                DeadlineReminderLog.Kind.OVERDUE
                if deadline.is_overdue(today)
                else DeadlineReminderLog.Kind.WARNING
            )
            for person in {p.pk: p for p in people}.values():
                if (deadline.pk, person.pk, deadline.due_date, kind) in sent:
                    continue
                pending.append(
                    DeadlineReminder(
                        deadline, person.pk, person.email.strip(), str(person), kind, today
                    )
                )
    return pending


def _render(reminder: DeadlineReminder) -> tuple[str, str]:
    link = base_url() + reverse("finance:fundings", args=[reminder.deadline.programme.slug])
    context = {"r": reminder, "d": reminder.deadline, "link": link}
    return rendered("finance/email/deadline", context)


def _record(reminder: DeadlineReminder) -> None:
    DeadlineReminderLog.objects.create(
        deadline=reminder.deadline,
        user_id=reminder.user_id,
        due_date=reminder.deadline.due_date,
        kind=reminder.kind,
    )


def send_deadline_reminders(*, today: date) -> tuple[int, int]:
    """Send what is due, one digest per person (every due deadline in one mail), to everyone
    who has not switched deadline reminders off; returns (sent, failed) reminders."""
    sent, failed = send_digests(
        pending_deadline_reminders(today=today),
        unwanted=opted_out("deadline_reminders"),
        render=_render,
        record=_record,
        subject_many=gettext_lazy("Lotse: %(n)d Fristen brauchen Ihre Aufmerksamkeit"),
        what="Deadline reminders",
    )
    return sent, len(failed)
