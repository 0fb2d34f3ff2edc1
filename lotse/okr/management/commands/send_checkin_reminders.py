"""Remind key-result owners whose key result has had no check-in for a while (run once a day)."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.utils import timezone

from lotse.commands import add_day_options
from lotse.commands import not_sent
from lotse.commands import parse_day
from lotse.commands import write_pending
from lotse.okr.reminders import pending_checkin_reminders
from lotse.okr.reminders import send_checkin_reminders


class Command(BaseCommand):
    help = (
        "Versendet Check-in-Erinnerungen an die Verantwortlichen von Key Results, für die seit "
        "längerer Zeit kein Check-in erfasst wurde. Jede Erinnerung geht nur einmal hinaus; "
        "mehrfaches Ausführen ist unschädlich."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_day_options(parser)

    def handle(self, *args: Any, today: str | None, dry_run: bool, **options: Any) -> None:
        day = parse_day(today) if today else timezone.localdate()
        if dry_run:
            pending = pending_checkin_reminders(today=day)
            lines = [
                f"Check-in: {r.key_result} (ohne Check-in seit {r.quiet_since:%d.%m.%Y}) "
                f"→ {r.email}"
                for r in pending
            ]
            write_pending(self.stdout, "Check-in-Erinnerungen (OKR)", lines)
            return
        sent, failed = send_checkin_reminders(today=day)
        self.stdout.write(f"Check-in-Erinnerungen (OKR): {sent} versendet.")
        if failed:
            raise CommandError(not_sent(failed, "Check-in-Erinnerung"))
