"""Remind key-result owners whose key result has had no check-in for a while (run once a day)."""

from datetime import date

from django.core.management.base import CommandError

from lotse.commands import DailyCommand
from lotse.commands import not_sent
from lotse.commands import write_pending
from lotse.okr.reminders import pending_checkin_reminders
from lotse.okr.reminders import send_checkin_reminders


class Command(DailyCommand):
    help = (
        "Versendet Check-in-Erinnerungen an die Verantwortlichen von Key Results, für die seit "
        "längerer Zeit kein Check-in erfasst wurde. Jede Erinnerung geht nur einmal hinaus; "
        "mehrfaches Ausführen ist unschädlich."
    )

    def run(self, today: date, dry_run: bool) -> None:
        if dry_run:
            pending = pending_checkin_reminders(today=today)
            lines = [
                f"Check-in: {r.key_result} (ohne Check-in seit {r.quiet_since:%d.%m.%Y}) "
                f"→ {r.email}"
                for r in pending
            ]
            write_pending(self.stdout, "Check-in-Erinnerungen (OKR)", lines)
            return
        sent, failed = send_checkin_reminders(today=today)
        self.stdout.write(f"Check-in-Erinnerungen (OKR): {sent} versendet.")
        if failed:
            raise CommandError(not_sent(failed, "Check-in-Erinnerung"))
