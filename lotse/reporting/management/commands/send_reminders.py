"""Send the reminder e-mails for status reports due soon or overdue (run once a day)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.core.management.base import CommandError

from lotse.commands import DailyCommand
from lotse.commands import not_sent
from lotse.commands import write_pending
from lotse.finance.reminders import pending_deadline_reminders
from lotse.finance.reminders import send_deadline_reminders
from lotse.reporting.models import ReminderLog
from lotse.reporting.reminders import ReminderFailures
from lotse.reporting.reminders import pending_reminders
from lotse.reporting.reminders import send_reminders


def _summary(count: int, kinds: Counter | None = None) -> str:
    if count == 0:
        return "keine Erinnerungen"
    text = "1 Erinnerung" if count == 1 else f"{count} Erinnerungen"
    if kinds:
        parts = [f"{n} {ReminderLog.Kind(kind).label}" for kind, n in sorted(kinds.items())]
        text += f" ({', '.join(parts)})"
    return text


class Command(DailyCommand):
    help = (
        "Versendet Erinnerungen an Projektleitungen, deren Statusbericht bald fällig oder "
        "überfällig ist, Check-in-Erinnerungen und Fristen-Erinnerungen an das PMO. "
        "Jede Erinnerung geht nur einmal hinaus; mehrfaches Ausführen ist "
        "unschädlich."
    )

    def run(self, today: date, dry_run: bool) -> None:
        stamp = f"{today:%d.%m.%Y}"
        if dry_run:
            pending = pending_reminders(today=today)
            kinds = Counter(r.kind for r in pending)
            self.stdout.write(f"Probelauf für den {stamp}: {_summary(len(pending), kinds)}.")
            for reminder in pending:
                self.stdout.write(
                    f"  {reminder.kind_label}: {reminder.project} "
                    f"({reminder.period}, fällig {reminder.period.due_date:%d.%m.%Y}) "
                    f"→ {reminder.email}"
                )
            deadlines = [
                f"Frist: {r.deadline.title} (fällig {r.deadline.due_date:%d.%m.%Y}) → {r.email}"
                for r in pending_deadline_reminders(today=today)
            ]
            write_pending(self.stdout, "Fristen-Erinnerungen (Finanzen)", deadlines)
            return
        deadlines_sent, deadlines_failed = send_deadline_reminders(today=today)
        self.stdout.write(f"Fristen-Erinnerungen (Finanzen): {deadlines_sent} versendet.")
        if deadlines_failed:
            self.stderr.write(not_sent(deadlines_failed, "Fristen-Erinnerung"))
        try:
            sent = send_reminders(today=today)
        except ReminderFailures as exc:
            self.stdout.write(f"Erinnerungen für den {stamp}: {_summary(exc.sent)} versendet.")
            failed = not_sent(len(exc.failed), "Erinnerung")
            raise CommandError(f"{failed} Details stehen im Log.") from exc
        self.stdout.write(
            self.style.SUCCESS(f"Erinnerungen für den {stamp}: {_summary(sent)} versendet.")
        )
